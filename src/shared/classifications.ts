/**
 * Documents' classifications (where their reading says they belong), read by id and kept: a
 * classification changes only when the document is read again (forgetClassification). The
 * evidence list keeps those of the rows on screen (the flags' are kept in the search worker:
 * db/flagsEngine.ts).
 */
import { useSyncExternalStore } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/client';
import type { KlaDb } from '../db/schema';
import type { Classification } from '../domain/classifier/classify';
import type { EvidenceDoc } from '../domain/model';

/**
 * Those of the rows the evidence list shows: at most ROWS_KEPT, the least recently shown go (a
 * classification is a few KB; scrolling through 5,000 documents must not keep them all).
 */
const rowCache = new Map<string, Classification | null>();
const ROWS_KEPT = 400;

/**
 * Forgets so far, in all and per document: a read begun before a forget of its document must not
 * put back what it read (another tab's message can come while the read is under way).
 */
let forgetsAll = 0;
const forgetsOf = new Map<string, number>();
const epochOf = (id: string) => forgetsAll + (forgetsOf.get(id) ?? 0);

async function read(ids: string[], cache: Map<string, Classification | null>, limit = Infinity, db: KlaDb = getDb()): Promise<Pick<EvidenceDoc, 'id' | 'classification'>[]> {
  const missing = ids.filter((id) => !cache.has(id));
  // forgotten while read: used this once and not kept (the next read takes the new one)
  const once = new Map<string, Classification | null>();
  if (missing.length) {
    const epochs = missing.map(epochOf);
    const rows = await db.classifications.bulkGet(missing);
    missing.forEach((id, i) => (epochs[i] === epochOf(id) ? cache : once).set(id, rows[i]?.classification ?? null));
  }
  const out = ids.flatMap((id) => {
    const c = once.has(id) ? once.get(id) : cache.get(id);
    if (limit < Infinity && cache.has(id)) (cache.delete(id), cache.set(id, c ?? null)); // most recently shown last
    return c ? [{ id, classification: c }] : [];
  });
  for (const old of cache.keys()) {
    if (cache.size <= limit) break;
    cache.delete(old);
  }
  return out;
}

/** The classifications of the rows on screen, kept for the next rows (at most ROWS_KEPT). */
export const rowClassifications = (ids: string[], db: KlaDb = getDb()) => read(ids, rowCache, ROWS_KEPT, db);

/** Read once and not kept (a bulk step over hundreds of documents). */
export const classificationsOnce = (ids: string[]) => read(ids, new Map());

/**
 * Bumped by every forget: the rows read again. Dexie re-runs their query when the table changes,
 * but that run can come before the forget (another tab's write, heard first) and find the old
 * classification still kept.
 */
let generation = 0;
const listeners = new Set<() => void>();
function forgotten() {
  generation++;
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => (listeners.add(l), () => void listeners.delete(l));

/** Forget the classifications kept for these rows (the documents were read again; see flagsSource.ts). */
export function forgetRowClassification(...ids: string[]): void {
  for (const id of ids) {
    forgetsOf.set(id, (forgetsOf.get(id) ?? 0) + 1);
    rowCache.delete(id);
  }
  forgotten();
}

/** Forget every row's (an import replaced the documents). */
export function forgetRowClassifications(): void {
  forgetsAll++;
  rowCache.clear();
  forgotten();
}

/** The classifications of these documents, by id (undefined while they are read). */
export function useClassificationsOf(ids: string[]): Map<string, Classification> | undefined {
  const key = ids.join(',');
  const gen = useSyncExternalStore(subscribe, () => generation);
  return useLiveQuery(async () => new Map((await rowClassifications(ids)).map((d) => [d.id, d.classification!])), [key, gen]);
}
