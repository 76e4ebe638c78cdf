import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchedWorker, WorkerEnded, type Spawned } from '../../../src/shared/watchedWorker';

/** A stand-in worker: `hang` makes every call and ping wait for ever, `fail` fires its error event. */
class FakeWorker extends EventTarget {
  terminated = false;
  hang = false;
  terminate() {
    this.terminated = true;
  }
  fail(message: string) {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
}

function setup(maxRestarts = 3) {
  const workers: FakeWorker[] = [];
  const ends: string[] = [];
  const pings = { n: 0 };
  const spawn = (restarts: number): Spawned<{ ping(): Promise<boolean>; work(x: number): Promise<string> }> => {
    const worker = new FakeWorker();
    workers.push(worker);
    const never = new Promise<never>(() => undefined);
    const api = {
      ping: () => (pings.n++, worker.hang ? never : Promise.resolve(true)),
      work: (x: number) => (worker.hang ? never : Promise.resolve(`${x} by worker ${workers.indexOf(worker)} (restarts ${restarts})`)),
    };
    return { worker, api };
  };
  const w = watchedWorker(spawn, { pingEveryMs: 1000, unresponsiveMs: 5000, maxRestarts, onEnd: (r) => ends.push(r) });
  return { w, workers, ends, pings };
}

describe('watchedWorker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers through one worker while it is healthy', async () => {
    const { w, workers } = setup();
    expect(await w.call((a) => a.work(1))).toBe('1 by worker 0 (restarts 0)');
    expect(await w.call((a) => a.work(2))).toBe('2 by worker 0 (restarts 0)');
    expect(workers).toHaveLength(1);
    expect(w.restarts()).toBe(0);
  });

  it('a worker that throws is terminated, the call waiting on it fails, and the next call gets a new worker told it replaces one', async () => {
    const { w, workers, ends } = setup();
    w.ensure();
    workers[0].hang = true;
    const waiting = w.call((a) => a.work(1));
    workers[0].fail('boom');
    await expect(waiting).rejects.toBeInstanceOf(WorkerEnded);
    expect(workers[0].terminated).toBe(true);
    expect(ends).toEqual(['error: boom']);
    expect(await w.call((a) => a.work(2))).toBe('2 by worker 1 (restarts 1)');
    expect(w.restarts()).toBe(1);
  });

  it('a worker that stops answering while a call waits is ended after the silence, not before', async () => {
    const { w, workers, ends } = setup();
    w.ensure();
    workers[0].hang = true;
    let settled: unknown = null;
    const waiting = w.call((a) => a.work(1)).catch((e: unknown) => (settled = e));
    await vi.advanceTimersByTimeAsync(4000);
    expect(settled).toBeNull();
    expect(workers[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(2500);
    await waiting;
    expect(settled).toBeInstanceOf(WorkerEnded);
    expect(workers[0].terminated).toBe(true);
    expect(ends[0]).toMatch(/no answer for 5000 ms/);
  });

  it('a slow call on a worker that still answers pings is left alone', async () => {
    const { w, workers, pings } = setup();
    let finish!: (s: string) => void;
    const slow = w.call(() => new Promise<string>((r) => (finish = r)));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(pings.n).toBeGreaterThanOrEqual(15);
    expect(workers[0].terminated).toBe(false);
    finish('done');
    expect(await slow).toBe('done');
  });

  it('an idle worker is not pinged, and a hang with nothing waiting ends nothing', async () => {
    const { w, workers, pings } = setup();
    await w.call((a) => a.work(1));
    workers[0].hang = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pings.n).toBe(0);
    expect(workers[0].terminated).toBe(false);
  });

  it('after maxRestarts replacements calls fail at once instead of starting workers for ever', async () => {
    const { w, workers } = setup(2);
    for (let i = 0; i < 3; i++) {
      w.ensure();
      workers[i].fail(`crash ${i}`);
    }
    expect(workers).toHaveLength(3);
    await expect(w.call((a) => a.work(1))).rejects.toThrow(/replaced 2 times/);
    expect(workers).toHaveLength(3);
  });

  it('an error event from a worker already replaced changes nothing', async () => {
    const { w, workers, ends } = setup();
    w.ensure();
    workers[0].fail('first');
    expect(await w.call((a) => a.work(1))).toBe('1 by worker 1 (restarts 1)');
    workers[0].fail('late');
    expect(ends).toEqual(['error: first']);
    expect(await w.call((a) => a.work(2))).toBe('2 by worker 1 (restarts 1)');
  });
});
