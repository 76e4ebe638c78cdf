// @vitest-environment node
/**
 * Import semantics (issue 5, points 4 and 6): the city attaches the evaluator's notes as revision
 * items (idempotent, answered items kept, conflicts reported); the evaluator keeps a local copy of
 * the city's workspace and sees what changed since the review.
 */
import 'fake-indexeddb/auto';
import { SearchIndex } from '../../../src/db/searchIndex';
import { describe, expect, it } from 'vitest';
import {
  changesSinceReview,
  collectResponse,
  exportWorkspace,
  importExchangeFile,
  recordExport,
  resolveConflict,
} from '../../../src/db/exchange';
import { createWorkspace, updateAnswer, markWorkspaceDeleted, undeleteWorkspace } from '../../../src/db/queries';
import { rulesText } from '../helpers';
import type { KlaDb } from '../../../src/db/schema';
import { verifyExchange } from '../../../src/domain/exchange';
import type { Review } from '../../../src/domain/model';
import { addDocument, cityWorkspace, dumpDb, freshDb, link, memorySink, prng, rules } from './helpers';

const blob = (b: Uint8Array) => new Blob([b as BlobPart]);

async function exportFrom(db: KlaDb, wsId: string, role: 'city' | 'evaluator', now: number, name = role === 'city' ? 'Ani' : 'Tim Independen') {
  const m = memorySink();
  const result = await exportWorkspace(db, wsId, m.sink, { createdBy: { name, role }, appVersion: '0.1.0', now });
  return { bytes: m.bytes(), result };
}

const review = (workspaceId: string, code: string, verdict: Review['verdict'], note: string, updatedAt: number, reviewer = 'Tim Independen'): Review => ({
  workspaceId,
  code,
  verdict,
  note,
  points: null,
  markForReview: false,
  reviewer,
  updatedAt,
});

/** City db + evaluator db holding its copy, with three reviews written by the evaluator. */
async function setup() {
  const city = freshDb();
  const { ws, docs } = await cityWorkspace(city);
  const cityFile = await exportFrom(city, ws.id, 'city', 10_000);
  const evaluator = freshDb();
  const first = await importExchangeFile(evaluator, blob(cityFile.bytes), { as: 'evaluator', now: 11_000 });
  expect(first).toMatchObject({ ok: true, kind: 'workspace', created: true, changes: null });
  await evaluator.reviews.bulkPut([
    review(ws.id, '1.1', 'perlu-perbaikan', 'Lampirkan Perda yang sudah diundangkan', 20_000),
    review(ws.id, '2.1', 'sesuai', '', 20_001),
    review(ws.id, '6.1', 'salah-klaster', 'Foto ini bukti indikator 6.2', 20_002),
    review(ws.id, '3.1a', null, '', 20_003), // nothing said: no item
  ]);
  return { city, evaluator, ws, docs };
}

describe('city imports the evaluator response', () => {
  it('every note becomes a revision item; the checklist is what needs work; re-import changes nothing', async () => {
    const { city, evaluator, ws } = await setup();
    const response = await exportFrom(evaluator, ws.id, 'evaluator', 30_000);
    expect(response.result.manifest.parts.map((p) => p.kind)).toEqual(['data']);
    const res = await importExchangeFile(city, blob(response.bytes), { as: 'city', now: 40_000 });
    if (!res.ok || res.kind !== 'response') throw new Error(JSON.stringify(res));
    expect(res.added.map((i) => [i.code, i.verdict]).sort()).toEqual([
      ['1.1', 'perlu-perbaikan'],
      ['6.1', 'salah-klaster'],
      ['2.1', 'sesuai'],
    ].sort());
    expect(res.needsWork.map((i) => i.code)).toEqual(['1.1', '6.1']);
    expect(res.latestNotedAt).toBe(20_002);
    expect(res.conflicts).toEqual([]);
    expect(res.basedOnCurrent).toBe(true);
    expect(await city.revisionItems.get(`${ws.id}|1.1|Tim Independen`)).toMatchObject({ note: 'Lampirkan Perda yang sudah diundangkan', response: '', done: false, notedAt: 20_000 });

    const before = await dumpDb(city);
    const again = await importExchangeFile(city, blob(response.bytes), { as: 'city', now: 50_000 });
    expect(again).toMatchObject({ ok: true, added: [], unchanged: 3, conflicts: [] });
    expect(await dumpDb(city)).toEqual(before);
  });

  it('answered notes are not overwritten; a changed note is a conflict, shown and resolved only on request', async () => {
    const { city, evaluator, ws } = await setup();
    await importExchangeFile(city, blob((await exportFrom(evaluator, ws.id, 'evaluator', 30_000)).bytes), { as: 'city', now: 40_000 });
    // the officer answers 1.1
    const id11 = `${ws.id}|1.1|Tim Independen`;
    await city.revisionItems.update(id11, { response: 'Perda No. 4/2019 dilampirkan', done: true });
    // the evaluator rewrites both notes and sends a second response
    await evaluator.reviews.put(review(ws.id, '1.1', 'perlu-perbaikan', 'Perda harus ditandatangani', 60_000));
    await evaluator.reviews.put(review(ws.id, '6.1', 'dokumen-tidak-ada', 'Foto tidak terbaca', 60_001));
    const second = await exportFrom(evaluator, ws.id, 'evaluator', 61_000);
    const before = await dumpDb(city);
    const res = await importExchangeFile(city, blob(second.bytes), { as: 'city', now: 70_000 });
    if (!res.ok || res.kind !== 'response') throw new Error(JSON.stringify(res));
    expect(res.added).toEqual([]);
    expect(res.conflicts.map((c) => [c.code, c.answered, c.existing.note, c.incoming.note])).toEqual([
      ['1.1', true, 'Lampirkan Perda yang sudah diundangkan', 'Perda harus ditandatangani'],
      ['6.1', false, 'Foto ini bukti indikator 6.2', 'Foto tidak terbaca'],
    ]);
    // nothing was written: the officer's answer is intact
    expect(await dumpDb(city)).toEqual(before);
    expect(await city.revisionItems.get(id11)).toMatchObject({ response: 'Perda No. 4/2019 dilampirkan', done: true, note: 'Lampirkan Perda yang sudah diundangkan' });

    // the officer takes the new note for 6.1 and keeps 1.1
    await resolveConflict(city, res.conflicts[0], 'keep');
    await resolveConflict(city, res.conflicts[1], 'take-incoming', 80_000);
    expect(await city.revisionItems.get(id11)).toMatchObject({ note: 'Lampirkan Perda yang sudah diundangkan', done: true });
    expect(await city.revisionItems.get(`${ws.id}|6.1|Tim Independen`)).toMatchObject({ verdict: 'dokumen-tidak-ada', note: 'Foto tidak terbaca', notedAt: 60_001, done: false });
  });

  it('a response for a workspace this app does not have, or an evaluator importing a response, is refused without change', async () => {
    const { evaluator, ws } = await setup();
    const response = await exportFrom(evaluator, ws.id, 'evaluator', 30_000);
    const other = freshDb();
    await cityWorkspace(other);
    const before = await dumpDb(other);
    const res = await importExchangeFile(other, blob(response.bytes), { as: 'city' });
    expect(res).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'unknown-workspace' })] });
    const res2 = await importExchangeFile(other, blob(response.bytes), { as: 'evaluator' });
    expect(res2).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'wrong-role' })] });
    expect(await dumpDb(other)).toEqual(before);
  });

  it('the city never overwrites its own workspace with a city file', async () => {
    const city = freshDb();
    const { ws } = await cityWorkspace(city);
    const file = await exportFrom(city, ws.id, 'city', 10_000);
    await updateAnswer(city, rules, ws.id, '1.1', { points: 6 }, 12_000);
    const before = await dumpDb(city);
    const res = await importExchangeFile(city, blob(file.bytes), { as: 'city' });
    expect(res).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'workspace-exists' })] });
    expect(await dumpDb(city)).toEqual(before);
    // deleted a moment ago (Urungkan still offered): neither overwritten nor purged
    await markWorkspaceDeleted(city, ws.id, 13_000);
    const deleting = await dumpDb(city);
    expect(await importExchangeFile(city, blob(file.bytes), { as: 'city' })).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'workspace-deleting' })] });
    expect(await dumpDb(city)).toEqual(deleting);
    await undeleteWorkspace(city, ws.id);
    // ...but restores it on a machine that does not have it
    const fresh = freshDb();
    expect(await importExchangeFile(fresh, blob(file.bytes), { as: 'city' })).toMatchObject({ ok: true, created: true });
    // the documents get this database's own numbers and wait for its search index
    const docs = await fresh.documents.toArray();
    expect(docs.map((d) => d.no).sort()).toEqual([1, 2, 3]);
    expect((await fresh.searchPending.toArray()).map((p) => p.id).sort()).toEqual(['doc-foto', 'doc-perda', 'doc-sk']);
    const index = new SearchIndex(fresh);
    while ((await index.indexPending()) > 0);
    const { nos } = await index.search(ws.id, 'gugus tugas', async () => new Map());
    expect(nos).toEqual([docs.find((d) => d.id === 'doc-sk')!.no]);
  });
});

describe("the evaluator's points", () => {
  it('are kept on import, a point without note or verdict too, the later one winning; points past the maximum are not', async () => {
    const { city, evaluator, ws } = await setup();
    await evaluator.reviews.bulkPut([
      { ...review(ws.id, '1.1', 'perlu-perbaikan', 'Lampirkan Perda yang sudah diundangkan', 20_000), points: 6 },
      { ...review(ws.id, '3.1a', null, '', 20_003), points: 1 }, // a point alone: no checklist item, but kept
      { ...review(ws.id, '2.1', 'sesuai', '', 20_001), points: 99 }, // above 2.1's maximum: left out
    ]);
    const res = await importExchangeFile(city, blob((await exportFrom(evaluator, ws.id, 'evaluator', 30_000)).bytes), { as: 'city', now: 40_000 });
    expect(res).toMatchObject({ ok: true, kind: 'response' });
    const kept = (await city.settings.get(`evaluatorPoints.${ws.id}`))?.value;
    expect(kept).toEqual({ '1.1': { points: 6, reviewer: 'Tim Independen', at: 20_000 }, '3.1a': { points: 1, reviewer: 'Tim Independen', at: 20_003 } });
    expect((await city.revisionItems.toArray()).filter((i) => i.code === '3.1a')).toEqual([]);
    // a later response changes 1.1; an older point does not undo a newer one
    await evaluator.reviews.put({ ...review(ws.id, '1.1', 'perlu-perbaikan', 'Lampirkan Perda yang sudah diundangkan', 25_000), points: 9 });
    await importExchangeFile(city, blob((await exportFrom(evaluator, ws.id, 'evaluator', 31_000)).bytes), { as: 'city', now: 41_000 });
    expect(((await city.settings.get(`evaluatorPoints.${ws.id}`))?.value as Record<string, { points: number }>)['1.1'].points).toBe(9);
  });
});

describe("a workspace's own import box (Berkas)", () => {
  it("refuses another workspace's file, naming both, and changes nothing; the list's open box still opens it", async () => {
    const { city, evaluator, ws } = await setup();
    const elsewhere = freshDb();
    const other = await createWorkspace(elsewhere, { city: 'Kota Cilegon', province: 'Banten', rules, rulesText: rulesText(), now: 1_700_000_000_000 });
    const otherFile = await exportFrom(elsewhere, other.id, 'city', 10_000);
    const here = { id: ws.id, city: ws.city, year: ws.year };
    const problems = [expect.objectContaining({ code: 'other-workspace', params: { fileWorkspace: `Kota Cilegon ${other.year}`, workspace: `Kota Serang ${ws.year}` } })];
    for (const [db, as] of [[city, 'city'], [evaluator, 'evaluator']] as const) {
      const before = await dumpDb(db);
      expect(await importExchangeFile(db, blob(otherFile.bytes), { as, forWorkspace: here })).toMatchObject({ ok: false, problems });
      expect(await dumpDb(db)).toEqual(before);
    }
    // an evaluator's response for the other city, in this city's box: refused too
    const otherReview = freshDb();
    await importExchangeFile(otherReview, blob(otherFile.bytes), { as: 'evaluator' });
    const response = await exportFrom(otherReview, other.id, 'evaluator', 30_000);
    expect(await importExchangeFile(city, blob(response.bytes), { as: 'city', forWorkspace: here })).toMatchObject({ ok: false, problems });
    // this city's own response is taken; without a workspace open the other city's file opens as before
    const own = await exportFrom(evaluator, ws.id, 'evaluator', 30_000);
    expect(await importExchangeFile(city, blob(own.bytes), { as: 'city', forWorkspace: here })).toMatchObject({ ok: true, kind: 'response' });
    expect(await importExchangeFile(city, blob(otherFile.bytes), { as: 'city' })).toMatchObject({ ok: true, kind: 'workspace', created: true });
  });
});

describe('evaluator: the revised file and what changed', () => {
  it('re-importing the same city file changes nothing', async () => {
    const city = freshDb();
    const { ws } = await cityWorkspace(city);
    const file = await exportFrom(city, ws.id, 'city', 10_000);
    const evaluator = freshDb();
    await importExchangeFile(evaluator, blob(file.bytes), { as: 'evaluator', now: 11_000 });
    const before = await dumpDb(evaluator);
    expect(await importExchangeFile(evaluator, blob(file.bytes), { as: 'evaluator', now: 12_000 })).toMatchObject({ ok: true, unchanged: true, created: false });
    expect(await dumpDb(evaluator)).toEqual(before);
  });

  it('after the review, a revised file reports added, replaced, moved and re-answered; reviews are kept', async () => {
    const { city, evaluator, ws, docs } = await setup();
    const response = await exportFrom(evaluator, ws.id, 'evaluator', 30_000);
    await recordExport(evaluator, ws.id, response.result, 30_500); // the review baseline
    expect(await changesSinceReview(evaluator, ws.id)).toMatchObject({ empty: true });

    // the city revises: replaces the Perda (new document on 1.1), moves the photo to 6.2,
    // adds a new document to 21A.1, re-answers 1.1 and 2.1
    await city.links.delete('l1');
    await city.documents.delete('doc-perda');
    await city.blobs.delete('doc-perda'); // its text row is left behind on purpose: the export drops orphans
    await addDocument(city, ws.id, 'doc-perda-2', 'Perda KLA 2019 (ttd).pdf', prng(77, 4000), 'Perda bertanda tangan');
    await link(city, ws.id, 'l1b', 'doc-perda-2', '1.1');
    await city.links.update('l3', { code: '6.2' });
    await addDocument(city, ws.id, 'doc-new', 'SOP Pencegahan.pdf', prng(78, 500), 'SOP');
    await link(city, ws.id, 'l4', 'doc-new', '21A.1');
    await updateAnswer(city, rules, ws.id, '1.1', { notes: 'Perda bertanda tangan dilampirkan' }, 90_000);
    await updateAnswer(city, rules, ws.id, '2.1', { points: 0 }, 90_001);
    const revised = await exportFrom(city, ws.id, 'city', 100_000);

    const res = await importExchangeFile(evaluator, blob(revised.bytes), { as: 'evaluator', now: 110_000 });
    if (!res.ok || res.kind !== 'workspace') throw new Error(JSON.stringify(res));
    expect(res.created).toBe(false);
    const c = res.changes!;
    expect(c.evidence.replaced).toEqual([{ code: '1.1', from: expect.objectContaining({ documentId: 'doc-perda' }), to: expect.objectContaining({ documentId: 'doc-perda-2', name: 'Perda KLA 2019 (ttd).pdf' }) }]);
    expect(c.evidence.moved).toEqual([expect.objectContaining({ documentId: 'doc-foto', from: { code: '6.1' }, to: { code: '6.2' } })]);
    expect(c.evidence.added).toEqual([expect.objectContaining({ documentId: 'doc-new', code: '21A.1' })]);
    expect(c.evidence.removed).toEqual([]);
    expect(c.reanswered.map((r) => [r.code, r.fields])).toEqual([
      ['1.1', ['notes']],
      ['2.1', ['points']],
    ]);
    expect(c.questions).toEqual(['1.1', '2.1', '21A.1', '6.1', '6.2']);
    expect(await changesSinceReview(evaluator, ws.id)).toEqual(c);

    // the local copy follows the city; the evaluator's reviews stay; old bytes are gone, new ones in
    expect(await evaluator.reviews.where('workspaceId').equals(ws.id).count()).toBe(4);
    expect(await evaluator.documents.get('doc-perda')).toBeUndefined();
    expect(await evaluator.blobs.get('doc-perda')).toBeUndefined();
    expect(new Uint8Array(await (await evaluator.blobs.get('doc-perda-2'))!.data.arrayBuffer())).toEqual(prng(77, 4000));
    expect((await evaluator.blobs.get(docs[1].doc.id))!.data.size).toBe(docs[1].bytes.length);
    expect((await evaluator.answers.get([ws.id, '2.1']))?.points).toBe(0);
    // the city's log arrived without duplicates
    const log = await evaluator.activity.where('workspaceId').equals(ws.id).toArray();
    const keys = log.map((a) => `${a.at}|${a.kind}|${a.code}|${JSON.stringify(a.detail)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(log.filter((a) => a.kind === 'answer-changed' && a.at === 90_001)).toHaveLength(1);

    // the response the evaluator sends next is about the revised state
    const next = await collectResponse(evaluator, ws.id, 120_000);
    const reviewed = (await verifyExchange(blob(response.bytes))).exchange!.data.basedOn!.fingerprint;
    expect(next.basedOn!.fingerprint).not.toBe(reviewed);
    expect(next.basedOn!.fingerprint).toBe(res.fingerprint);
  });
});
