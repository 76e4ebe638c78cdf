/**
 * The reading worker: reads where imported documents belong (db/classifyStored.ts), in a thread of
 * its own. It ran in the search worker until 7 Dec 2026, where a search typed meanwhile waited
 * for the document being read: at 5,000 documents search p95 was 142 ms (max 658) for the minutes
 * the reading lasted, 54 ms after (docs/performance.md). One per tab, started by the workspace
 * (shared/workspace.tsx) when there is something to read or to index.
 *
 * The index goes first: a round starts when the search queue is empty and stops when documents
 * are stored meanwhile (it starts again once they are indexed), so search finds new documents as
 * soon as before. One tab's worker reads at a time (Web Locks).
 */
import { liveQuery } from 'dexie';
import { KlaDb } from '../db/schema';
import { classifyUnread, CLASSIFICATIONS_CHANNEL, type ClassificationsMessage } from '../db/classifyStored';
import type { Model } from '../domain/classifier/model';
import builtinRulesUrl from '../../scoring-rules/kla-2024.json?url';
import { readingPace } from './readingPace';

const db = new KlaDb();

/** Compiled classifier models by rules hash (a workspace's rules; a few MB each, one or two in use). */
const models = new Map<string, Promise<Model | null>>();
function modelFor(hash: string): Promise<Model | null> {
  const known = models.get(hash);
  if (known) return known;
  const m = (async (): Promise<Model | null> => {
    // a workspace keeps its rules file; one made before it did has the built-in one
    const text = (await db.rules.get(hash))?.text ?? (await builtinRulesText(hash));
    if (!text) return null;
    return (await (await import('./rulesModel')).compileRulesText(text, hash)).model;
  })();
  models.set(hash, m);
  // only a compiled model is kept: a failed load (a missing chunk, no rules yet) is tried again next round
  m.then((x) => x || models.delete(hash), () => models.delete(hash));
  return m;
}

/** The built-in rules file's text if it is the one of this hash. */
async function builtinRulesText(hash: string): Promise<string | null> {
  try {
    const text = await (await fetch(builtinRulesUrl)).text();
    const { loadRulesText } = await import('../domain/rules/load');
    const r = await loadRulesText(text);
    return r.ok && r.rules.hash === hash ? text : null;
  } catch {
    return null;
  }
}

/** Document versions looked at in this worker's life (not read again on every round). */
const tried = new Set<string>();
/** Versions that ended a worker before (the watchdog's list): never tried, even after a clear. */
const skipped = new Set<string>();

const channel = (() => {
  try {
    const c = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CLASSIFICATIONS_CHANNEL);
    // an import replaced documents (a tab says so): what was tried may be worth trying again
    if (c) c.onmessage = (e: MessageEvent<unknown>) => (e.data as { all?: unknown } | null)?.all === true && (tried.clear(), skipped.forEach((v) => tried.add(v)));
    return c;
  } catch {
    return null;
  }
})();

/** Searches in the page pause the reading between two documents (readingPace.ts). */
const pace = readingPace();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function giveWay(): Promise<void> {
  for (let d = pace.delay(); d > 0; d = pace.delay()) await sleep(d);
  await sleep(0);
}

/** Documents waiting for the search index (-1 until first counted). */
let pending = -1;
let running: Promise<void> | null = null;
let again = false;

async function round(): Promise<void> {
  const run = async () => {
    const { classify } = await import('../domain/classifier/classify');
    await classifyUnread(db, tried, {
      modelFor,
      classify,
      announce: (ids) => channel?.postMessage({ documentIds: ids } satisfies ClassificationsMessage),
      yieldNow: giveWay,
      stop: () => pending !== 0,
      reading: (version) => say({ reading: version }),
      read: () => say({ read: true }),
    });
  };
  // one tab's worker reads at a time (each tab has one): the others wait their turn, then find
  // little or nothing left. Waiting, not skipping: a worker replaced by the watchdog, or a tab
  // closed mid-round, leaves the lock to be released a moment later, and a skipped round would
  // not come again before the next change.
  if (typeof navigator !== 'undefined' && navigator.locks) await navigator.locks.request('siap-kla.classify-unread', run);
  else await run();
}

/** A round now, or once the one running ends. */
function schedule(): void {
  if (running) return void (again = true);
  running = round()
    // a failed round waits for the next change (a retry at once would fail the same way, for ever)
    .catch((e) => console.warn('reading imported documents: round failed, tried again on the next change', e))
    .finally(() => {
      running = null;
      say({ idle: true });
      if (again && pending === 0) (again = false), schedule();
    });
}

/** What the worker tells the page's watchdog (shared/watchedReader.ts): the document it starts classifying, that it is done with it, or that a round ended. */
export type ReaderNews = { reading: string } | { read: true } | { idle: true };
/** What the page tells it: start, passing over these document versions (they ended a worker before); or a search started, give way for `pause` ms. */
export type ReaderCommand = { start: true; skip: string[] } | { pause: number };

/** News for the page's watchdog. */
const say = (news: ReaderNews) => self.postMessage(news);

let started = false;
// the page starts it, naming the documents that ended a worker before (they are passed over)
self.addEventListener('message', (e: MessageEvent<ReaderCommand>) => {
  if (e.data && 'pause' in e.data) return pace.pause(Number(e.data.pause));
  if (started || !e.data?.start) return;
  started = true;
  for (const v of Array.isArray(e.data.skip) ? e.data.skip : []) skipped.add(String(v)), tried.add(String(v));
  liveQuery(() => db.searchPending.count()).subscribe({
    next: (n) => {
      pending = n;
      // the index has caught up (at start, or after documents were stored): read what is unread
      if (n === 0) schedule();
    },
    error: (e) => console.warn('reading imported documents: cannot watch the queue', e),
  });
});
