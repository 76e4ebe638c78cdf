// @vitest-environment node
/**
 * "Delete workspace" removes every byte of it (issue 10, data protection): after the delete, no
 * row of any table names the workspace or holds its documents' names, texts or bytes, and the
 * other workspace in the same database is untouched.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createWorkspace, deleteWorkspace, listWorkspaces, markWorkspaceDeleted, purgeDeletedWorkspaces, undeleteWorkspace, updateAnswer } from '../../../src/db/queries';
import { sha256Hex } from '../../../src/domain/rules/load';
import { addDocument, cityWorkspace, dumpDb, freshDb, prng, rules } from '../exchange/helpers';

describe('deleting a workspace', () => {
  it('leaves no row, blob, index entry or setting of it, and keeps the other workspace whole', async () => {
    const db = freshDb();
    const { ws: gone, docs } = await cityWorkspace(db);
    const secret = await addDocument(db, gone.id, 'doc-korban', 'BAP korban Siti.pdf', prng(77, 5000), 'korban Siti Aminah NIK 3273015203120004');
    await db.segments.put({ workspaceId: gone.id, seg: 1, docs: new Uint32Array([1]), terms: 'siti', starts: new Uint32Array([0]), postings: new Uint32Array([1]) } as never);
    await db.blooms.put({ no: 991, workspaceId: gone.id, bits: new Uint8Array([1, 2, 3]) });
    await db.searchPending.put({ id: 'doc-korban', workspaceId: gone.id });
    await db.classifications.put({ id: 'doc-korban', workspaceId: gone.id, classification: {} as never });
    await db.settings.bulkPut([
      { key: `exchange.lastImport.${gone.id}`, value: { exportId: 'x', fingerprint: 'f', at: 1 } },
      { key: `exchange.reviewed.${gone.id}`, value: { fingerprint: 'f', at: 1, basis: { notes: 'korban Siti' } } },
      { key: `notified:${gone.id}:123`, value: [24] },
    ]);

    // a second city in the same browser, whose rows must survive
    const kept = await createWorkspace(db, { city: 'Kota Tetap', province: 'Banten', rules, rulesText: '', now: 5 });
    await addDocument(db, kept.id, 'doc-tetap', 'Perda tetap.pdf', prng(5, 900), 'Peraturan daerah yang tetap');
    await db.settings.put({ key: 'lastBackup', value: { [gone.id]: 10, [kept.id]: 20 } });
    await db.settings.put({ key: 'firstStepsHidden', value: { [gone.id]: true, [kept.id]: true } });
    const keptBefore = JSON.stringify(await dumpFor(kept.id));

    await deleteWorkspace(db, gone.id);

    const all = JSON.stringify(await dumpDb(db));
    for (const needle of [gone.id, 'BAP korban Siti.pdf', 'Siti Aminah', '3273015203120004', 'Peraturan Daerah tentang Kota Layak Anak', ...docs.map((d) => d.doc.name)]) expect(all).not.toContain(needle);
    const blobShas = ((await dumpDb(db)).blobs as { sha: string }[]).map((b) => b.sha);
    for (const d of [...docs, secret]) expect(blobShas).not.toContain(await sha256Hex(d.bytes));
    expect((await db.settings.get('lastBackup'))?.value).toEqual({ [kept.id]: 20 });
    expect((await db.settings.get('firstStepsHidden'))?.value).toEqual({ [kept.id]: true });
    expect(JSON.stringify(await dumpFor(kept.id))).toBe(keptBefore);

    async function dumpFor(id: string) {
      const d = await dumpDb(db);
      return Object.fromEntries(Object.entries(d).map(([t, rows]) => [t, (rows as { workspaceId?: string; id?: string }[]).filter((r) => r.workspaceId === id || r.id === 'doc-tetap')]));
    }
  });

  it('deleting from the list hides it, Urungkan brings it back whole, and the purge removes only what was deleted', async () => {
    const db = freshDb();
    const { ws: a } = await cityWorkspace(db);
    const b = await createWorkspace(db, { city: 'Kota Dua', province: 'Banten', rules, rulesText: '', now: 5 });
    const before = JSON.stringify(await dumpDb(db));
    await markWorkspaceDeleted(db, a.id, 1_000);
    expect((await listWorkspaces(db)).map((w) => w.id)).toEqual([b.id]);
    expect(await undeleteWorkspace(db, a.id)).toBe(true);
    expect(JSON.stringify(await dumpDb(db))).toBe(before);

    // A deleted, then B: A's notice goes (purge of A alone), B can still be undone
    await markWorkspaceDeleted(db, a.id, 1_000);
    await markWorkspaceDeleted(db, b.id, 2_000);
    expect(await purgeDeletedWorkspaces(db, { id: a.id }, 3_000)).toBe(1);
    expect(await db.documents.where('workspaceId').equals(a.id).count()).toBe(0);
    expect(await db.workspaces.get(b.id)).toBeTruthy();
    // nothing is written into a deleted workspace (an intake still running for it)
    await expect(updateAnswer(db, rules, b.id, '1.1', { points: 1 }, 2_500)).rejects.toThrow(/deleted/);
    // an Urungkan in another tab between the purge's look and its delete: kept
    const stale = (await db.workspaces.get(b.id))!;
    await undeleteWorkspace(db, b.id);
    expect(await deleteWorkspace(db, stale.id, { onlyIfDeleted: true })).toBe(false);
    expect(await db.workspaces.get(b.id)).toBeTruthy();
    await markWorkspaceDeleted(db, b.id, 2_000);
    // at the next start, only those deleted long enough ago go
    expect(await purgeDeletedWorkspaces(db, { olderThan: 120_000 }, 60_000)).toBe(0);
    expect(await purgeDeletedWorkspaces(db, { olderThan: 120_000 }, 200_000)).toBe(1);
    expect(await db.workspaces.count()).toBe(0);
  });
});
