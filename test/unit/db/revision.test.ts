// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { linkDocument, storeDocument } from '../../../src/db/evidence';
import { createWorkspace, updateAnswer } from '../../../src/db/queries';
import { beginRevision, saveReview, updateRevisionItem } from '../../../src/db/review';
import { KlaDb } from '../../../src/db/schema';
import { FrozenError } from '../../../src/domain/revision';
import { loadRules2024 } from '../helpers';

const rules = loadRules2024();
const dbs: KlaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
const H = 3600_000;

describe('revision window', () => {
  it('starts 48 h from the notes, and at the deadline every edit is refused with the data intact', async () => {
    const db = new KlaDb(`rev-${Math.random()}`);
    dbs.push(db);
    const ws = await createWorkspace(db, { city: 'Kota R', province: 'P', rules, rulesText: '', now: 1 });
    const notesAt = Date.UTC(2026, 11, 14, 7);
    await updateAnswer(db, rules, ws.id, '1.1', { points: 6 }, notesAt - H);
    const { doc } = await storeDocument(db, ws.id, 'a.pdf', new Blob(['x']), { sha256: 'h', kind: 'pdf', mime: 'application/pdf', size: 1, text: '', readState: 'no-text' }, { now: notesAt - H });
    await db.revisionItems.add({ id: `${ws.id}|1.1|E`, workspaceId: ws.id, code: '1.1', verdict: 'perlu-perbaikan', note: 'Lampirkan Perda', reviewer: 'E', notedAt: notesAt, response: '', done: false, updatedAt: notesAt });
    await beginRevision(db, ws.id, notesAt, notesAt + 10 * 60_000);
    const w = (await db.workspaces.get(ws.id))!;
    expect(w.stage).toBe('revisi');
    expect(w.revision).toMatchObject({ notesAt, deadline: notesAt + 48 * H, hours: 48 });
    // an older response does not move the deadline
    await beginRevision(db, ws.id, notesAt - H);
    expect((await db.workspaces.get(ws.id))!.revision!.deadline).toBe(notesAt + 48 * H);

    // inside the window: edits work
    await updateAnswer(db, rules, ws.id, '1.1', { points: 12 }, notesAt + 47 * H);
    await updateRevisionItem(db, `${ws.id}|1.1|E`, { response: 'Perda dilampirkan', done: true }, notesAt + 47 * H);
    // at the deadline: frozen
    const late = notesAt + 48 * H;
    await expect(updateAnswer(db, rules, ws.id, '1.1', { points: 0 }, late)).rejects.toBeInstanceOf(FrozenError);
    await expect(updateRevisionItem(db, `${ws.id}|1.1|E`, { done: false }, late)).rejects.toBeInstanceOf(FrozenError);
    await expect(linkDocument(db, ws.id, doc.id, '2.1', undefined, late)).rejects.toBeInstanceOf(FrozenError);
    expect((await db.answers.get([ws.id, '1.1']))!.points).toBe(12);
    expect((await db.revisionItems.get(`${ws.id}|1.1|E`))!.done).toBe(true);
    expect(await db.links.count()).toBe(0);
  });

  it('keeps the evaluator points apart from the city points and checks them', async () => {
    const db = new KlaDb(`rev-${Math.random()}`);
    dbs.push(db);
    const ws = await createWorkspace(db, { city: 'Kota R', province: 'P', rules, rulesText: '' });
    await updateAnswer(db, rules, ws.id, '1.1', { points: 12 });
    await saveReview(db, rules, ws.id, '1.1', 'Tim Independen', { verdict: 'perlu-perbaikan', points: 6, note: 'Perda belum diundangkan' });
    expect((await db.answers.get([ws.id, '1.1']))!.points).toBe(12);
    expect(await db.reviews.get([ws.id, '1.1'])).toMatchObject({ points: 6, verdict: 'perlu-perbaikan', reviewer: 'Tim Independen' });
    await expect(saveReview(db, rules, ws.id, '1.1', 'X', { points: 13 })).rejects.toThrow(RangeError);
  });
});

describe('opening a city file as an evaluator', () => {
  it("never overwrites the city's own workspace in the same browser (e.g. an old backup)", async () => {
    const { collectSnapshot, importExchange } = await import('../../../src/db/exchange');
    const { writeExchange, verifyExchange } = await import('../../../src/domain/exchange');
    const db = new KlaDb(`rev-${Math.random()}`);
    dbs.push(db);
    const { loadRulesText } = await import('../../../src/domain/rules/load');
    const text = (await import('../helpers')).rulesText();
    const real = await loadRulesText(text);
    if (!real.ok) throw new Error('rules');
    const ws = await createWorkspace(db, { city: 'Kota R', province: 'P', rules: real.rules, rulesText: text });
    await updateAnswer(db, real.rules, ws.id, '1.1', { notes: 'backup state' });
    const { snapshot, evidence } = await collectSnapshot(db, ws.id);
    const chunks: Uint8Array[] = [];
    await writeExchange(snapshot, evidence, new WritableStream({ write: (c) => void chunks.push(c) }), { createdBy: { name: 'DP3AKB', role: 'city' }, appVersion: 't' });
    const report = await verifyExchange(new Blob(chunks as BlobPart[]));
    expect(report.problems).toEqual([]);
    await updateAnswer(db, real.rules, ws.id, '1.1', { notes: 'work after the backup' });
    const res = await importExchange(db, report.exchange!, { as: 'evaluator' });
    expect(res).toMatchObject({ ok: false, problems: [{ code: 'workspace-exists' }] });
    expect((await db.answers.get([ws.id, '1.1']))!.notes).toBe('work after the backup');
    expect((await db.workspaces.get(ws.id))!.role).toBeUndefined();
  });
});
