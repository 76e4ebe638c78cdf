import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createWorkspace, listWorkspaces, setAssignment } from '../../../src/db/queries';
import { linkDocument } from '../../../src/db/evidence';
import { addDocument, freshDb, prng, rules } from '../exchange/helpers';

/**
 * The list's "Diubah" time (fourth walk): it said 09.22 after imports, deletes and links at
 * 09.27-09.38, since the workspace row's `updatedAt` moves with answers and stages only.
 */
describe('the workspace list', () => {
  it('shows each workspace\'s last change of any kind, the latest first; an export is not a change', async () => {
    const db = freshDb();
    const a = await createWorkspace(db, { city: 'Kota Satu', province: 'Banten', rules, rulesText: '', now: 1_000 });
    const b = await createWorkspace(db, { city: 'Kota Dua', province: 'Banten', rules, rulesText: '', now: 2_000 });
    expect((await listWorkspaces(db)).map((w) => [w.id, w.changedAt])).toEqual([
      [b.id, 2_000],
      [a.id, 1_000],
    ]);
    // a document linked in the first one, later: it comes first, at the link's time
    const { doc } = await addDocument(db, a.id, 'd1', 'Laporan.pdf', prng(3, 500), 'Laporan kegiatan forum anak');
    await linkDocument(db, a.id, doc.id, '6.1', undefined, 5_000);
    const afterLink = await listWorkspaces(db);
    expect(afterLink[0].id).toBe(a.id);
    expect(afterLink[0].changedAt).toBeGreaterThanOrEqual(5_000);
    // an assignment is a change too
    await setAssignment(db, b.id, '6.1', ['dispora'], 9_000);
    expect((await listWorkspaces(db))[0]).toMatchObject({ id: b.id, changedAt: 9_000 });
    // an export is logged but changes nothing
    await db.activity.add({ workspaceId: a.id, at: 20_000, kind: 'export', detail: { role: 'city' } });
    expect((await listWorkspaces(db))[0]).toMatchObject({ id: b.id, changedAt: 9_000 });
  });
});
