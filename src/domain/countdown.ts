/**
 * The 2 x 24-hour revision countdown. The deadline is an absolute instant (UTC ms), computed once
 * from the time of the evaluator's notes and the window length, and stored; everything else is
 * derived from (deadline, now), so it survives reloads, offline use and a sleeping laptop: the
 * remaining time is always recomputed from the clock, never counted down by a timer.
 */
export const WARNINGS_HOURS = [24, 6, 1] as const;
export type WarningLevel = (typeof WARNINGS_HOURS)[number];

export function deadlineFrom(notesAt: number, hours: number): number {
  return notesAt + hours * 3600_000;
}

export interface CountdownState {
  remainingMs: number;
  closed: boolean;
  /** The most urgent warning threshold already crossed (24, 6 or 1 hours left), or null. */
  level: WarningLevel | null;
  /** Every threshold crossed so far, for notifying once per threshold. */
  crossed: WarningLevel[];
}

export function countdown(deadline: number, now: number): CountdownState {
  const remainingMs = deadline - now;
  const closed = remainingMs <= 0;
  const crossed = WARNINGS_HOURS.filter((h) => remainingMs <= h * 3600_000);
  return { remainingMs: Math.max(0, remainingMs), closed, level: crossed.length ? crossed[crossed.length - 1] : null, crossed: [...crossed] };
}

/** "47:59:12" style, hours may exceed 24. */
export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}
