// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { checkLinks, linkDocument, linkSuggested, moveLink, storeDocument, undoLinkChange, undoLinks, unlinkDocument, type ReadDocument } from '../../../src/db/evidence';
import { getActivity } from '../../../src/db/queries';
import { certaintyOf } from '../../../src/domain/evidence/linkSuggestion';
import { workspaceDb } from './workspaceDb';

const setup = workspaceDb('bulk');
const read = (sha: string): ReadDocument => ({ sha256: sha, kind: 'pdf', mime: 'application/pdf', size: 10, pages: 1, text: 'x', pageTexts: ['x'], readState: 'done' });

describe('linking by suggestion, and its undo', () => {
  it('links every pair in one step, logs each as a suggestion, and the undo takes back exactly those links', async () => {
    const { db, ws } = await setup();
    const a = (await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a1'))).doc;
    const b = (await storeDocument(db, ws.id, 'b.pdf', new Blob(['b']), read('b1'))).doc;
    const c = (await storeDocument(db, ws.id, 'c.pdf', new Blob(['c']), read('c1'))).doc;
    await linkDocument(db, ws.id, c.id, '1.1', { page: 7 }); // linked by hand before, with a page: untouched, undo included
    const made = await linkSuggested(db, ws.id, [
      { documentId: a.id, code: '19.1' },
      { documentId: b.id, code: '4.1' },
      { documentId: c.id, code: '1.1' }, // already there: makes nothing
    ]);
    expect(made).toHaveLength(2);
    expect((await db.links.toArray()).map((l) => `${l.documentId}:${l.code}`).sort()).toEqual([`${a.id}:19.1`, `${b.id}:4.1`, `${c.id}:1.1`].sort());
    const linked = (await getActivity(db, ws.id)).filter((x) => x.kind === 'evidence-linked');
    expect(linked.filter((x) => (x.detail as { via?: string }).via === 'suggestion')).toHaveLength(2);

    expect(await undoLinks(db, ws.id, made)).toBe(2);
    expect((await db.links.toArray()).map((l) => `${l.documentId}:${l.code}:${l.page}`)).toEqual([`${c.id}:1.1:7`]);
    const unlinked = (await getActivity(db, ws.id)).filter((x) => x.kind === 'evidence-unlinked');
    expect(unlinked.map((x) => x.code).sort()).toEqual(['19.1', '4.1']);
    // a second undo finds nothing left to take back
    expect(await undoLinks(db, ws.id, made)).toBe(0);
  });

  it('marks the suggestion\'s own links as not checked (a typed code is the officer\'s), until the officer says they were checked', async () => {
    const { db, ws } = await setup();
    const a = (await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a3'))).doc;
    const b = (await storeDocument(db, ws.id, 'b.pdf', new Blob(['b']), read('b3'))).doc;
    const made = await linkSuggested(db, ws.id, [
      { documentId: a.id, code: '19.1' },
      { documentId: b.id, code: '4.1', typed: true },
    ]);
    const byCode = async () => new Map((await db.links.toArray()).map((l) => [l.code, l]));
    expect((await byCode()).get('19.1')!.suggested).toBe(true);
    expect('suggested' in (await byCode()).get('4.1')!).toBe(false);
    // checked: the mark goes, logged once; checking again (or a link never suggested) changes nothing
    expect(await checkLinks(db, ws.id, made)).toBe(1);
    expect('suggested' in (await byCode()).get('19.1')!).toBe(false);
    expect(await checkLinks(db, ws.id, made)).toBe(0);
    const checked = (await getActivity(db, ws.id)).filter((x) => x.kind === 'evidence-checked');
    expect(checked.map((x) => [x.code, (x.detail as { documentId: string }).documentId])).toEqual([['19.1', a.id]]);
    // the officer citing a page of a suggestion's link (or typing its code) has checked it
    const [again] = await linkSuggested(db, ws.id, [{ documentId: b.id, code: '19.1' }]);
    expect((await db.links.get(again))!.suggested).toBe(true);
    await linkDocument(db, ws.id, b.id, '19.1', { page: 2 });
    expect(await db.links.get(again)).toMatchObject({ page: 2 });
    expect('suggested' in (await db.links.get(again))!).toBe(false);
    expect((await getActivity(db, ws.id)).filter((x) => x.kind === 'evidence-checked')).toHaveLength(2);
  });

  it('a frozen workspace refuses both, and nothing changes', async () => {
    const { db, ws } = await setup();
    const a = (await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a2'))).doc;
    const made = await linkSuggested(db, ws.id, [{ documentId: a.id, code: '19.1' }]);
    // the revision window has closed
    await db.workspaces.update(ws.id, { stage: 'revisi', revision: { notesAt: 0, deadline: 1, hours: 48, startedAt: 0 } });
    await expect(linkSuggested(db, ws.id, [{ documentId: a.id, code: '4.1' }])).rejects.toThrow();
    await expect(undoLinks(db, ws.id, made)).rejects.toThrow();
    expect(await db.links.count()).toBe(1);
  });
});

describe('undoing an unlink and a move', () => {
  it('an unlink comes back with its pages; a move keeps them and goes back where it was, and a copy is removed', async () => {
    const { db, ws } = await setup();
    const a = (await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a3'))).doc;
    await linkDocument(db, ws.id, a.id, '1.1', { page: 7, pageTo: 9 });
    expect((await db.links.toArray()).map((l) => [l.page, l.pageTo])).toEqual([[7, 9]]);
    const before = await db.links.toArray();
    const unlink = await unlinkDocument(db, ws.id, a.id, '1.1');
    expect(await db.links.count()).toBe(0);
    expect(await undoLinkChange(db, ws.id, unlink)).toBe(1);
    expect(await db.links.toArray()).toEqual(before);

    const move = await moveLink(db, ws.id, a.id, '1.1', '19.1');
    expect((await db.links.toArray()).map((l) => [l.code, l.page, l.pageTo])).toEqual([['19.1', 7, 9]]);
    expect(await undoLinkChange(db, ws.id, move)).toBe(2);
    expect(await db.links.toArray()).toEqual(before);

    const copy = await moveLink(db, ws.id, a.id, '1.1', '4.1', { keep: true });
    expect(await db.links.count()).toBe(2);
    await undoLinkChange(db, ws.id, copy);
    expect(await db.links.toArray()).toEqual(before);
  });

  it('linking again changes the citation: a run becomes one page, one page becomes none', async () => {
    const { db, ws } = await setup();
    const a = (await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a5'))).doc;
    await linkDocument(db, ws.id, a.id, '17.2', { page: 12, pageTo: 15 });
    await linkDocument(db, ws.id, a.id, '17.2', { page: 12 });
    expect((await db.links.toArray()).map((l) => [l.page, l.pageTo])).toEqual([[12, undefined]]);
    await linkDocument(db, ws.id, a.id, '17.2', {});
    expect((await db.links.toArray()).map((l) => [l.page, l.pageTo])).toEqual([[undefined, undefined]]);
    // each change of citation is in the history, with the one it replaced
    const logged = (await getActivity(db, ws.id)).filter((x) => x.kind === 'evidence-linked').map((x) => x.detail);
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ page: 12, pageTo: 15 }),
        expect.objectContaining({ page: 12, was: { page: 12, pageTo: 15 } }),
        expect.objectContaining({ page: null, was: { page: 12 } }),
      ]),
    );
    expect(logged).toHaveLength(3);
  });

  it('a link that was removed with its document does not come back', async () => {
    const { db, ws } = await setup();
    const a = (await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a4'))).doc;
    await linkDocument(db, ws.id, a.id, '1.1');
    const unlink = await unlinkDocument(db, ws.id, a.id, '1.1');
    await db.documents.delete(a.id);
    expect(await undoLinkChange(db, ws.id, unlink)).toBe(0);
    expect(await db.links.count()).toBe(0);
  });
});

describe('certainty in words', () => {
  it('follows the calibrated probability', () => {
    expect([0.99, 0.9, 0.89, 0.6, 0.59, 0.1].map(certaintyOf)).toEqual(['sure', 'sure', 'likely', 'likely', 'unsure', 'unsure']);
  });
});
