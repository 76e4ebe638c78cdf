// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteDocument, findOrphans, linkDocument, moveLink, restoreDocument, setDocumentAgency, storeDocument, undoLinkChange, unlinkDocument, type ReadDocument } from '../../../src/db/evidence';
import { fromStored } from '../../../src/db/texts';
import { deleteWorkspace, getActivity } from '../../../src/db/queries';
import { workspaceDb } from './workspaceDb';

const setup = workspaceDb('ev');
const read = (sha: string, text = 'Perwal Kawasan Tanpa Rokok'): ReadDocument => ({ sha256: sha, kind: 'pdf', mime: 'application/pdf', size: 10, pages: 1, text, pageTexts: [text], readState: 'done', thumbnail: new Blob(['t']) });

describe('evidence storage', () => {
  it('stores metadata, bytes, thumbnail and text together; the same bytes twice are stored once', async () => {
    const { db, ws } = await setup();
    const a = await storeDocument(db, ws.id, 'perwal.pdf', new Blob(['%PDF-1.4 a']), read('aa'), { now: 2 });
    expect(a.status).toBe('stored');
    const again = await storeDocument(db, ws.id, 'perwal (1).pdf', new Blob(['%PDF-1.4 a']), read('aa'), { now: 3 });
    expect(again).toMatchObject({ status: 'duplicate', doc: { id: a.doc.id, name: 'perwal.pdf' } });
    expect(await db.documents.count()).toBe(1);
    expect(await db.blobs.count()).toBe(2);
    expect(await (await db.blobs.get(a.doc.id))!.data.text()).toBe('%PDF-1.4 a');
    expect(fromStored(await db.texts.get(a.doc.id))!.text).toBe('Perwal Kawasan Tanpa Rokok');
    expect(await findOrphans(db)).toEqual({ blobs: [], texts: [], docsWithoutBlob: [], links: [] });
  });

  it('a failing write leaves no partial record', async () => {
    const { db, ws } = await setup();
    // make the text write fail inside the transaction
    db.texts.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(storeDocument(db, ws.id, 'x.pdf', new Blob(['x']), read('bb'))).rejects.toThrow('disk full');
    expect(await db.documents.count()).toBe(0);
    expect(await db.blobs.count()).toBe(0);
    expect((await getActivity(db, ws.id)).map((a) => a.kind)).toEqual(['workspace-created']);
  });

  it('links many to many, with page citations, from both sides; moves are logged with their origin', async () => {
    const { db, ws } = await setup();
    const { doc } = await storeDocument(db, ws.id, 'sk.pdf', new Blob(['x']), read('cc'), { linkTo: [{ code: '1.1', page: 4 }] });
    await linkDocument(db, ws.id, doc.id, '17.1');
    await linkDocument(db, ws.id, doc.id, '17.1'); // idempotent
    expect((await db.links.where('documentId').equals(doc.id).toArray()).map((l) => [l.code, l.page])).toEqual(expect.arrayContaining([['1.1', 4], ['17.1', undefined]]));
    await moveLink(db, ws.id, doc.id, '17.1', '19.2', { now: Date.now() + 60_000 });
    expect((await db.links.where('documentId').equals(doc.id).toArray()).map((l) => l.code).sort()).toEqual(['1.1', '19.2']);
    const log = await getActivity(db, ws.id);
    expect(log[0]).toMatchObject({ kind: 'evidence-moved', code: '19.2', detail: { from: '17.1', to: '19.2', kept: false } });
    await unlinkDocument(db, ws.id, doc.id, '1.1');
    expect(await db.links.count()).toBe(1);
  });

  it('a link step returns what it changed, so Urungkan takes back a new link or puts back the old citation', async () => {
    const { db, ws } = await setup();
    const { doc } = await storeDocument(db, ws.id, 'perda.pdf', new Blob(['x']), read('dd'));
    const citeOf = async () => (await db.links.where('[documentId+code]').equals([doc.id, '4.1']).first())?.page;
    const made = await linkDocument(db, ws.id, doc.id, '4.1', { page: 2 });
    expect(made.added).toHaveLength(1);
    expect(made.removed).toEqual([]);
    // the same link again changes nothing, and offers nothing to take back
    expect(await linkDocument(db, ws.id, doc.id, '4.1', { page: 2 })).toEqual({ added: [], removed: [] });
    const recited = await linkDocument(db, ws.id, doc.id, '4.1', { page: 5 });
    expect(await citeOf()).toBe(5);
    await undoLinkChange(db, ws.id, recited);
    expect(await citeOf()).toBe(2);
    await undoLinkChange(db, ws.id, made);
    expect(await db.links.count()).toBe(0);
  });

  it('deleting a document removes its parts and links; deleting the workspace removes everything', async () => {
    const { db, ws } = await setup();
    const { doc } = await storeDocument(db, ws.id, 'a.pdf', new Blob(['x']), read('dd'), { linkTo: [{ code: '1.1' }] });
    const { doc: d2 } = await storeDocument(db, ws.id, 'b.pdf', new Blob(['y']), read('ee'));
    await deleteDocument(db, ws.id, doc.id);
    expect(await db.documents.count()).toBe(1);
    expect(await db.links.count()).toBe(0);
    expect(await findOrphans(db)).toEqual({ blobs: [], texts: [], docsWithoutBlob: [], links: [] });
    await deleteWorkspace(db, ws.id);
    expect([await db.documents.count(), await db.blobs.count(), await db.texts.count()]).toEqual([0, 0, 0]);
    expect(d2.id).toBeTruthy();
  });

  it('a deleted document comes back whole with Urungkan: row and number, bytes, text, reading and links', async () => {
    const { db, ws } = await setup();
    const { doc } = await storeDocument(db, ws.id, 'sk-gugus.pdf', new Blob(['%PDF sk']), { ...read('ff', 'SK Gugus Tugas KLA'), classification: { group: 'I', indicator: '2', confidence: 0.9 } as never }, { linkTo: [{ code: '1.1', page: 2 }, { code: '2.1' }] });
    const dump = async () => ({
      doc: await db.documents.get(doc.id),
      bytes: await (await db.blobs.get(doc.id))?.data.text(),
      thumb: await (await db.blobs.get(`${doc.id}#thumb`))?.data.text(),
      text: await db.texts.get(doc.id),
      reading: await db.classifications.get(doc.id),
      links: (await db.links.where('documentId').equals(doc.id).toArray()).sort((a, b) => a.code.localeCompare(b.code)),
    });
    const before = await dump();
    expect(before.links).toHaveLength(2);
    const removed = (await deleteDocument(db, ws.id, doc.id))!;
    expect(removed.links).toHaveLength(2);
    expect(await db.documents.get(doc.id)).toBeUndefined();
    expect(await restoreDocument(db, ws.id, removed)).toBe('restored');
    expect(await dump()).toEqual(before);
    // indexed again, and the history says it came back
    expect(await db.searchPending.get(doc.id)).toBeTruthy();
    expect((await getActivity(db, ws.id))[0]).toMatchObject({ kind: 'evidence-restored', detail: { documentId: doc.id, name: 'sk-gugus.pdf', links: 2 } });
    expect(await findOrphans(db)).toEqual({ blobs: [], texts: [], docsWithoutBlob: [], links: [] });
    // a second Urungkan of the same step changes nothing
    expect(await restoreDocument(db, ws.id, removed)).toBe('present');
    expect(await db.links.where('documentId').equals(doc.id).count()).toBe(2);
    // deleted, the same file added again, then Urungkan: a workspace holds a file once
    const again = (await deleteDocument(db, ws.id, doc.id))!;
    await storeDocument(db, ws.id, 'sk-gugus (1).pdf', new Blob(['%PDF sk']), read('ff', 'SK Gugus Tugas KLA'));
    expect(await restoreDocument(db, ws.id, again)).toBe('present');
    expect(await db.documents.where('[workspaceId+sha256]').equals([ws.id, 'ff']).count()).toBe(1);
  });

  it("the reader's agency is kept as a guess until the officer keeps it or chooses another", async () => {
    const { db, ws } = await setup();
    const { doc } = await storeDocument(db, ws.id, 'akta.pdf', new Blob(['x']), read('gg'), { agency: 'disdukcapil', agencyGuessed: true });
    expect(await db.documents.get(doc.id)).toMatchObject({ agency: 'disdukcapil', agencyGuessed: true });
    await setDocumentAgency(db, doc.id, 'disdukcapil'); // "Benar"
    const kept = (await db.documents.get(doc.id))!;
    expect([kept.agency, 'agencyGuessed' in kept]).toEqual(['disdukcapil', false]);
    const { doc: other } = await storeDocument(db, ws.id, 'b.pdf', new Blob(['y']), read('hh'), { agency: 'dinsos' });
    expect((await db.documents.get(other.id))!.agencyGuessed).toBeUndefined();
  });
});
