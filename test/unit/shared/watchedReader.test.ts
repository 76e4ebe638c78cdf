import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchedReader, type ReaderPort } from '../../../src/shared/watchedReader';
import type { ReaderCommand, ReaderNews } from '../../../src/workers/reading.worker';

/** A stand-in reading worker: `say` is what the worker would post, `fail` its uncaught error. */
class FakeReader extends EventTarget implements ReaderPort {
  terminated = false;
  told: ReaderCommand[] = [];
  postMessage(m: ReaderCommand) {
    this.told.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  say(news: ReaderNews) {
    this.dispatchEvent(Object.assign(new Event('message'), { data: news }));
  }
  fail(message: string) {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
}

function setup(maxRestarts = 3, before: string[] = []) {
  const workers: FakeReader[] = [];
  const ends: string[] = [];
  const kept = [...before];
  const skipped = { read: () => [...kept], add: (v: string) => void kept.push(v) };
  const r = watchedReader(
    () => {
      const w = new FakeReader();
      workers.push(w);
      return w;
    },
    { checkEveryMs: 1000, stuckMs: 5000, maxRestarts, skipped, onEnd: (why) => ends.push(why) },
  );
  return { r, workers, ends, kept };
}

describe('watchedReader', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts one worker, told the documents passed over before; a healthy one is left alone however long it is idle', () => {
    const { r, workers } = setup(3, ['doc-a:1']);
    r.ensure();
    r.ensure();
    expect(workers).toHaveLength(1);
    expect(workers[0].told).toEqual([{ start: true, skip: ['doc-a:1'] }]);
    workers[0].say({ reading: 'doc-b:1' });
    vi.advanceTimersByTime(3000);
    workers[0].say({ reading: 'doc-c:1' });
    vi.advanceTimersByTime(3000);
    workers[0].say({ idle: true });
    vi.advanceTimersByTime(600_000);
    expect(workers[0].terminated).toBe(false);
    expect(r.restarts()).toBe(0);
  });

  it('a worker held by one document past the limit is ended; the next one is told to pass it over, and so are workers after a reload', () => {
    const { r, workers, ends, kept } = setup();
    r.ensure();
    workers[0].say({ reading: 'doc-b:1' });
    vi.advanceTimersByTime(4000);
    expect(workers[0].terminated).toBe(false);
    vi.advanceTimersByTime(2000);
    expect(workers[0].terminated).toBe(true);
    expect(ends).toEqual(['one document for over 5000 ms']);
    expect(kept).toEqual(['doc-b:1']);
    expect(workers).toHaveLength(2);
    expect(workers[1].told).toEqual([{ start: true, skip: ['doc-b:1'] }]);
    expect(r.restarts()).toBe(1);
    // the new one reads on; news from the old one no longer counts
    workers[0].say({ reading: 'doc-x:1' });
    workers[1].say({ idle: true });
    vi.advanceTimersByTime(60_000);
    expect(workers[1].terminated).toBe(false);
  });

  it('an uncaught error ends the worker and names the document it was on; an error between rounds names none', () => {
    const { r, workers, ends, kept } = setup();
    r.ensure();
    workers[0].say({ reading: 'doc-b:2' });
    workers[0].fail('out of memory');
    expect(workers[0].terminated).toBe(true);
    expect(kept).toEqual(['doc-b:2']);
    workers[1].say({ idle: true });
    workers[1].fail('boom');
    expect(kept).toEqual(['doc-b:2']);
    expect(ends).toEqual(['error: out of memory', 'error: boom']);
    expect(workers[2].told[0]).toEqual({ start: true, skip: ['doc-b:2'] });
  });

  it('stops replacing after the last restart: a fault that ends every worker does not loop for ever', () => {
    const { r, workers } = setup(2);
    r.ensure();
    for (let i = 0; i < 5; i++) workers.at(-1)!.fail('cannot load');
    expect(workers).toHaveLength(3);
    expect(workers.every((w) => w.terminated)).toBe(true);
    r.ensure();
    expect(workers).toHaveLength(3);
    expect(r.restarts()).toBe(2);
  });

  it('times the classifying alone: the database work after {read} (an import holding the database) is not held against it', () => {
    const { r, workers } = setup();
    r.ensure();
    workers[0].say({ reading: 'doc-b:1' });
    vi.advanceTimersByTime(3000);
    workers[0].say({ read: true });
    vi.advanceTimersByTime(60_000); // storing waits behind a long transaction
    expect(workers[0].terminated).toBe(false);
  });

  it('a check that comes late (the laptop slept) starts the clock again instead of ending the worker', () => {
    const { r, workers } = setup();
    r.ensure();
    workers[0].say({ reading: 'doc-b:1' });
    vi.advanceTimersByTime(900);
    // the next ticks arrive an hour late, at once (timers frozen while asleep)
    vi.setSystemTime(Date.now() + 3_600_000);
    vi.advanceTimersByTime(1000);
    expect(workers[0].terminated).toBe(false);
    // still stuck after waking: ended after the limit, counted from the wake
    vi.advanceTimersByTime(6000);
    expect(workers[0].terminated).toBe(true);
  });

  it('a document passed over reaches the next worker even when storage refuses to keep it', () => {
    const workers: FakeReader[] = [];
    const r = watchedReader(
      () => {
        const w = new FakeReader();
        workers.push(w);
        return w;
      },
      { checkEveryMs: 1000, stuckMs: 5000, maxRestarts: 3, skipped: { read: () => [], add: () => undefined } },
    );
    r.ensure();
    workers[0].say({ reading: 'doc-b:1' });
    workers[0].fail('out of memory');
    expect(workers[1].told[0]).toEqual({ start: true, skip: ['doc-b:1'] });
  });

  it("passes a search's pause to the live worker only (none before start; the replacement after a failure)", () => {
    const { r, workers } = setup();
    r.pause(1500);
    expect(workers).toHaveLength(0);
    r.ensure();
    r.pause(1500);
    expect(workers[0].told.at(-1)).toEqual({ pause: 1500 });
    workers[0].fail('boom');
    r.pause(800);
    expect(workers[0].told.filter((m) => 'pause' in m)).toHaveLength(1);
    expect(workers[1].told.at(-1)).toEqual({ pause: 800 });
  });
});

