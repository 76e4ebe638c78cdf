/**
 * The search worker: builds the persisted full-text index as documents arrive and answers
 * queries from it, off the main thread (src/db/searchIndex.ts has the layout). One per tab.
 *
 * Indexing is driven by the `searchPending` table (written with every stored document): the
 * worker watches its size and indexes in batches, right away once a batch is full, otherwise
 * after a short quiet spell, so a batch of files becomes a few large segments instead of many
 * small ones. Several tabs may each run one. A batch's segment and pair filters are written in
 * one transaction and the batch leaves `searchPending` in a second; if two tabs take the same batch,
 * or a crash falls between the two, the batch is indexed twice, which merges drop (postings are
 * kept as sets) and costs nothing else.
 */
import * as Comlink from 'comlink';
import { liveQuery } from 'dexie';
import { KlaDb } from '../db/schema';
import { fromStored } from '../db/texts';
import { scanWorkspacePersonalData } from '../db/privacyScan';
import { SearchIndex } from '../db/searchIndex';
import { roundFailure } from './indexRetry';
import { diskFullWait, noteDiskFull } from '../db/diskFull';
import { snippetsOneByOne, type Snippet } from '../domain/evidence/textSearch';
import { linkSuggestion, type LinkSuggestion } from '../domain/evidence/linkSuggestion';
import { compileRulesText } from './rulesModel';
import { flagsWork, type Compiled } from './flagsWork';

const db = new KlaDb();
const index = new SearchIndex(db);
const FULL_BATCH = 100;
const QUIET_MS = 1500;

/** Pair filters by document number, loaded on the first phrase query and kept (about 1 KB per 100 pairs). */
const blooms = new Map<number, Uint8Array>();
async function bloomSource(nos: number[]): Promise<Map<number, Uint8Array>> {
  const missing = nos.filter((n) => !blooms.has(n));
  for (let i = 0; i < missing.length; i += 2000) {
    const rows = await db.blooms.bulkGet(missing.slice(i, i + 2000));
    for (const r of rows) if (r) blooms.set(r.no, r.bits);
  }
  return blooms;
}

const warmed = new Set<string>();
let draining: Promise<void> | null = null;
/** After the index itself met a full disk: how long it waits before the next try, and until when. */
let fullBackoff = 0;
let retryAt = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
/** Until when documents wait for the quiet spell before a batch (not a full disk's wait: nothing is indexed then). */
let quietUntil = 0;

/** Index every pending document, batch by batch. */
async function drainAll(): Promise<void> {
  while ((await index.indexPending((no, bits) => void blooms.set(no, bits))) > 0) {
    /* next batch */
  }
}

function drain(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  if (draining) return;
  // the disk ran full a moment ago (here or in a tab): the index waits, it is not worth the database
  const wait = Math.max(diskFullWait(), retryAt - Date.now());
  if (wait > 0) return void (timer = setTimeout(drain, wait));
  draining = drainAll()
    .then(() => void (fullBackoff = 0))
    .catch((e) => {
      const next = roundFailure(e, fullBackoff);
      if (next.kind === 'other') return console.warn('search index: batch failed, retried on the next change', e);
      if (timer) clearTimeout(timer);
      if (next.kind === 'closed') return void (timer = setTimeout(drain, next.wait));
      // the disk is still full: tell the others
      noteDiskFull();
      fullBackoff = next.backoff;
      retryAt = Date.now() + fullBackoff;
      timer = setTimeout(drain, fullBackoff);
    })
    .finally(() => {
      draining = null;
    });
}

liveQuery(() => db.searchPending.count()).subscribe({
  next: (n) => {
    // documents were stored or indexed (here, in another tab, by an import): segments may differ
    index.invalidate();
    if (!n) return;
    if (n >= FULL_BATCH) drain();
    else {
      if (timer) clearTimeout(timer);
      timer = setTimeout(drain, QUIET_MS);
      quietUntil = Date.now() + QUIET_MS;
    }
  },
  error: (e) => console.warn('search index: cannot watch the queue', e),
});

// a tab opened with documents still waiting from an earlier visit
drain();

/** The classifier of the rules last asked for (suggestions, flags), compiled once. */
let compiledRules: { hash: string; compiled: Promise<Compiled> } | null = null;
function compiledOf(rulesHash: string): Promise<Compiled> {
  if (compiledRules?.hash !== rulesHash) {
    const compiled = db.rules.get(rulesHash).then(async (r): Promise<Compiled> => {
      if (!r) return null;
      const { model, rules } = await compileRulesText(r.text, r.hash);
      return model && rules ? { model, rules } : null;
    });
    compiledRules = { hash: rulesHash, compiled };
    // not kept when it could not be made: the next call tries again (else the page does it every time)
    const forget = () => compiledRules?.compiled === compiled && (compiledRules = null);
    void compiled.then((m) => m ?? forget(), forget);
  }
  return compiledRules.compiled;
}
const flags = flagsWork(() => db, compiledOf);
/** Classifications read at once for the suggestions: a few KB to 70 KB each. */
const SUGGEST_CHUNK = 100;

/** Bumped by every search: excerpts still being made for an older query stop (nobody shows them). */
let searches = 0;

const api = {
  /** An answer when the thread is free (the tab's watchdog, shared/watchedWorker.ts). */
  ping: async () => true,

  /** Numbers of the documents whose text matches; `ms` is the time spent in the index. */
  async search(workspaceId: string, query: string): Promise<{ nos: Uint32Array; partial: boolean; ms: number; didYouMean: { query: string; nos: number[] } | null; indexing: boolean }> {
    searches++;
    const t0 = performance.now();
    // documents being indexed now, or waiting for the quiet spell: the answer may miss them (the page asks again)
    const busy = () => draining !== null || Date.now() < quietUntil;
    const indexingBefore = busy();
    const r = await index.search(workspaceId, query, bloomSource);
    const nos = Uint32Array.from(r.nos);
    // nothing found: the same query with its unknown words spelt as the documents spell them
    const didYouMean = nos.length ? null : await index.correction(workspaceId, query, bloomSource);
    return Comlink.transfer({ nos, partial: r.partial, ms: performance.now() - t0, didYouMean, indexing: indexingBefore || busy() }, [nos.buffer]);
  },

  /**
   * Highlighted excerpts (page by page) of the documents shown, from their stored text. One
   * document at a time, so a search typed meanwhile is answered between two documents instead of
   * waiting behind the texts of the previous results (at 5,000 documents that wait was most of
   * search's p95); a search also ends the loop early, leaving out the rest.
   */
  async snippets(ids: string[], query: string): Promise<Record<string, Snippet[]>> {
    const asOf = searches;
    return snippetsOneByOne(ids, async (id) => fromStored(await db.texts.get(id)), query, () => searches !== asOf);
  },

  /** Load a workspace's pair filters ahead of the first phrase query (the Bukti page opened). */
  async warm(workspaceId: string): Promise<void> {
    if (warmed.has(workspaceId)) return;
    warmed.add(workspaceId);
    await index.segments(workspaceId);
    await db.blooms
      .where('workspaceId')
      .equals(workspaceId)
      .each((b) => void blooms.set(b.no, b.bits));
  },

  /**
   * The link suggestions of these documents (Bukti's bulk review), from their stored
   * classifications. Worked out here: reading 5,000 classifications took the page 36 s on a slow
   * laptop (the page's CPU throttled 4x), frozen; the suggestions themselves are a few bytes.
   * Read in chunks, so a search or the watchdog's ping is answered between two. Null when this
   * browser does not hold the rules file (the page, which has it, works them out itself).
   */
  async suggestions(ids: string[], rulesHash: string): Promise<Record<string, LinkSuggestion | null> | null> {
    const model = (await compiledOf(rulesHash))?.model;
    if (!model) return null;
    const out: Record<string, LinkSuggestion | null> = {};
    for (let i = 0; i < ids.length; i += SUGGEST_CHUNK) {
      const part = ids.slice(i, i + SUGGEST_CHUNK);
      const rows = await db.classifications.bulkGet(part);
      part.forEach((id, k) => (out[id] = linkSuggestion(model, rows[k]?.classification)));
    }
    return out;
  },

  /**
   * The misfile flags of a workspace's links (shared/flagsSource.ts asks): the classifications
   * of the linked documents are read and kept here, not in the page (db/flagsEngine.ts). Null
   * when this browser does not hold the rules file.
   */
  flags: flags.flags,
  flagsEnd: flags.flagsEnd,

  /** Documents whose name or text holds personal data (the warning before export). */
  personalData: (workspaceId: string) => scanWorkspacePersonalData(db, workspaceId),

  /** Index whatever is pending now (tests, and a workspace just opened). */
  async flush(): Promise<void> {
    drain();
    await draining;
  },
};

export type SearchApi = typeof api;
Comlink.expose(api);
