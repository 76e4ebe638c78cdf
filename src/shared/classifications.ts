/**
 * Documents' classifications (where their reading says they belong), read by id and kept: a
 * classification changes only when the document is read again (forgetClassification). The flags
 * read those of linked documents, the evidence list those of the rows on screen.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/client';
import type { Classification } from '../domain/classifier/classify';
import type { EvidenceDoc } from '../domain/model';

/** Those of linked documents (the flags need them all, on every change of links). */
const linkedCache = new Map<string, Classification | null>();
/**
 * Those of the rows the evidence list shows: at most ROWS_KEPT, the least recently shown go (a
 * classification is a few KB; scrolling through 5,000 documents must not keep them all).
 */
const rowCache = new Map<string, Classification | null>();
const ROWS_KEPT = 400;

async function read(ids: string[], cache: Map<string, Classification | null>, limit = Infinity): Promise<Pick<EvidenceDoc, 'id' | 'classification'>[]> {
  const missing = ids.filter((id) => !cache.has(id));
  if (missing.length) {
    const rows = await getDb().classifications.bulkGet(missing);
    missing.forEach((id, i) => cache.set(id, rows[i]?.classification ?? null));
  }
  const out = ids.flatMap((id) => {
    const c = cache.get(id);
    if (limit < Infinity) (cache.delete(id), cache.set(id, c ?? null)); // most recently shown last
    return c ? [{ id, classification: c }] : [];
  });
  for (const old of cache.keys()) {
    if (cache.size <= limit) break;
    cache.delete(old);
  }
  return out;
}

export const classificationsOf = (ids: string[]) => read(ids, linkedCache);

/** Read once and not kept (a bulk step over hundreds of documents). */
export const classificationsOnce = (ids: string[]) => read(ids, new Map());

/** Forget a document's kept classification (it was read again). */
export const forgetClassification = (id: string) => (linkedCache.delete(id), rowCache.delete(id));

/** The classifications of these documents, by id (undefined while they are read). */
export function useClassificationsOf(ids: string[]): Map<string, Classification> | undefined {
  const key = ids.join(',');
  return useLiveQuery(async () => new Map((await read(ids, rowCache, ROWS_KEPT)).map((d) => [d.id, d.classification!])), [key]);
}
