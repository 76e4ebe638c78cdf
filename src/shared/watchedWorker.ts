/**
 * A long-lived worker that is replaced when it fails (the search worker; src/shared/search.ts).
 * It counts as failed on an uncaught error in it, or when it has not answered a ping for
 * `unresponsiveMs` while a call waits on it (a loop that never yields). The failed worker is
 * terminated, the calls waiting on it fail with WorkerEnded, and the next call starts a new one.
 * After `maxRestarts` replacements the tab stops trying: calls fail at once (a fault that kills
 * every new worker would otherwise restart it for ever).
 */
export interface Spawned<A> {
  worker: Pick<Worker, 'terminate' | 'addEventListener'>;
  api: A;
}

export interface WatchOptions {
  pingEveryMs: number;
  unresponsiveMs: number;
  maxRestarts: number;
  /** Told why a worker was ended (for the console). */
  onEnd?: (reason: string) => void;
}

export class WorkerEnded extends Error {
  constructor(reason: string) {
    super(`worker ended: ${reason}`);
    this.name = 'WorkerEnded';
  }
}

interface Live<A> {
  spawned: Spawned<A>;
  ended: Promise<never>;
  end: (e: WorkerEnded) => void;
  inflight: number;
  lastSeen: number;
  pinging: boolean;
  timer: ReturnType<typeof setInterval> | null;
}

export interface WatchedWorker<A> {
  /** `f` with the live worker's api; fails with WorkerEnded if that worker is ended meanwhile. */
  call<T>(f: (api: A) => Promise<T>): Promise<T>;
  /** Starts the worker if none runs (it may have work of its own to do). */
  ensure(): void;
  /** How many times a worker was replaced. */
  restarts(): number;
}

/** `spawn(restarts)` makes a worker; `restarts` > 0 means the ones before it failed. */
export function watchedWorker<A extends { ping(): Promise<unknown> }>(spawn: (restarts: number) => Spawned<A>, o: WatchOptions): WatchedWorker<A> {
  let live: Live<A> | null = null;
  let started = 0;

  function start(): Live<A> | null {
    if (live) return live;
    if (started > o.maxRestarts) return null;
    const spawned = spawn(started++);
    let end!: (e: WorkerEnded) => void;
    const ended = new Promise<never>((_, reject) => (end = reject));
    ended.catch(() => undefined);
    const l: Live<A> = { spawned, ended, end, inflight: 0, lastSeen: Date.now(), pinging: false, timer: null };
    spawned.worker.addEventListener('error', (e) => stop(l, `error: ${(e as ErrorEvent).message || 'unknown'}`));
    spawned.worker.addEventListener('messageerror', () => stop(l, 'messageerror'));
    return (live = l);
  }

  function stop(l: Live<A>, reason: string): void {
    if (live !== l) return;
    live = null;
    if (l.timer) clearInterval(l.timer);
    l.spawned.worker.terminate();
    o.onEnd?.(reason);
    l.end(new WorkerEnded(reason));
  }

  /** While calls wait: a ping every pingEveryMs, and the end if nothing was heard for unresponsiveMs. */
  function watch(l: Live<A>): void {
    if (l.timer) return;
    l.timer = setInterval(() => {
      if (l.inflight === 0) {
        clearInterval(l.timer!);
        l.timer = null;
        return;
      }
      if (Date.now() - l.lastSeen > o.unresponsiveMs) return stop(l, `no answer for ${o.unresponsiveMs} ms`);
      if (l.pinging) return;
      l.pinging = true;
      l.spawned.api.ping().then(
        () => ((l.lastSeen = Date.now()), (l.pinging = false)),
        () => (l.pinging = false),
      );
    }, o.pingEveryMs);
  }

  return {
    async call(f) {
      const l = start();
      if (!l) throw new WorkerEnded(`replaced ${o.maxRestarts} times, not started again`);
      if (l.inflight++ === 0) l.lastSeen = Date.now();
      watch(l);
      try {
        const r = await Promise.race([f(l.spawned.api), l.ended]);
        l.lastSeen = Date.now();
        return r;
      } finally {
        l.inflight--;
      }
    },
    ensure: () => void start(),
    restarts: () => Math.max(0, started - 1),
  };
}
