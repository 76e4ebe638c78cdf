/**
 * Deleted documents, kept 30 days (schema v4 `trash`). Urungkan after a deletion lasts a few
 * seconds; an officer who notices a mistaken deletion later (the fourth walk: an agency's report
 * deleted, its response refused as already taken, the backup refused over the workspace) takes it
 * back here, file, reading and links. What a trash row holds is what Urungkan holds in memory
 * (RemovedDocument), written by deleteDocument in its own transaction; it is never exported, and
 * goes with its workspace.
 */
import type { KlaDb } from './schema';
import { restoreDocument, type RemovedDocument } from './evidence';

export const TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

export interface TrashRow extends RemovedDocument {
  /** The document's id. */
  id: string;
  workspaceId: string;
  deletedAt: number;
}

/** A workspace's deleted documents, the latest first. */
export async function listTrash(db: KlaDb, workspaceId: string): Promise<TrashRow[]> {
  return (await db.trash.where('workspaceId').equals(workspaceId).toArray()).sort((a, b) => b.deletedAt - a.deletedAt);
}

/** Put a deleted document back and out of the trash (Urungkan does the same from memory). */
export async function restoreFromTrash(db: KlaDb, workspaceId: string, id: string, now = Date.now()): Promise<'restored' | 'missing' | 'present'> {
  const row = await db.trash.get(id);
  if (!row || row.workspaceId !== workspaceId) return 'missing';
  const outcome = await restoreDocument(db, workspaceId, row, now);
  // back, or the same file is back under another id: either way nothing is left to restore
  if (outcome !== 'missing') await db.trash.delete(id);
  return outcome;
}

/** Delete for good: one document, or every one of the workspace. */
export async function emptyTrash(db: KlaDb, workspaceId: string, id?: string): Promise<void> {
  if (id) await db.trash.where({ id, workspaceId }).delete();
  else await db.trash.where('workspaceId').equals(workspaceId).delete();
}

/** Rows older than TRASH_DAYS go (at the app's start). */
export async function purgeTrash(db: KlaDb, now = Date.now()): Promise<number> {
  return db.trash.where('deletedAt').below(now - TRASH_DAYS * DAY_MS).delete();
}
