// @vitest-environment jsdom
/**
 * A screen whose read failed because the browser closed the database under it (a full disk; CI,
 * 7 Dec 2026: the intake's screen and its progress fell to "AbortError: The connection was
 * closed") is drawn again, as Dexie opens the database again; only a failure that keeps coming
 * shows the error, with what to do. The officer is told once, with when, that it happened.
 */
import { StrictMode } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../src/app/ErrorBoundary';
import { StorageClosedNotice } from '../../src/app/Banners';
import { noteForcedClose } from '../../src/db/client';

const closed = () => new DOMException('The connection was closed.', 'AbortError');

/** A screen that throws while `state.broken` (React calls it more than once per attempt). */
function screenFailing(error: () => Error = closed) {
  const state = { broken: true };
  function Screen() {
    if (state.broken) throw error();
    return <p>Daftar bukti</p>;
  }
  return { Screen, state };
}

/** The read works again (Dexie reopened): the next redraw, a second later, shows the screen. */
function comesBackASecondAfter(state: { broken: boolean }) {
  state.broken = false;
  act(() => void vi.advanceTimersByTime(1000));
  expect(screen.getByText('Daftar bukti')).toBeTruthy();
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a read cut off by the browser closing the database', () => {
  it('is drawn again a second later, and the screen comes back', () => {
    const { Screen, state } = screenFailing();
    render(<ErrorBoundary resetKey="bukti"><Screen /></ErrorBoundary>);
    expect(screen.getByTestId('reconnecting').textContent).toMatch(/membukanya lagi/);
    expect(screen.queryByTestId('error-boundary')).toBeNull();
    act(() => void vi.advanceTimersByTime(1000));
    expect(screen.getByTestId('reconnecting')).toBeTruthy();
    comesBackASecondAfter(state);
  });

  it('failing on, it shows the error and what to do, after three tries in a minute', () => {
    const { Screen } = screenFailing();
    render(<ErrorBoundary resetKey="bukti"><Screen /></ErrorBoundary>);
    for (let i = 0; i < 3; i++) act(() => void vi.advanceTimersByTime(1000));
    const shown = screen.getByTestId('error-boundary').textContent ?? '';
    expect(shown).toMatch(/The connection was closed/);
    expect(shown).toMatch(/ruang disk habis/);
    act(() => void vi.advanceTimersByTime(5000));
    expect(screen.getByTestId('error-boundary')).toBeTruthy();
  });

  it('once shown, the error stays (a redraw of the parent a minute later does not start over)', () => {
    const { Screen } = screenFailing();
    const view = render(<ErrorBoundary resetKey="bukti"><Screen /></ErrorBoundary>);
    for (let i = 0; i < 3; i++) act(() => void vi.advanceTimersByTime(1000));
    expect(screen.getByTestId('error-boundary')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(61_000));
    view.rerender(<ErrorBoundary resetKey="bukti"><Screen /></ErrorBoundary>);
    expect(screen.getByTestId('error-boundary')).toBeTruthy();
    expect(screen.queryByTestId('reconnecting')).toBeNull();
  });

  it('in StrictMode (mounted twice in development) the screen still comes back', () => {
    const { Screen, state } = screenFailing();
    render(<StrictMode><ErrorBoundary resetKey="bukti"><Screen /></ErrorBoundary></StrictMode>);
    expect(screen.getByTestId('reconnecting')).toBeTruthy();
    comesBackASecondAfter(state);
  });

  it("a redraw meant for the last screen neither clears nor counts the next screen's error", () => {
    const { Screen } = screenFailing();
    const other = screenFailing(() => new Error('chunk failed'));
    const view = render(<ErrorBoundary resetKey="bukti"><Screen /></ErrorBoundary>);
    expect(screen.getByTestId('reconnecting')).toBeTruthy();
    view.rerender(<ErrorBoundary resetKey="instrumen"><other.Screen /></ErrorBoundary>);
    expect(screen.getByTestId('error-boundary').textContent).toMatch(/chunk failed/);
    other.state.broken = false; // would show the screen if the old timer cleared the error
    act(() => void vi.advanceTimersByTime(2000));
    expect(screen.getByTestId('error-boundary')).toBeTruthy();
  });

  it('another error is shown at once, without a retry', () => {
    const { Screen, state } = screenFailing(() => new Error('chunk failed'));
    render(<ErrorBoundary resetKey="bukti"><Screen /></ErrorBoundary>);
    expect(screen.getByTestId('error-boundary').textContent).toMatch(/chunk failed/);
    expect(screen.getByTestId('error-boundary').textContent).not.toMatch(/ruang disk/);
    state.broken = false;
    act(() => void vi.advanceTimersByTime(2000));
    expect(screen.getByTestId('error-boundary')).toBeTruthy();
  });
});

describe('the notice', () => {
  it('says when the browser closed the storage, in WIB, until it is closed', () => {
    render(<StorageClosedNotice />);
    expect(screen.queryByTestId('storage-closed')).toBeNull();
    // 14:05 WIB
    act(() => noteForcedClose(Date.UTC(2026, 11, 7, 7, 5)));
    const notice = screen.getByTestId('storage-closed');
    expect(notice.textContent).toMatch(/14[.:]05/);
    expect(notice.textContent).toMatch(/Yang sudah tersimpan tetap ada/);
    fireEvent.click(screen.getByRole('button', { name: 'Tutup' }));
    expect(screen.queryByTestId('storage-closed')).toBeNull();
  });
});
