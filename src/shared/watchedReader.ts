/**
 * The reading worker (workers/reading.worker.ts), watched. Unlike the search worker it is not
 * called: it drives itself, so it says what it does ({reading: version} before classifying a
 * document, {read} after, {idle} after a round) and is judged on that. It counts as failed on an
 * uncaught error, or when classifying one document has taken `stuckMs` (a loop that never ends,
 * or a worker the browser ended for its memory, which says nothing more). Only the classifying is
 * timed: the database work between two documents can wait behind an import's long transaction,
 * and a healthy worker was ended and a good document passed over (the session's review). A
 * check that comes late (the laptop slept, the tab was throttled) starts the clock again. The failed worker is terminated, the document it was
 * on is remembered (`skipped`, kept across reloads by the caller) and a new worker starts,
 * told to pass over every remembered document: one bad document costs one replacement, not a
 * replacement on every visit. After `maxRestarts` replacements the tab stops trying (imported
 * documents then stay without a reading; search is another worker and goes on).
 */
import type { ReaderCommand, ReaderNews } from '../workers/reading.worker';

export interface ReaderPort {
  postMessage(message: ReaderCommand): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error', listener: (e: Event) => void): void;
}


export interface ReaderWatchOptions {
  checkEveryMs: number;
  stuckMs: number;
  maxRestarts: number;
  /** The document versions passed over before (persisted by the caller). */
  skipped: { read(): string[]; add(version: string): void };
  onEnd?: (reason: string) => void;
}

export interface WatchedReader {
  /** Starts the worker if none runs and the restarts are not spent. */
  ensure(): void;
  /** A search started: the worker gives way for `ms` (workers/readingPace.ts); nothing if none runs. */
  pause(ms: number): void;
  restarts(): number;
}

export function watchedReader(spawn: (restarts: number) => ReaderPort, o: ReaderWatchOptions): WatchedReader {
  let live: ReaderPort | null = null;
  let started = 0;
  let current: { version: string; since: number } | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let lastCheck = 0;
  // passed over in this tab even when localStorage refuses to keep them
  const skippedHere = new Set<string>();

  function start(): void {
    if (live || started > o.maxRestarts) return;
    const port = spawn(started++);
    live = port;
    port.addEventListener('message', (e) => heard(port, (e as MessageEvent<ReaderNews>).data));
    port.addEventListener('error', (e) => stop(port, `error: ${(e as ErrorEvent).message || 'unknown'}`));
    port.postMessage({ start: true, skip: [...new Set([...o.skipped.read(), ...skippedHere])] });
  }

  function heard(port: ReaderPort, news: ReaderNews): void {
    if (live !== port || !news || typeof news !== 'object') return;
    if ('reading' in news && typeof news.reading === 'string') {
      current = { version: news.reading, since: Date.now() };
      lastCheck = Date.now();
      timer ??= setInterval(check, o.checkEveryMs);
    } else if ('read' in news) {
      current = null;
    } else if ('idle' in news) {
      current = null;
      if (timer) clearInterval(timer);
      timer = null;
    }
  }

  function check(): void {
    const now = Date.now();
    // a check far later than asked for: the machine slept or the tab was throttled; not the worker's time
    if (current && now - lastCheck > 3 * o.checkEveryMs) current.since = now;
    lastCheck = now;
    if (live && current && now - current.since > o.stuckMs) stop(live, `one document for over ${o.stuckMs} ms`);
  }

  function stop(port: ReaderPort, reason: string): void {
    if (live !== port) return;
    live = null;
    if (timer) clearInterval(timer);
    timer = null;
    port.terminate();
    if (current) skippedHere.add(current.version), o.skipped.add(current.version);
    current = null;
    o.onEnd?.(reason);
    start();
  }

  return { ensure: start, pause: (ms) => live?.postMessage({ pause: ms }), restarts: () => Math.max(0, started - 1) };
}

const SKIPPED_KEY = 'siap-kla.reading-skipped';
const SKIPPED_MAX = 200;

/** The passed-over documents in localStorage (the newest SKIPPED_MAX; nothing kept if storage is refused). */
export const storedSkips: ReaderWatchOptions['skipped'] = {
  read() {
    try {
      const v: unknown = JSON.parse(localStorage.getItem(SKIPPED_KEY) ?? '[]');
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  },
  add(version) {
    try {
      localStorage.setItem(SKIPPED_KEY, JSON.stringify([...storedSkips.read().filter((x) => x !== version), version].slice(-SKIPPED_MAX)));
    } catch {
      // private mode or full: this tab's worker was told already
    }
  },
};
