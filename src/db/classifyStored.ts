/**
 * Documents stored without a reading of where they belong: those of an imported `.kla` (a city's
 * file opened by its evaluator, a backup restored, an agency's reply). A file's bytes are not
 * trusted with the classifier's output, so the import keeps none of it; the search worker reads
 * every such document's stored text as it indexes it, and this classifies it as intake would have
 * (the workspace's own rules, page by page). Without it an evaluator saw no misfile flag, and a
 * restored backup lost its flags and link suggestions.
 *
 * What was classified is announced on CLASSIFICATIONS_CHANNEL, so every tab's kept
 * classifications (flags, the list's suggestions) read them.
 */
import type { Classification } from '../domain/classifier/classify';
import type { Model } from '../domain/classifier/model';
import type { EvidenceDoc } from '../domain/model';
import type { KlaDb } from './schema';

/** The BroadcastChannel on which a tab or a worker says which documents' classifications changed. */
export const CLASSIFICATIONS_CHANNEL = 'siap-kla.classifications';

/** What is said on CLASSIFICATIONS_CHANNEL: one document, several, or all of them read afresh. */
export type ClassificationsMessage = { documentId: string } | { documentIds: string[] } | { all: true };

/** One stored document as the index reads it: its light row and its text. */
export interface StoredItem {
  doc: EvidenceDoc;
  text: string;
  pages?: string[];
}

export interface ClassifyDeps {
  /** The compiled model of a rules file (by hash), or null when it holds no classifier knowledge. */
  modelFor: (rulesHash: string) => Promise<Model | null>;
  classify: (m: Model, input: { text: string; pages?: string[]; name: string; title?: string }) => Classification;
}

/**
 * Classify the documents of `items` (one workspace's) that have text and no classification, and
 * store what was read where none has appeared meanwhile (a document read again during the batch
 * keeps its fresh reading). Returns the ids stored.
 */
export async function classifyStored(db: KlaDb, workspaceId: string, items: StoredItem[], deps: ClassifyDeps): Promise<string[]> {
  const withText = items.filter((i) => i.text.trim());
  if (!withText.length) return [];
  // keys only: the classifications themselves are a few KB each, and most documents have one
  const have = new Set(await db.classifications.where('id').anyOf(withText.map((i) => i.doc.id)).primaryKeys());
  const todo = withText.filter((i) => !have.has(i.doc.id));
  if (!todo.length) return [];
  const ws = await db.workspaces.get(workspaceId);
  const model = ws ? await deps.modelFor(ws.rulesHash) : null;
  if (!model) return [];
  const rows = todo.flatMap(({ doc, text, pages }) => {
    try {
      return [{ id: doc.id, workspaceId, classification: deps.classify(model, { text, pages: pages && pages.length > 1 ? pages : undefined, name: doc.name, title: doc.title }) }];
    } catch (e) {
      // one document the classifier cannot read must not hold the index's queue: it stays unclassified
      console.warn(`classifyStored: ${doc.name} not classified`, e);
      return [];
    }
  });
  if (!rows.length) return [];
  return db.transaction('rw', db.documents, db.classifications, async () => {
    const [now, docs] = await Promise.all([db.classifications.where('id').anyOf(rows.map((r) => r.id)).primaryKeys(), db.documents.bulkGet(rows.map((r) => r.id))]);
    const taken = new Set(now);
    // deleted meanwhile, or read into another workspace's row: nothing to store
    const fresh = rows.filter((r, i) => !taken.has(r.id) && docs[i]?.workspaceId === workspaceId);
    await db.classifications.bulkPut(fresh);
    return fresh.map((r) => r.id);
  });
}
