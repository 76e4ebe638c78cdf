/**
 * Documents stored without a reading of where they belong: those of an imported `.kla` (a city's
 * file opened by its evaluator, a backup restored, an agency's reply). A file's bytes are not
 * trusted with the classifier's output, so the import keeps none of it; the reading worker
 * (workers/reading.worker.ts), once the search index has caught up, reads every such document's
 * stored text and classifies it as intake would have (the workspace's own rules, page by page). Without it an evaluator saw no misfile
 * flag, and a restored backup lost its flags and link suggestions.
 *
 * Found by comparing keys (read documents without a classification), not kept in a queue: a crash
 * or a closed tab leaves them to be found again, and workspaces imported before this are found
 * too. One document at a time, giving way between two (a long document's reading takes tens of
 * milliseconds; it ran in the search worker until 7 Dec 2026, where a search waited). What was
 * classified is announced on CLASSIFICATIONS_CHANNEL, so every tab's kept classifications (flags,
 * the list's suggestions) read it.
 */
import type { Classification } from '../domain/classifier/classify';
import type { Model } from '../domain/classifier/model';
import type { EvidenceDoc } from '../domain/model';
import type { KlaDb } from './schema';
import { fromStored } from './texts';

/** The BroadcastChannel on which a tab or a worker says which documents' classifications changed. */
export const CLASSIFICATIONS_CHANNEL = 'siap-kla.classifications';

/** What is said on CLASSIFICATIONS_CHANNEL: one document, several, or all of them read afresh. */
export type ClassificationsMessage = { documentId: string } | { documentIds: string[] } | { all: true };

export interface ClassifyDeps {
  /** The compiled model of a rules file (by hash), or null when it holds no classifier knowledge. */
  modelFor: (rulesHash: string) => Promise<Model | null>;
  classify: (m: Model, input: { text: string; pages?: string[]; name: string; title?: string }) => Classification;
  /** Called with the ids stored, every few documents. */
  announce?: (ids: string[]) => void;
  /** Give way to other work (a search) between two documents. */
  yieldNow?: () => Promise<void>;
  /** Stop early (a new round was asked for). */
  stop?: () => boolean;
  /** Told the version (`versionOf`) of each document before it is classified, and when that is done (the worker's watchdog times the classifying alone). */
  reading?: (version: string) => void;
  read?: () => void;
}

/** Read, classified and stored this many at a time (one read and one write transaction each). */
const CHUNK = 25;
/**
 * A file's text is hostile: past these it is read as one block (its first MAX_TEXT characters).
 * Page by page costs an array of scores a page; intake's page counts come from real files, an
 * imported text's from whoever wrote it. ~2,000 pages of dense text fit in MAX_TEXT.
 */
export const MAX_PAGES = 2000;
export const MAX_TEXT = 4_000_000;

/** Read documents (any workspace's) without a classification, by keys alone. */
export async function unreadIds(db: KlaDb): Promise<string[]> {
  const [read, have] = await Promise.all([db.documents.where('readState').equals('done').primaryKeys(), db.classifications.toCollection().primaryKeys()]);
  const classified = new Set(have);
  return read.filter((id) => !classified.has(id));
}

/** A document's version: its id and number (a rewrite, such as a re-import, gives a new number). */
export const versionOf = (doc: EvidenceDoc) => `${doc.id}:${doc.no ?? ''}`;

/**
 * Classify every read document that has no classification and whose version was not tried before
 * (`tried`, kept by the caller: a document without text, whose rules hold no classifier, or that
 * the classifier throws on, is not read again on every round; a re-imported one is). Stores a
 * reading only where none has appeared meanwhile (a document read again keeps its fresh one) and
 * only if the document is still the one read. Returns the ids stored.
 */
export async function classifyUnread(db: KlaDb, tried: Set<string>, deps: ClassifyDeps): Promise<string[]> {
  const todo = await unreadIds(db);
  const models = new Map<string, Promise<Model | null>>();
  const modelOf = (workspaceId: string) => models.get(workspaceId) ?? models.set(workspaceId, workspaceModel(db, workspaceId, deps)).get(workspaceId)!;
  const stored: string[] = [];
  for (let i = 0; i < todo.length && !deps.stop?.(); i += CHUNK) {
    const docs = (await db.documents.bulkGet(todo.slice(i, i + CHUNK))).filter((d): d is EvidenceDoc => !!d && !tried.has(versionOf(d)));
    if (!docs.length) continue;
    const rows = await classifyChunk(db, docs, modelOf, deps);
    const fresh = await storeFresh(db, rows);
    // tried once the chunk's outcome is known: a failure above leaves them to the next round
    for (const d of docs) tried.add(versionOf(d));
    if (fresh.length) (stored.push(...fresh), deps.announce?.(fresh));
  }
  return stored;
}

async function workspaceModel(db: KlaDb, workspaceId: string, deps: ClassifyDeps): Promise<Model | null> {
  const ws = await db.workspaces.get(workspaceId);
  return ws ? deps.modelFor(ws.rulesHash) : null;
}

type Row = { id: string; no?: number; workspaceId: string; classification: Classification };

/** The chunk's documents classified from their stored text, giving way after each; texts are read only for those with a model. */
async function classifyChunk(db: KlaDb, docs: EvidenceDoc[], modelOf: (workspaceId: string) => Promise<Model | null>, deps: ClassifyDeps): Promise<Row[]> {
  const withModel: [EvidenceDoc, Model][] = [];
  for (const d of docs) {
    const m = await modelOf(d.workspaceId);
    if (m) withModel.push([d, m]);
  }
  const texts = await db.texts.bulkGet(withModel.map(([d]) => d.id));
  const rows: Row[] = [];
  for (const [k, [doc, model]] of withModel.entries()) {
    const text = fromStored(texts[k]);
    if (!text?.text.trim()) continue;
    deps.reading?.(versionOf(doc));
    try {
      const pages = text.pages && text.pages.length > 1 && text.pages.length <= MAX_PAGES && text.text.length <= MAX_TEXT ? text.pages : undefined;
      const input = { text: text.text.slice(0, MAX_TEXT), pages, name: doc.name, title: doc.title };
      rows.push({ id: doc.id, no: doc.no, workspaceId: doc.workspaceId, classification: deps.classify(model, input) });
    } catch (e) {
      // one document the classifier cannot read stays unclassified; the others go on
      console.warn(`classifyUnread: ${doc.name} not classified`, e);
    } finally {
      deps.read?.();
    }
    await deps.yieldNow?.();
  }
  return rows;
}

/** Stored where no reading has appeared meanwhile and the document is still the one read (same number); the ids stored. */
function storeFresh(db: KlaDb, rows: Row[]): Promise<string[]> {
  if (!rows.length) return Promise.resolve([]);
  return db.transaction('rw', db.documents, db.classifications, async () => {
    const ids = rows.map((r) => r.id);
    const [now, docs] = await Promise.all([db.classifications.where('id').anyOf(ids).primaryKeys(), db.documents.bulkGet(ids)]);
    const taken = new Set(now);
    const fresh = rows.filter((r, i) => !taken.has(r.id) && docs[i]?.workspaceId === r.workspaceId && docs[i]?.no === r.no).map(({ no: _no, ...r }) => r);
    await db.classifications.bulkPut(fresh);
    return fresh.map((r) => r.id);
  });
}
