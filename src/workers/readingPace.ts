/**
 * The reading worker gives way to searches. After an import the reading takes one of a laptop's
 * two cores for minutes (5,000 documents: about 4), and a search meanwhile shares the other with
 * the page: at 5,000 its p95 was 79 ms while the reading lasted and 37 ms after it
 * (docs/performance.md). A search comes in bursts (one per keystroke, then its excerpts), so the
 * page asks the reader to pause for `pauseMs` after each; the worker checks between two documents.
 *
 * It cannot starve: a pause lasts at most `maxMs` however many searches follow, and a pause cut
 * short by that bound gives the reader a turn of `workMs` in which requests are not heard, so an
 * officer searching without stop still has the documents read at a quarter of the speed (3 s
 * paused, 1 s read). A pause that ran out by itself gives no turn: the next search pauses at once.
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
  // the pause met its bound (searches kept coming): the reader's turn is due when it ends
  let capped = false;
  const settle = (t: number) => {
    // the turn runs from the pause's end, whenever the worker or a search notices it
    if (capped && t >= until) (capped = false), (turnEnd = until + o.workMs);
  };
  return {
    pause(ms) {
      const t = now();
      settle(t);
      if (!(ms > 0) || t < turnEnd) return;
      if (t >= until) (pauseStart = t), (capped = false);
      const want = Math.max(until, t + ms);
      until = Math.min(want, pauseStart + o.maxMs);
      if (want > until) capped = true;
    },
    delay() {
      const t = now();
      settle(t);
      return Math.max(0, until - t);
    },
  };
}
