// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteDocument, findOrphans, restoreDocument, storeDocument, type ReadDocument } from '../../../src/db/evidence';
import { emptyTrash, listTrash, purgeTrash, restoreFromTrash, TRASH_DAYS } from '../../../src/db/trash';
import { deleteWorkspace, getActivity } from '../../../src/db/queries';
import { workspaceDb } from './workspaceDb';

const setup = workspaceDb('trash');
const read = (sha: string, text = 'Laporan pelatihan Forum Anak'): ReadDocument => ({ sha256: sha, kind: 'pdf', mime: 'application/pdf', size: 10, pages: 1, text, pageTexts: [text], readState: 'done', thumbnail: new Blob(['t']) });
const DAY = 24 * 60 * 60_000;

/**
 * Deleted documents are kept 30 days (db/trash.ts): the fourth walk's officer deleted an agency's
 * report, noticed after Urungkan had gone, and found no way back but deleting the workspace.
 */
describe('the trash', () => {
  it('a document deleted long after Urungkan comes back whole from the trash: file, reading and links', async () => {
    const { db, ws } = await setup();
    const { doc } = await storeDocument(db, ws.id, 'laporan-dispora.pdf', new Blob(['%PDF dispora']), read('a1'), { linkTo: [{ code: '6.5', page: 2 }, { code: '20.1' }] });
    const before = { doc: await db.documents.get(doc.id), text: await db.texts.get(doc.id), links: await db.links.where('documentId').equals(doc.id).sortBy('code') };
    const at = Date.now();
    await deleteDocument(db, ws.id, doc.id, at);
    expect(await db.documents.get(doc.id)).toBeUndefined();
    expect((await listTrash(db, ws.id)).map((r) => [r.id, r.doc.name, r.links.length, r.deletedAt])).toEqual([[doc.id, 'laporan-dispora.pdf', 2, at]]);
    // nothing of it counts meanwhile: no orphan, no link
    expect(await findOrphans(db)).toEqual({ blobs: [], texts: [], docsWithoutBlob: [], links: [] });

    expect(await restoreFromTrash(db, ws.id, doc.id, at + 2 * DAY)).toBe('restored');
    expect({ doc: await db.documents.get(doc.id), text: await db.texts.get(doc.id), links: await db.links.where('documentId').equals(doc.id).sortBy('code') }).toEqual(before);
    expect(await (await db.blobs.get(doc.id))?.data.text()).toBe('%PDF dispora');
    expect(await listTrash(db, ws.id)).toEqual([]);
    expect((await getActivity(db, ws.id))[0]).toMatchObject({ kind: 'evidence-restored', detail: { documentId: doc.id } });
  });

  it('Urungkan empties the trash entry too; the same file added again since is not doubled', async () => {
    const { db, ws } = await setup();
    const { doc } = await storeDocument(db, ws.id, 'a.pdf', new Blob(['x']), read('b1'));
    const removed = (await deleteDocument(db, ws.id, doc.id))!;
    expect(await restoreDocument(db, ws.id, removed)).toBe('restored');
    expect(await listTrash(db, ws.id)).toEqual([]);
    await deleteDocument(db, ws.id, doc.id);
    await storeDocument(db, ws.id, 'a (1).pdf', new Blob(['x']), read('b1'));
    expect(await restoreFromTrash(db, ws.id, doc.id)).toBe('present');
    expect(await listTrash(db, ws.id)).toEqual([]);
    expect(await db.documents.where('[workspaceId+sha256]').equals([ws.id, 'b1']).count()).toBe(1);
  });

  it(`keeps ${TRASH_DAYS} days, deletes for good one or all on request, and goes with its workspace`, async () => {
    const { db, ws } = await setup();
    for (const [i, at] of [0, 10 * DAY, 25 * DAY].entries()) {
      const { doc } = await storeDocument(db, ws.id, `d${i}.pdf`, new Blob([`b${i}`]), read(`c${i}`));
      await deleteDocument(db, ws.id, doc.id, at);
    }
    expect(await purgeTrash(db, 35 * DAY)).toBe(1); // the first, deleted 35 days before
    expect((await listTrash(db, ws.id)).map((r) => r.doc.name)).toEqual(['d2.pdf', 'd1.pdf']);
    const [latest] = await listTrash(db, ws.id);
    await emptyTrash(db, 'another-workspace', latest.id); // not its workspace: nothing
    expect(await listTrash(db, ws.id)).toHaveLength(2);
    await emptyTrash(db, ws.id, latest.id);
    expect((await listTrash(db, ws.id)).map((r) => r.doc.name)).toEqual(['d1.pdf']);
    await deleteWorkspace(db, ws.id);
    expect(await db.trash.count()).toBe(0);
  });
});
