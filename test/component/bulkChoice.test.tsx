// @vitest-environment jsdom
/**
 * The bulk link review (features/evidence/BulkLink.tsx): a file with no suggestion (no readable
 * text) can still be given a question by typing its code; a typed code ticks its row once, is
 * linked as typed (not "from a suggestion"), and an agency's copy refuses, as typed, a question
 * not given to it, instead of failing the whole step on "Tautkan".
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { useState } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EvidenceDoc, Workspace } from '../../src/domain/model';
import { parseRulesText, type Rules } from '../../src/domain/rules/load';
import { BulkLinkReview, type Proposal } from '../../src/features/evidence/BulkLink';
import { initI18n } from '../../src/i18n';
import { fakeModalDialogs } from './dialogs';

const parsed = parseRulesText(readFileSync('scoring-rules/kla-2024.json', 'utf8'), 'test-hash');
const rules = (parsed.ok ? parsed.rules : null) as Rules;
const state: { ws: Partial<Workspace> } = { ws: { id: 'w', role: 'city' } };
vi.mock('../../src/shared/workspace', () => ({ useWorkspace: () => ({ ws: state.ws, rules }) }));

beforeAll(async () => {
  await initI18n('id');
  fakeModalDialogs();
});

const doc = (name: string) => ({ id: name, name }) as EvidenceDoc;

function Review({ start, onApply }: { start: Proposal[]; onApply: (pairs: unknown) => Promise<void> }) {
  const [proposals, setProposals] = useState(start);
  return <BulkLinkReview proposals={proposals} setProposals={setProposals} rules={rules} onCancel={() => undefined} onApply={onApply as never} returnFocus={() => null} />;
}

describe('the bulk review', () => {
  it('lets a file with no suggestion be linked by a typed code, marked as typed', async () => {
    state.ws = { id: 'w', role: 'city' };
    const onApply = vi.fn(async () => undefined);
    render(<Review start={[{ doc: doc('pindaian.pdf'), suggestion: null, code: '', on: false }]} onApply={onApply} />);
    const tick = screen.getByRole('checkbox', { name: 'Pilih pindaian.pdf' });
    expect((tick as HTMLInputElement).disabled).toBe(true);
    const box = screen.getByLabelText('Kode pertanyaan lain untuk pindaian.pdf');
    fireEvent.change(box, { target: { value: '99.9' } });
    expect(screen.getByText('Kode 99.9 tidak ada di instrumen.')).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(box, { target: { value: '4.1' } });
    expect((tick as HTMLInputElement).disabled).toBe(false);
    expect((tick as HTMLInputElement).checked).toBe(true);
    // unticked by the officer, typing on in a valid code does not tick it again
    fireEvent.click(tick);
    fireEvent.change(box, { target: { value: '4.1 ' } });
    expect((tick as HTMLInputElement).checked).toBe(false);
    fireEvent.click(tick);
    fireEvent.click(screen.getByRole('button', { name: 'Tautkan 1 berkas' }));
    expect(onApply).toHaveBeenCalledWith([{ documentId: 'pindaian.pdf', code: '4.1', typed: true }]);
  });

  it("refuses in an agency's copy, as typed, a question not given to the agency", () => {
    state.ws = { id: 'w', role: 'agency', agency: { id: 'dinkes', name: 'Dinkes', codes: ['13.1'] } } as Partial<Workspace>;
    render(<Review start={[{ doc: doc('laporan.pdf'), suggestion: null, code: '', on: false }]} onApply={vi.fn()} />);
    const box = screen.getByLabelText('Kode pertanyaan lain untuk laporan.pdf');
    fireEvent.change(box, { target: { value: '4.1' } });
    expect(screen.getByText('Pertanyaan 4.1 tidak ditugaskan ke Dinkes.')).toBeTruthy();
    expect((screen.getByRole("checkbox", { name: "Pilih laporan.pdf" }) as HTMLInputElement).disabled).toBe(true);
    fireEvent.change(box, { target: { value: '13.1' } });
    expect((screen.getByRole("checkbox", { name: "Pilih laporan.pdf" }) as HTMLInputElement).disabled).toBe(false);
  });
});
