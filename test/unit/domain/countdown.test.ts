import { describe, expect, it } from 'vitest';
import { countdown, deadlineFrom, formatRemaining } from '../../../src/domain/countdown';

const H = 3600_000;
describe('revision countdown', () => {
  const notes = Date.UTC(2026, 11, 14, 7, 0); // 14:00 WIB
  const deadline = deadlineFrom(notes, 48);
  it('is 48 hours from the time of the notes, as an absolute instant', () => {
    expect(deadline - notes).toBe(48 * H);
    expect(new Date(deadline).toISOString()).toBe('2026-12-16T07:00:00.000Z');
  });
  it('warns at 24 h, 6 h and 1 h and closes at the deadline', () => {
    expect(countdown(deadline, notes)).toEqual({ remainingMs: 48 * H, closed: false, level: null, crossed: [] });
    expect(countdown(deadline, deadline - 24 * H).level).toBe(24);
    expect(countdown(deadline, deadline - 24 * H - 1).level).toBeNull();
    expect(countdown(deadline, deadline - 5 * H)).toMatchObject({ level: 6, crossed: [24, 6] });
    expect(countdown(deadline, deadline - 1)).toMatchObject({ level: 1, closed: false });
    expect(countdown(deadline, deadline)).toMatchObject({ closed: true, remainingMs: 0 });
    // a laptop that slept through the deadline: closed on waking
    expect(countdown(deadline, deadline + 10 * H).closed).toBe(true);
  });
  it('formats the remaining time', () => {
    expect(formatRemaining(47 * H + 59 * 60_000 + 12_000)).toBe('47:59:12');
    expect(formatRemaining(-5)).toBe('00:00:00');
  });
});
