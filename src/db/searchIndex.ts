/**
 * The full-text search index, kept in IndexedDB (db v3) so that neither a reload nor a workspace
 * of thousands of documents puts the corpus's text in memory.
 *
 * Layout: an inverted index in segments, like a small Lucene. Documents are indexed in batches
 * (`indexPending`); each batch becomes a segment: for every term, one row
 * `[workspaceId, term, seg] -> ascending document numbers`. A query reads, for each of its words,
 * the few rows of that term (one per segment), or the rows of every term with that prefix, and
 * intersects. Segments of a similar size are merged once there are many of them
 * (`mergeSegments`), so a term never needs more than a few dozen rows. A row under the reserved
 * term SEG_TERM lists a segment's documents. Deleted documents simply stop resolving (their
 * numbers are never reused), and a re-read document gets a new number.
 *
 * Phrases use each document's Bloom filter of adjacent word pairs (src/domain/evidence/terms.ts).
 * The index is written in the search worker; `searchPending` (written with each document, in the
 * same transaction) says what is still to index, so a crash mid-way loses nothing.
 */
import Dexie from 'dexie';
import { bloomHasPair, clauseTerms, documentTerms, intersect, pairBloom, parseClauses, tokens, union, type Clause } from '../domain/evidence/terms';
import { DOC_SEQ_KEY, type KlaDb, type Posting } from './schema';

export const SEG_TERM = '\u0000';
/** A batch is cut at this many documents or this much text, whichever comes first. */
const BATCH_DOCS = 200;
const BATCH_CHARS = 24_000_000;
/** A size tier (1-9, 10-99, 100-999 documents...) is merged when it holds this many segments. */
const MERGE_AT = 8;
/** Merges stop at this many documents: the postings of a merge are held in memory. */
const MERGE_MAX_DOCS = 2500;
/** A prefix that matches more rows than this is cut (and the result says so). */
const PREFIX_ROWS = 6000;

/** A new document number (call inside a write transaction that includes `settings`). */
export async function nextDocNo(db: KlaDb): Promise<number> {
  const n = (((await db.settings.get(DOC_SEQ_KEY))?.value as number | undefined) ?? 0) + 1;
  await db.settings.put({ key: DOC_SEQ_KEY, value: n });
  return n;
}

/**
 * A new segment id: the time with random low bits, so that writing the index never touches a
 * table that storing a document needs (a shared counter would make every store wait for the
 * index's long transactions). Only uniqueness matters, never order.
 */
const newSegId = () => Date.now() * 2048 + Math.floor(Math.random() * 2048);

/** The first of `n` consecutive new document numbers (same transaction rule). */
export async function reserveDocNos(db: KlaDb, n: number): Promise<number> {
  const first = (((await db.settings.get(DOC_SEQ_KEY))?.value as number | undefined) ?? 0) + 1;
  await db.settings.put({ key: DOC_SEQ_KEY, value: first + n - 1 });
  return first;
}

/** Index up to one batch of pending documents; returns how many were indexed (0: nothing left). */
export async function indexPending(db: KlaDb, onBloom?: (no: number, bits: Uint8Array) => void): Promise<number> {
  const pending = await db.searchPending.limit(BATCH_DOCS).toArray();
  if (!pending.length) return 0;
  const workspaceId = pending[0].workspaceId;
  const ids = pending.filter((p) => p.workspaceId === workspaceId).map((p) => p.id);
  const [docs, texts] = await Promise.all([db.documents.bulkGet(ids), db.texts.bulkGet(ids)]);
  const postings = new Map<string, number[]>();
  const blooms: { no: number; workspaceId: string; bits: Uint8Array }[] = [];
  const done: string[] = [];
  let chars = 0;
  for (let i = 0; i < ids.length && chars < BATCH_CHARS; i++) {
    done.push(ids[i]);
    const doc = docs[i];
    if (!doc?.no) continue; // deleted since, or stored by an older version: nothing to index
    const text = texts[i]?.text ?? '';
    chars += text.length;
    const words = tokens(`${doc.name}\n${doc.title ?? ''}\n${text}`);
    for (const t of documentTerms(words)) {
      const list = postings.get(t);
      if (list) list.push(doc.no);
      else postings.set(t, [doc.no]);
    }
    blooms.push({ no: doc.no, workspaceId, bits: pairBloom(words) });
  }
  const nos = blooms.map((b) => b.no).sort((a, b) => a - b);
  // Two transactions: the long one touches only the index's own tables, so documents keep being
  // stored meanwhile; a crash between the two re-indexes the batch, which adds nothing twice
  // (lists are merged as sets, filters are overwritten).
  if (nos.length) {
    await db.transaction('rw', [db.postings, db.blooms], async () => {
      const seg = newSegId();
      const rows: Posting[] = [{ workspaceId, term: SEG_TERM, seg, nos: Uint32Array.from(nos) }];
      for (const [term, list] of postings) rows.push({ workspaceId, term, seg, nos: Uint32Array.from(list.sort((a, b) => a - b)) });
      await db.postings.bulkPut(rows);
      await db.blooms.bulkPut(blooms);
    });
  }
  await db.searchPending.bulkDelete(done);
  for (const b of blooms) onBloom?.(b.no, b.bits);
  await mergeSegments(db, workspaceId);
  return done.length;
}

const tier = (docs: number) => Math.floor(Math.log10(Math.max(1, docs)));

async function segments(db: KlaDb, workspaceId: string): Promise<{ seg: number; docs: number }[]> {
  const rows = await db.postings.where('[workspaceId+term+seg]').between([workspaceId, SEG_TERM, Dexie.minKey], [workspaceId, SEG_TERM, Dexie.maxKey]).toArray();
  return rows.map((r) => ({ seg: r.seg, docs: r.nos.length }));
}

/** Merge segments of the same size tier while one tier holds MERGE_AT or more. */
export async function mergeSegments(db: KlaDb, workspaceId: string): Promise<void> {
  for (;;) {
    const segs = await segments(db, workspaceId);
    const tiers = new Map<number, { seg: number; docs: number }[]>();
    for (const s of segs) tiers.set(tier(s.docs), [...(tiers.get(tier(s.docs)) ?? []), s]);
    const full = [...tiers.values()].find((t) => t.length >= MERGE_AT);
    if (!full) return;
    const pick: number[] = [];
    let total = 0;
    for (const s of full.sort((a, b) => a.docs - b.docs)) {
      if (pick.length >= 2 && total + s.docs > MERGE_MAX_DOCS) break;
      pick.push(s.seg);
      total += s.docs;
    }
    if (pick.length < 2 || (total > MERGE_MAX_DOCS && pick.length === full.length)) return;
    await mergeInto(db, workspaceId, pick);
  }
}

async function mergeInto(db: KlaDb, workspaceId: string, segs: number[]): Promise<void> {
  await db.transaction('rw', db.postings, async () => {
    const merged = new Map<string, Uint32Array[]>();
    for (const seg of segs) {
      const rows = await db.postings.where('[workspaceId+seg]').equals([workspaceId, seg]).toArray();
      for (const r of rows) merged.set(r.term, [...(merged.get(r.term) ?? []), r.nos]);
    }
    const seg = newSegId();
    const rows: Posting[] = [];
    for (const [term, lists] of merged) rows.push({ workspaceId, term, seg, nos: Uint32Array.from(union(lists)) });
    for (const s of segs) await db.postings.where('[workspaceId+seg]').equals([workspaceId, s]).delete();
    await db.postings.bulkPut(rows);
  });
}

// ---- queries ---------------------------------------------------------------------------------

export interface IndexResult {
  /** Ascending numbers of the documents that match every clause. */
  nos: number[];
  /** A prefix matched more terms than are read: some documents may be missing. */
  partial: boolean;
}

/** Bloom filters by document number; the search worker keeps them (a few KB a document). */
export type BloomSource = (nos: number[]) => Promise<Map<number, Uint8Array>>;

/** Posting lists already read, by workspace, term and prefix flag; cleared whenever the index changes. */
export type TermCache = Map<string, { nos: number[]; partial: boolean }>;
let cache: TermCache | null = null;

/** Keep posting lists between queries (the search worker does; it clears the cache on every index change). */
export function setTermCache(c: TermCache | null): void {
  cache = c;
}

async function termDocs(db: KlaDb, workspaceId: string, term: string, prefix: boolean): Promise<{ nos: number[]; partial: boolean }> {
  const key = `${workspaceId}\u0000${prefix ? '*' : '='}${term}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  const r = await readTermDocs(db, workspaceId, term, prefix);
  if (cache) {
    if (cache.size >= 500) cache.delete(cache.keys().next().value!);
    cache.set(key, r);
  }
  return r;
}

async function readTermDocs(db: KlaDb, workspaceId: string, term: string, prefix: boolean): Promise<{ nos: number[]; partial: boolean }> {
  const upper = prefix ? term + '\uffff' : term;
  const rows = await db.postings.where('[workspaceId+term+seg]').between([workspaceId, term, Dexie.minKey], [workspaceId, upper, Dexie.maxKey], true, true).limit(PREFIX_ROWS + 1).toArray();
  const partial = rows.length > PREFIX_ROWS;
  return { nos: rows.length ? union(rows.slice(0, PREFIX_ROWS).map((r) => r.nos)) : [], partial };
}

async function clauseDocs(db: KlaDb, workspaceId: string, c: Clause, blooms: BloomSource, within: number[] | null): Promise<{ nos: number[]; partial: boolean }> {
  if (c.kind === 'word') return termDocs(db, workspaceId, c.word, c.prefix);
  let nos: number[] | null = within;
  for (const t of clauseTerms(c)) {
    const r = await termDocs(db, workspaceId, t, false);
    nos = nos ? intersect(nos, r.nos) : r.nos;
    if (!nos.length) return { nos, partial: false };
  }
  if (!nos) return { nos: [], partial: false };
  const filters = await blooms(nos);
  const pairs = c.words.slice(1).map((w, i) => [c.words[i], w] as const);
  return { nos: nos.filter((n) => { const b = filters.get(n); return !!b && pairs.every(([x, y]) => bloomHasPair(b, x, y)); }), partial: false };
}

/** The documents of a workspace whose indexed text matches every word and phrase of `query`. */
export async function searchIndex(db: KlaDb, workspaceId: string, query: string, blooms: BloomSource): Promise<IndexResult> {
  const clauses = parseClauses(query);
  if (!clauses.length) return { nos: [], partial: false };
  // phrases last: their pair check is the dearest step, and the words may already narrow it
  clauses.sort((a, b) => Number(a.kind === 'phrase') - Number(b.kind === 'phrase'));
  let nos: number[] | null = null;
  let partial = false;
  for (const c of clauses) {
    const r = await clauseDocs(db, workspaceId, c, blooms, nos);
    partial ||= r.partial;
    nos = nos ? intersect(nos, r.nos) : r.nos;
    if (!nos.length) break;
  }
  return { nos: nos ?? [], partial };
}

/** Everything the index holds for one workspace, removed (with the workspace or on a rebuild). */
export async function clearIndex(db: KlaDb, workspaceId: string): Promise<void> {
  await db.postings.where('[workspaceId+seg]').between([workspaceId, Dexie.minKey], [workspaceId, Dexie.maxKey]).delete();
  await db.blooms.where('workspaceId').equals(workspaceId).delete();
  await db.searchPending.where('workspaceId').equals(workspaceId).delete();
}
