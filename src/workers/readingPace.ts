/**
 * The reading worker gives way to searches. After an import the reading takes one of a laptop's
 * two cores for minutes (5,000 documents: about 4), and a search meanwhile shares the other with
 * the page: at 5,000 its p95 was 79 ms while the reading lasted and 37 ms after it
 * (docs/performance.md). A search comes in bursts (one per keystroke, then its excerpts), so the
 * page asks the reader to pause for `pauseMs` after each; the worker checks between two documents.
 *
 * It cannot starve: a pause lasts at most `maxMs` however many searches follow, and after one the
 * reader keeps a turn of `workMs` in which requests are not heard, so an officer searching without
 * stop still has the documents read at a quarter of the speed (3 s paused, 1 s read).
 */
export interface ReadingPace {
  /** A search started: pause the reading (at the next document) for `ms`, within the limits. */
  pause(ms: number): void;
  /** How long to wait before the next document (0: go on). */
  delay(): number;
}

export const PACE = { maxMs: 3_000, workMs: 1_000 };

export function readingPace(now: () => number = Date.now, o = PACE): ReadingPace {
  let until = 0;
  let pauseStart = 0;
  let turnEnd = 0;
  let waited = false;
  // a pause that has run out gives the reader its turn, whether it or a new search notices first
  const settle = (t: number) => {
    if (waited && t >= until) (waited = false), (turnEnd = t + o.workMs);
  };
  return {
    pause(ms) {
      const t = now();
      settle(t);
      if (!(ms > 0) || t < turnEnd) return;
      if (t >= until) pauseStart = t;
      until = Math.min(Math.max(until, t + ms), pauseStart + o.maxMs);
      waited = true;
    },
    delay() {
      const t = now();
      settle(t);
      return Math.max(0, until - t);
    },
  };
}
