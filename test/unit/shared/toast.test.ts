// @vitest-environment node
/**
 * The notices of shared/toast.ts: a step offered for undo becomes final (onExpire) when its
 * notice goes without the action, whether it timed out, was closed or was replaced by the next
 * step's notice; never when its Urungkan ran (even though that shows a notice of its own).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showToast, TOAST_MS, useToasts } from '../../../src/shared/toast';

afterEach(() => {
  for (const t of useToasts.getState().toasts) useToasts.getState().close(t.id);
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('toasts', () => {
  it('a step becomes final when its notice times out, is closed, or is replaced', () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    showToast({ message: 'a', onExpire: () => expired.push('a') });
    vi.advanceTimersByTime(TOAST_MS + 1);
    expect(expired).toEqual(['a']);
    const b = showToast({ message: 'b', onExpire: () => expired.push('b') });
    useToasts.getState().close(b);
    showToast({ message: 'c', onExpire: () => expired.push('c') });
    showToast({ message: 'd' });
    expect(expired).toEqual(['a', 'b', 'c']);
  });

  it('a tab frozen by the step itself does not use up the time to reach Urungkan', () => {
    // timers and the clock apart: a frozen tab runs no timer while the clock goes on, then runs
    // every late one at once
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const pass = (ms: number) => {
      for (let t = 0; t < ms; t += 50) {
        now += 50;
        vi.advanceTimersByTime(50);
      }
    };
    const id = showToast({ message: '3.887 berkas ditautkan.' });
    pass(1_000);
    // frozen 40 s (every screen catching up with the links), then the late timers all run
    now += 40_000;
    vi.advanceTimersByTime(40_000);
    expect(useToasts.getState().toasts.map((t) => t.id)).toEqual([id]);
    pass(TOAST_MS - 2_000);
    expect(useToasts.getState().toasts.map((t) => t.id)).toEqual([id]);
    pass(1_000);
    expect(useToasts.getState().toasts).toEqual([]);
  });

  it('a notice held by the pointer does not time out; its undo ran, it never becomes final', () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const id = showToast({ message: 'e', onExpire: () => expired.push('e') });
    useToasts.getState().hold(id);
    vi.advanceTimersByTime(TOAST_MS * 3);
    expect(useToasts.getState().toasts.map((t) => t.message)).toEqual(['e']);
    // Urungkan: disarmed first, then its own notice replaces it
    useToasts.getState().disarm(id);
    showToast({ message: 'dikembalikan' });
    expect(expired).toEqual([]);
  });
});
