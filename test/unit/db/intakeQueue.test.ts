// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ReadDocument } from '../../../src/db/evidence';
import { addBatch, dismiss, pruneSettled, setStates, storeIntakeFile, unfinishedBatches } from '../../../src/db/intakeQueue';
import type { IntakeRecord } from '../../../src/domain/model';
import { FrozenError } from '../../../src/domain/revision';
import { workspaceDb } from './workspaceDb';

const setup = workspaceDb('iq');
const rec = (workspaceId: string, batchId: string, name: string, addedAt = 1000, size = 10): IntakeRecord => ({ id: `${batchId}-${name}`, workspaceId, batchId, name, size, lastModified: 0, state: 'queued', addedAt });
const read = (sha: string): ReadDocument => ({ sha256: sha, kind: 'pdf', mime: 'application/pdf', size: 10, pages: 1, text: 'Perwal', pageTexts: ['Perwal'], readState: 'done' });

describe('persisted intake queue', () => {
  it('a stored file settles its record in the same transaction; the rest are named as never stored, by batch', async () => {
    const { db, ws } = await setup();
    await addBatch(db, ['a.pdf', 'b.pdf', 'c.pdf'].map((n) => rec(ws.id, 'B1', n)));
    const out = await storeIntakeFile(db, 'B1-a.pdf', ws.id, 'a.pdf', new Blob(['x']), read('aa'));
    expect(await db.intakeQueue.get('B1-a.pdf')).toMatchObject({ state: 'stored', documentId: out.doc.id });
    // the same bytes again: a duplicate, settled too
    await storeIntakeFile(db, 'B1-b.pdf', ws.id, 'b.pdf', new Blob(['x']), read('aa'));
    expect((await db.intakeQueue.get('B1-b.pdf'))!.state).toBe('duplicate');
    const open = await unfinishedBatches(db, ws.id);
    expect(open.map((b) => [b.batchId, b.records.map((r) => r.name)])).toEqual([['B1', ['c.pdf']]]);
    // a running batch is left out
    expect(await unfinishedBatches(db, ws.id, new Set(['B1']))).toEqual([]);
  });

  it('a refused store (read-only workspace) stores nothing and leaves the record unfinished', async () => {
    const { db, ws } = await setup();
    await db.workspaces.update(ws.id, { stage: 'revisi', revision: { notesAt: 1, deadline: 2, hours: 48, startedAt: 1 } });
    await addBatch(db, [rec(ws.id, 'B1', 'a.pdf')]);
    await expect(storeIntakeFile(db, 'B1-a.pdf', ws.id, 'a.pdf', new Blob(['x']), read('aa'), { now: 10 })).rejects.toBeInstanceOf(FrozenError);
    expect(await db.documents.count()).toBe(0);
    expect((await db.intakeQueue.get('B1-a.pdf'))!.state).toBe('queued');
  });

  it('a failing document write rolls the record back with it', async () => {
    const { db, ws } = await setup();
    await addBatch(db, [rec(ws.id, 'B1', 'a.pdf')]);
    db.blobs.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(storeIntakeFile(db, 'B1-a.pdf', ws.id, 'a.pdf', new Blob(['x']), read('aa'))).rejects.toThrow('disk full');
    expect(await db.documents.count()).toBe(0);
    expect((await db.intakeQueue.get('B1-a.pdf'))!.state).toBe('queued');
  });

  it('batches whose every file is settled are pruned; a batch with one unfinished file is kept whole', async () => {
    const { db, ws } = await setup();
    await addBatch(db, [rec(ws.id, 'B1', 'a.pdf'), rec(ws.id, 'B1', 'b.pdf'), rec(ws.id, 'B2', 'c.pdf', 2000)]);
    await setStates(db, [
      { id: 'B1-a.pdf', state: 'failed', reason: 'evidence.problems.timeout' },
      { id: 'B1-b.pdf', state: 'rejected' },
    ]);
    expect(await pruneSettled(db, ws.id)).toBe(2);
    expect(await db.intakeQueue.toCollection().primaryKeys()).toEqual(['B2-c.pdf']);
  });

  it('dismiss settles the named files and prunes their batch', async () => {
    const { db, ws } = await setup();
    await addBatch(db, [rec(ws.id, 'B1', 'a.pdf'), rec(ws.id, 'B1', 'b.pdf')]);
    await setStates(db, [{ id: 'B1-a.pdf', state: 'stored' }]);
    await dismiss(db, ws.id, ['B1-b.pdf']);
    expect(await db.intakeQueue.count()).toBe(0);
    expect(await unfinishedBatches(db, ws.id)).toEqual([]);
  });

  it('another workspace\'s unfinished files are not named', async () => {
    const { db, ws } = await setup();
    await addBatch(db, [rec('other', 'B9', 'x.pdf'), rec(ws.id, 'B1', 'a.pdf')]);
    expect((await unfinishedBatches(db, ws.id)).flatMap((b) => b.records.map((r) => r.name))).toEqual(['a.pdf']);
  });
});
