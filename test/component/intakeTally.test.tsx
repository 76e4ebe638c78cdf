// @vitest-environment jsdom
/**
 * A finished batch says how it went and shows what needs the officer first (the fifth walk: 43
 * files, "43 dari 43 selesai" and a full bar, the empty file's refusal and three duplicates among
 * rows the box did not show).
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { IntakeQueue } from '../../src/features/evidence/IntakePanel';
import { useIntake, type IntakeItem } from '../../src/shared/intake';

const item = (n: number, state: IntakeItem['state']): IntakeItem => ({ id: `f${n}`, name: `berkas-${String(n).padStart(2, '0')}.pdf`, size: 1000, state });
const names = () => [...document.querySelectorAll('.intake-item')].map((e) => e.getAttribute('data-name'));
/** The rows drawn (a folded row stays in the page, hidden). */
const shownNames = () => [...document.querySelectorAll<HTMLElement>('.intake-item')].filter((e) => !e.hidden && !e.closest('[hidden]')).map((e) => e.getAttribute('data-name'));

describe('the intake queue after a batch', () => {
  afterEach(() => act(() => useIntake.setState({ items: [], running: false })));

  it('tallies the outcomes and lists refused, failed and duplicate files first once the batch is over', () => {
    const items = [...Array.from({ length: 39 }, (_, k) => item(k, 'stored')), item(39, 'duplicate'), item(40, 'duplicate'), item(41, 'rejected'), item(42, 'duplicate')];
    act(() => useIntake.setState({ items, running: false }));
    render(<IntakeQueue />);
    expect(screen.getByTestId('intake-overall').textContent).toBe('43 dari 43 selesai');
    expect(screen.getByTestId('intake-tally').textContent).toBe('39 tersimpan · 3 sudah ada · 1 ditolak atau gagal');
    expect(names().slice(0, 4)).toEqual(['berkas-39.pdf', 'berkas-40.pdf', 'berkas-41.pdf', 'berkas-42.pdf']);
    // folded: only the four that need the officer are drawn (the 39 stored ones took Bukti's room)
    expect(shownNames()).toEqual(['berkas-39.pdf', 'berkas-40.pdf', 'berkas-41.pdf', 'berkas-42.pdf']);
    expect(names()).toHaveLength(43);
    fireEvent.click(screen.getByRole('button', { name: 'Tampilkan semua berkas (43)' }));
    expect(shownNames()).toHaveLength(43);
    expect(screen.getByText('Yang ditolak, gagal atau sudah ada ditampilkan lebih dulu.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tampilkan yang perlu diperiksa saja' }));
    expect(shownNames()).toHaveLength(4);
  });

  it('a clean batch folds to its tally: no list until asked for', () => {
    act(() => useIntake.setState({ items: [item(0, 'stored'), item(1, 'stored'), item(2, 'stored')], running: false }));
    render(<IntakeQueue />);
    expect(shownNames()).toEqual([]);
    expect(names()).toHaveLength(3);
    expect(screen.getByTestId('intake-tally').textContent).toBe('3 tersimpan');
    fireEvent.click(screen.getByRole('button', { name: 'Tampilkan semua berkas (3)' }));
    expect(shownNames()).toEqual(['berkas-00.pdf', 'berkas-01.pdf', 'berkas-02.pdf']);
    fireEvent.click(screen.getByRole('button', { name: 'Sembunyikan daftar' }));
    expect(shownNames()).toEqual([]);
  });

  it('each batch ends folded, whatever was chosen for the last one', () => {
    act(() => useIntake.setState({ items: [item(0, 'stored'), item(1, 'stored')], running: false }));
    render(<IntakeQueue />);
    fireEvent.click(screen.getByRole('button', { name: 'Tampilkan semua berkas (2)' }));
    expect(shownNames()).toHaveLength(2);
    act(() => useIntake.setState({ items: [item(0, 'stored'), item(1, 'stored'), item(2, 'queued')], running: true }));
    expect(shownNames()).toHaveLength(3); // a running batch shows its rows
    act(() => useIntake.setState({ items: [item(0, 'stored'), item(1, 'stored'), item(2, 'stored')], running: false }));
    expect(shownNames()).toEqual([]);
  });

  it('while it runs, rows keep their order (no jumping under the pointer); a clean batch says only what was stored', () => {
    const items = [item(0, 'stored'), item(1, 'duplicate'), item(2, 'reading'), item(3, 'queued')];
    act(() => useIntake.setState({ items, running: true }));
    const { unmount } = render(<IntakeQueue />);
    expect(shownNames()).toEqual(['berkas-00.pdf', 'berkas-01.pdf', 'berkas-02.pdf', 'berkas-03.pdf']);
    expect(screen.getByTestId('intake-tally').textContent).toBe('1 tersimpan · 1 sudah ada');
    unmount();
    act(() => useIntake.setState({ items: [item(0, 'stored'), item(1, 'stored')], running: false }));
    render(<IntakeQueue />);
    expect(screen.getByTestId('intake-tally').textContent).toBe('2 tersimpan');
    expect(screen.queryByText(/ditampilkan lebih dulu/)).toBeNull();
  });
});
