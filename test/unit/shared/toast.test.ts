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
