/**
 * The reading worker gives way to searches (src/workers/readingPace.ts): a pause after each
 * search, bounded so that an officer searching without stop cannot stop the reading for good.
 */
import { describe, expect, it } from 'vitest';
import { readingPace } from '../../../src/workers/readingPace';

function clock() {
  let t = 10_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('readingPace', () => {
  it("goes on at once with no search, and waits out a search's pause between two documents", () => {
    const c = clock();
    const pace = readingPace(c.now, { maxMs: 3000, workMs: 1000 });
    expect(pace.delay()).toBe(0);
    pace.pause(1500);
    expect(pace.delay()).toBe(1500);
    c.advance(1000);
    // a keystroke later: the pause runs on from it
    pace.pause(1500);
    expect(pace.delay()).toBe(1500);
    c.advance(1500);
    expect(pace.delay()).toBe(0);
  });

  it('never pauses longer than maxMs however many searches follow, then reads for workMs before hearing another', () => {
    const c = clock();
    const pace = readingPace(c.now, { maxMs: 3000, workMs: 1000 });
    // a search every 100 ms for 10 s; the reader checks between documents of 50 ms
    let read = 0;
    for (let ms = 0; ms < 10_000; ms += 50) {
      if (ms % 100 === 0) pace.pause(1500);
      if (pace.delay() === 0) read += 50;
      c.advance(50);
    }
    // 3 s paused, 1 s read, again: a quarter of the time
    expect(read).toBeGreaterThanOrEqual(2000);
    expect(read).toBeLessThanOrEqual(3000);
  });

  it('ignores a pause of no length or not a number (a message from elsewhere)', () => {
    const c = clock();
    const pace = readingPace(c.now);
    pace.pause(0);
    pace.pause(Number.NaN);
    pace.pause(-5);
    expect(pace.delay()).toBe(0);
  });

  it('gives no turn after a pause that ran out by itself: a search two seconds later pauses at once', () => {
    const c = clock();
    const pace = readingPace(c.now, { maxMs: 3000, workMs: 1000 });
    pace.pause(1500);
    c.advance(1500);
    expect(pace.delay()).toBe(0);
    c.advance(500);
    pace.pause(1500);
    expect(pace.delay()).toBe(1500);
  });
});

