/**
 * The full-text search index, kept in IndexedDB (db v3) so that a reload never rebuilds it and the
 * page never holds the corpus's text.
 *
 * Layout: an inverted index in segments, like a small Lucene. Documents are indexed in batches
 * (`indexPending`); each batch becomes one segment, stored as ONE row (sorted terms, offsets and a
 * postings array of document numbers: src/domain/evidence/segment.ts). The search worker keeps
 * the segments of the workspaces it searched in memory (a few bytes a posting: tens of MB for a
 * kabupaten) and answers from them; segments of a similar size are merged once there are many.
 * One row a batch keeps IndexedDB's work small: a row per term and segment made the browser's
 * storage process the bottleneck of intake.
 *
 * Deleted documents simply stop resolving (their numbers are never reused); a re-read document
 * gets a new number. Phrases use each document's Bloom filter of adjacent word pairs
 * (src/domain/evidence/terms.ts). `searchPending` (written with each document, in the same
 * transaction) says what is still to index, so a crash mid-way loses nothing.
 */
import { buildSegment, lookup, mergeSegments, type Segment } from '../domain/evidence/segment';
import { bloomHasPair, clauseTerms, documentTerms, intersect, MIN_PREFIX, pairBloom, parseClauses, tokens, union, type Clause } from '../domain/evidence/terms';
import { closestTerm, correctedQuery } from '../domain/evidence/spelling';
import { DOC_SEQ_KEY, type KlaDb, type SegmentRow } from './schema';
import { fromStored } from './texts';

/** A batch is cut at this many documents or this much text, whichever comes first. */
const BATCH_DOCS = 250;
const BATCH_CHARS = 30_000_000;
/** A size tier (1-9, 10-99, 100-999 documents...) is merged when it holds this many segments. */
const MERGE_AT = 6;
/** A prefix that matches more terms than this in one segment is cut (and the result says so). */
const PREFIX_TERMS = 2000;

/** A new document number (call inside a write transaction that includes `settings`). */
export async function nextDocNo(db: KlaDb): Promise<number> {
  const n = (((await db.settings.get(DOC_SEQ_KEY))?.value as number | undefined) ?? 0) + 1;
  await db.settings.put({ key: DOC_SEQ_KEY, value: n });
  return n;
}

/** The first of `n` consecutive new document numbers (same transaction rule). */
export async function reserveDocNos(db: KlaDb, n: number): Promise<number> {
  const first = (((await db.settings.get(DOC_SEQ_KEY))?.value as number | undefined) ?? 0) + 1;
  await db.settings.put({ key: DOC_SEQ_KEY, value: first + n - 1 });
  return first;
}

/**
 * A new segment id: the time with random low bits, so that writing the index never touches a
 * table that storing a document needs. Only uniqueness matters, never order.
 */
const newSegId = () => Date.now() * 2048 + Math.floor(Math.random() * 2048);

const toRow = (workspaceId: string, seg: number, s: Segment): SegmentRow => ({ workspaceId, seg, docs: s.docs, terms: s.terms.join('\n'), starts: s.starts, postings: s.postings });
const fromRow = (r: SegmentRow): Segment => ({ docs: r.docs, terms: r.terms ? r.terms.split('\n') : [], starts: r.starts, postings: r.postings });
const tier = (docs: number) => Math.floor(Math.log10(Math.max(1, docs)));

export interface IndexResult {
  /** Ascending numbers of the documents that match every clause. */
  nos: number[];
  /** A prefix matched more terms than are read: some documents may be missing. */
  partial: boolean;
}

/** Bloom filters by document number; the search worker keeps them (a few KB a document). */
export type BloomSource = (nos: number[]) => Promise<Map<number, Uint8Array>>;

/** The index of one database as the search worker sees it: segments loaded per workspace on first use. */
export class SearchIndex {
  private loaded = new Map<string, Map<number, Segment>>();

  constructor(private db: KlaDb) {}

  /** Set when the index may have changed in another context: the next query re-reads the list of segments. */
  private stale = new Set<string>();

  /** Another tab (or an import) may have written segments: check the rows on the next query. */
  invalidate(): void {
    for (const ws of this.loaded.keys()) this.stale.add(ws);
  }

  /** The workspace's segments, loaded once, then kept in step with the rows when marked stale. */
  async segments(workspaceId: string): Promise<Map<number, Segment>> {
    const known = this.loaded.get(workspaceId);
    if (known && !this.stale.has(workspaceId)) return known;
    this.stale.delete(workspaceId);
    const have = known ?? new Map<number, Segment>();
    const keys = (await this.db.segments.where('workspaceId').equals(workspaceId).primaryKeys()) as [string, number][];
    const want = new Set(keys.map((k) => k[1]));
    for (const seg of [...have.keys()]) if (!want.has(seg)) have.delete(seg);
    const missing = keys.filter((k) => !have.has(k[1]));
    for (const r of await this.db.segments.bulkGet(missing)) if (r) have.set(r.seg, fromRow(r));
    this.loaded.set(workspaceId, have);
    return have;
  }

  /** Index up to one batch of pending documents; returns how many left the queue (0: nothing left). */
  async indexPending(onBloom?: (no: number, bits: Uint8Array) => void): Promise<number> {
    const db = this.db;
    const pending = await db.searchPending.limit(BATCH_DOCS).toArray();
    if (!pending.length) return 0;
    const workspaceId = pending[0].workspaceId;
    const ids = pending.filter((p) => p.workspaceId === workspaceId).map((p) => p.id);
    const { entries, blooms, done } = await readBatch(db, workspaceId, ids);
    // Two transactions: the index's own tables first, so documents keep being stored meanwhile;
    // a crash between the two re-indexes the batch, which adds a duplicate segment and nothing else.
    if (entries.length) {
      const seg = newSegId();
      const segment = buildSegment(entries);
      await db.transaction('rw', [db.segments, db.blooms], async () => {
        await db.segments.put(toRow(workspaceId, seg, segment));
        await db.blooms.bulkPut(blooms);
      });
      this.loaded.get(workspaceId)?.set(seg, segment);
    }
    await db.searchPending.bulkDelete(done);
    for (const b of blooms) onBloom?.(b.no, b.bits);
    await this.merge(workspaceId);
    return done.length;
  }

  /** Merge segments of the same size tier while one tier holds MERGE_AT or more. */
  private async merge(workspaceId: string): Promise<void> {
    const segs = await this.segments(workspaceId);
    for (;;) {
      const tiers = new Map<number, number[]>();
      for (const [seg, s] of segs) tiers.set(tier(s.docs.length), [...(tiers.get(tier(s.docs.length)) ?? []), seg]);
      const full = [...tiers.values()].find((t) => t.length >= MERGE_AT);
      if (!full) return;
      const merged = mergeSegments(full.map((seg) => segs.get(seg)!));
      const seg = newSegId();
      await this.db.transaction('rw', this.db.segments, async () => {
        await this.db.segments.bulkDelete(full.map((s) => [workspaceId, s] as [string, number]));
        await this.db.segments.put(toRow(workspaceId, seg, merged));
      });
      for (const s of full) segs.delete(s);
      segs.set(seg, merged);
    }
  }

  /** The documents of a workspace whose indexed text matches every word and phrase of `query`. */
  async search(workspaceId: string, query: string, blooms: BloomSource): Promise<IndexResult> {
    const clauses = parseClauses(query);
    if (!clauses.length) return { nos: [], partial: false };
    const segs = [...(await this.segments(workspaceId)).values()];
    // phrases last: their pair check is the dearest step, and the words may already narrow it
    clauses.sort((a, b) => Number(a.kind === 'phrase') - Number(b.kind === 'phrase'));
    let nos: number[] | null = null;
    let partial = false;
    for (const c of clauses) {
      const r = await clauseDocs(segs, c, blooms, nos);
      partial ||= r.partial;
      nos = nos ? intersect(nos, r.nos) : r.nos;
      if (!nos.length) break;
    }
    return { nos: nos ?? [], partial };
  }

  /**
   * For a query that found nothing: the same query with the words the index lacks replaced by the
   * closest ones it holds (domain/evidence/spelling.ts), and the document numbers that finds; null
   * when no such query finds anything.
   */
  async correction(workspaceId: string, query: string, blooms: BloomSource): Promise<{ query: string; nos: number[] } | null> {
    const segs = [...(await this.segments(workspaceId)).values()];
    const held = (word: string, prefix: boolean) => termDocs(segs, word, prefix && word.length >= MIN_PREFIX).nos.length > 0;
    const corrected = correctedQuery(query, held, (word) => closestTerm(segs, word)?.term ?? null);
    if (!corrected) return null;
    const { nos } = await this.search(workspaceId, corrected, blooms);
    // the numbers, not a count: the page counts those of documents still there (a deleted one's stay in the index)
    return nos.length ? { query: corrected, nos } : null;
  }

  /** Forget a workspace's segments (deleted, or replaced by an import). */
  forget(workspaceId: string): void {
    this.loaded.delete(workspaceId);
  }
}

async function readBatch(db: KlaDb, workspaceId: string, ids: string[]) {
  const [docs, texts] = await Promise.all([db.documents.bulkGet(ids), db.texts.bulkGet(ids).then((rows) => rows.map(fromStored))]);
  const entries: { no: number; terms: Set<string> }[] = [];
  const blooms: { no: number; workspaceId: string; bits: Uint8Array }[] = [];
  const done: string[] = [];
  let chars = 0;
  for (let i = 0; i < ids.length && chars < BATCH_CHARS; i++) {
    // let a query waiting in the worker through between documents (a batch takes seconds)
    if (i % 4 === 3) await new Promise((r) => setTimeout(r, 0));
    done.push(ids[i]);
    const doc = docs[i];
    if (!doc?.no) continue; // deleted since: nothing to index
    const text = texts[i]?.text ?? '';
    chars += text.length;
    const words = tokens(`${doc.name}\n${doc.title ?? ''}\n${text}`);
    entries.push({ no: doc.no, terms: documentTerms(words) });
    blooms.push({ no: doc.no, workspaceId, bits: pairBloom(words) });
  }
  return { entries, blooms, done };
}

function termDocs(segs: Segment[], term: string, prefix: boolean): { nos: number[]; partial: boolean } {
  const lists: Uint32Array[] = [];
  let partial = false;
  for (const s of segs) {
    const r = lookup(s, term, prefix, PREFIX_TERMS);
    lists.push(...r.lists);
    partial ||= r.cut;
  }
  return { nos: lists.length ? union(lists) : [], partial };
}

async function clauseDocs(segs: Segment[], c: Clause, blooms: BloomSource, within: number[] | null): Promise<{ nos: number[]; partial: boolean }> {
  if (c.kind === 'word') return termDocs(segs, c.word, c.prefix);
  let nos: number[] | null = within;
  for (const t of clauseTerms(c)) {
    const r = termDocs(segs, t, false);
    nos = nos ? intersect(nos, r.nos) : r.nos;
    if (!nos.length) return { nos, partial: false };
  }
  if (!nos) return { nos: [], partial: false };
  const filters = await blooms(nos);
  const pairs = c.words.slice(1).map((w, i) => [c.words[i], w] as const);
  return {
    nos: nos.filter((n) => {
      const b = filters.get(n);
      return !!b && pairs.every(([x, y]) => bloomHasPair(b, x, y));
    }),
    partial: false,
  };
}

/** Everything the index holds for one workspace, removed (with the workspace or on an import). */
export async function clearIndex(db: KlaDb, workspaceId: string): Promise<void> {
  await db.segments.where('workspaceId').equals(workspaceId).delete();
  await db.blooms.where('workspaceId').equals(workspaceId).delete();
  await db.searchPending.where('workspaceId').equals(workspaceId).delete();
}
