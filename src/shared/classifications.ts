/**
 * Documents' classifications (where their reading says they belong), read by id and kept: a
 * classification changes only when the document is read again (forgetClassification). The flags
 * read those of linked documents, the evidence list those of the rows on screen.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/client';
import type { Classification } from '../domain/classifier/classify';
import type { EvidenceDoc } from '../domain/model';

const cache = new Map<string, Classification | null>();

export async function classificationsOf(ids: string[]): Promise<Pick<EvidenceDoc, 'id' | 'classification'>[]> {
  const missing = ids.filter((id) => !cache.has(id));
  if (missing.length) {
    const rows = await getDb().classifications.bulkGet(missing);
    missing.forEach((id, i) => cache.set(id, rows[i]?.classification ?? null));
  }
  return ids.flatMap((id) => {
    const c = cache.get(id);
    return c ? [{ id, classification: c }] : [];
  });
}

/** Forget a document's kept classification (it was read again). */
export const forgetClassification = (id: string) => cache.delete(id);

/** The classifications of these documents, by id (undefined while they are read). */
export function useClassificationsOf(ids: string[]): Map<string, Classification> | undefined {
  const key = ids.join(',');
  return useLiveQuery(async () => new Map((await classificationsOf(ids)).map((d) => [d.id, d.classification!])), [key]);
}
