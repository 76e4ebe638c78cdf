/**
 * The persisted intake queue (db v3 `intakeQueue`): the files of a batch are written when the
 * batch starts and settled as they finish, so after a crash or a killed tab the app can name the
 * files that were never stored. A stored file is settled in the same transaction as its document:
 * a record says 'stored' exactly when the document exists.
 */
import { isUnfinished, UNFINISHED, type IntakeRecord, type IntakeState } from '../domain/model';
import type { KlaDb } from './schema';
import { storeDocument, type ReadDocument, type StoreOptions, type StoreOutcome } from './evidence';

export { isUnfinished, UNFINISHED, type IntakeState };

/** Write the records of a new batch (one bulk write). */
export async function addBatch(db: KlaDb, records: IntakeRecord[]): Promise<void> {
  if (records.length) await db.intakeQueue.bulkAdd(records);
}

/** Settle (or otherwise change) records in one write; records already gone are skipped. */
export async function setStates(db: KlaDb, changes: { id: string; state: IntakeState; reason?: string }[]): Promise<void> {
  if (!changes.length) return;
  await db.intakeQueue.bulkUpdate(changes.map(({ id, state, reason }) => ({ key: id, changes: reason ? { state, reason } : { state } })));
}

/** Store a read document and settle its intake record in ONE transaction (storeDocument's own). */
export function storeIntakeFile(db: KlaDb, recordId: string | undefined, workspaceId: string, name: string, bytes: Blob, read: ReadDocument, opts: StoreOptions = {}): Promise<StoreOutcome> {
  return storeDocument(db, workspaceId, name, bytes, read, { ...opts, recordId });
}

export interface UnfinishedBatch {
  batchId: string;
  addedAt: number;
  records: IntakeRecord[];
}

/** The workspace's files never stored, by batch (oldest first), leaving out the given batches (running ones). */
export async function unfinishedBatches(db: KlaDb, workspaceId: string, exclude: ReadonlySet<string> = new Set()): Promise<UnfinishedBatch[]> {
  const rows = await db.intakeQueue
    .where('[workspaceId+state]')
    .anyOf(UNFINISHED.map((s) => [workspaceId, s]))
    .toArray();
  const byBatch = new Map<string, UnfinishedBatch>();
  for (const r of rows) {
    if (exclude.has(r.batchId)) continue;
    const b = byBatch.get(r.batchId) ?? { batchId: r.batchId, addedAt: r.addedAt, records: [] };
    b.records.push(r);
    b.addedAt = Math.min(b.addedAt, r.addedAt);
    byBatch.set(r.batchId, b);
  }
  return [...byBatch.values()].sort((a, b) => a.addedAt - b.addedAt);
}

/** The officer chose not to pick these files again: settle them (then prune). */
export async function dismiss(db: KlaDb, workspaceId: string, ids: string[]): Promise<void> {
  await setStates(db, ids.map((id) => ({ id, state: 'cancelled', reason: 'dismissed' })));
  await pruneSettled(db, workspaceId);
}

/** Delete the records of batches whose every file is settled, so the table does not grow forever. */
export async function pruneSettled(db: KlaDb, workspaceId: string): Promise<number> {
  return db.transaction('rw', db.intakeQueue, async () => {
    const rows = await db.intakeQueue.where('workspaceId').equals(workspaceId).toArray();
    const open = new Set(rows.filter((r) => isUnfinished(r.state)).map((r) => r.batchId));
    const done = rows.filter((r) => !open.has(r.batchId)).map((r) => r.id);
    await db.intakeQueue.bulkDelete(done);
    return done.length;
  });
}
