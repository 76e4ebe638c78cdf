// @vitest-environment node
/**
 * Evaluator reviews through the hub (issue 12, point 3): drafts stay the evaluator's, Kirim
 * catatan delivers them, and the officer's device takes them as the revision checklist with the
 * countdown started at the hub's time of delivery.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { bindWorkspace, getBinding, pendingCount, pullChanges, syncOnce, type Reader } from '../../../src/db/hubSync';
import { getActivity, updateAnswer } from '../../../src/db/queries';
import { saveReview, sendNotes, updateRevisionItem } from '../../../src/db/review';
import { hubClient } from '../../../src/shared/hubClient';
import { workspaceDb } from '../db/workspaceDb';
import { loadRules2024 } from '../helpers';
import { ENGINE, join, listen, setupCity, useHub, type Client, type TestHub } from './harness.ts';

const rules = loadRules2024();
const current = useHub();
const setup = workspaceDb('reviews');
let hub: TestHub;
let base: string;
let officer: Client;
let evaluator: Client;

const reader: Reader = async () => {
  throw new Error('no documents in these tests');
};

async function device(who: Client, role: 'admin' | 'agency' | 'evaluator', userName: string) {
  const { db, ws } = await setup();
  if (role === 'evaluator') await db.workspaces.update(ws.id, { role: 'evaluator' });
  const me = await (await fetch(`${base}/api/me`, { headers: { cookie: who.cookie } })).json();
  await bindWorkspace(db, ws.id, { userId: me.user.id, displayName: userName, role });
  return { db, ws: ws.id, api: hubClient({ base, cookie: who.cookie }) };
}
type Device = Awaited<ReturnType<typeof device>>;
const sync = (d: Device) => syncOnce(d.db, d.ws, d.api, reader, { rules });
const items = async (d: Device) => (await d.db.revisionItems.where('workspaceId').equals(d.ws).sortBy('code')).map((i) => [i.code, i.verdict, i.note, i.done]);

beforeEach(async () => {
  hub = current();
  base = await listen(hub);
  officer = await setupCity(hub);
  evaluator = await join(hub, officer, 'evaluator', 'tim.provinsi');
});

describe(`evaluator reviews through the hub (${ENGINE})`, () => {
  it('keeps drafts private, delivers them on Kirim catatan, and starts the countdown at the hub time of delivery', async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    const dinkes = await device(await join(hub, officer, 'agency', 'dinkes', 'dinkes'), 'agency', 'DINKES');
    const ev = await device(evaluator, 'evaluator', 'TIM PROVINSI');
    const t0 = hub.clock.now.getTime() - 3_600_000;
    await saveReview(ev.db, rules, ev.ws, '12.3', 'Tim Provinsi', { verdict: 'perlu-perbaikan', note: 'Lampirkan SK terbaru' }, t0);
    await saveReview(ev.db, rules, ev.ws, '1.1', 'Tim Provinsi', { verdict: 'sesuai' }, t0 + 1000);
    await saveReview(ev.db, rules, ev.ws, '2.1', 'Tim Provinsi', { markForReview: true }, t0 + 2000); // no note: not sent
    expect(await pendingCount(ev.db, ev.ws)).toBe(3);
    expect((await sync(ev)).refused).toEqual([]);

    // drafts: neither the officer nor an agency sees them
    await sync(city);
    await sync(dinkes);
    expect(await items(city)).toEqual([]);
    const officerFeed = await city.api.pull(0);
    expect(officerFeed.changes.map((c) => c.kind)).not.toContain('review');

    // Kirim catatan
    expect(await sendNotes(ev.db, ev.ws, 'Tim Provinsi', t0 + 3000)).toBe(2);
    await sync(ev);
    hub.clock.now = new Date(hub.clock.now.getTime() + 60_000);
    const got = await sync(city);
    expect(got.applied).toBeGreaterThan(0);
    expect(await items(city)).toEqual([
      ['1.1', 'sesuai', '', true],
      ['12.3', 'perlu-perbaikan', 'Lampirkan SK terbaru', false],
    ]);
    const ws = (await city.db.workspaces.get(city.ws))!;
    const deliveredAt = Date.parse('2026-12-02T03:00:00Z'); // the hub's clock when the notes arrived
    expect(ws.stage).toBe('revisi');
    expect(ws.revision).toMatchObject({ notesAt: deliveredAt, deadline: deliveredAt + 48 * 3600_000 });
    expect((await hub.db.query("select 1 from audit_log where action = 'reviews.sent'")).length).toBe(1);
    const received = (await getActivity(city.db, city.ws)).find((a) => a.kind === 'reviews-received');
    expect(received!.detail).toMatchObject({ added: 2, updated: 0, via: 'hub', by: 'TIM.PROVINSI' });
    // the agency's feed holds neither drafts nor deliveries
    expect((await dinkes.api.pull(0)).changes.map((c) => c.kind)).not.toEqual(expect.arrayContaining(['review']));
    expect((await dinkes.api.pull(0)).changes.map((c) => c.kind)).not.toContain('reviews-delivered');

    // the officer answers one note; sending the same notes again changes nothing, not even the deadline
    const item = (await city.db.revisionItems.where('workspaceId').equals(city.ws).filter((i) => i.code === '12.3').first())!;
    await updateRevisionItem(city.db, item.id, { response: 'SK 2026 dilampirkan', done: true }, deliveredAt + 1000);
    await sendNotes(ev.db, ev.ws, 'Tim Provinsi', t0 + 4000);
    await sync(ev);
    await sync(city);
    expect((await city.db.workspaces.get(city.ws))!.revision!.notesAt).toBe(deliveredAt);
    expect((await city.db.revisionItems.get(item.id))!.done).toBe(true);

    // a changed note reopens the item, keeps the reply, and moves the countdown's start
    await saveReview(ev.db, rules, ev.ws, '12.3', 'Tim Provinsi', { note: 'SK harus ditandatangani wali kota' }, t0 + 5000);
    await sendNotes(ev.db, ev.ws, 'Tim Provinsi', t0 + 6000);
    await sync(ev);
    await sync(city);
    expect((await city.db.revisionItems.get(item.id))!).toMatchObject({ note: 'SK harus ditandatangani wali kota', response: 'SK 2026 dilampirkan', done: false });
    expect((await city.db.workspaces.get(city.ws))!.revision!.notesAt).toBe(hub.clock.now.getTime());
    const updated = (await getActivity(city.db, city.ws)).filter((a) => a.kind === 'reviews-received').sort((x, y) => y.seq! - x.seq!)[0];
    expect(updated.detail).toMatchObject({ added: 0, updated: 1, changed: [{ code: '12.3', from: { note: 'Lampirkan SK terbaru' }, to: { note: 'SK harus ditandatangani wali kota' } }] });
  });

  it("gives the evaluator's other device its reviews, the later edit winning", async () => {
    const a = await device(evaluator, 'evaluator', 'TIM PROVINSI');
    const b = await device(evaluator, 'evaluator', 'TIM PROVINSI');
    const t0 = hub.clock.now.getTime() - 3_600_000;
    await saveReview(a.db, rules, a.ws, '12.3', 'Tim', { verdict: 'perlu-perbaikan', note: 'dari laptop A (lama)' }, t0);
    await saveReview(b.db, rules, b.ws, '12.3', 'Tim', { verdict: 'salah-klaster', note: 'dari laptop B (baru)' }, t0 + 1000);
    await saveReview(a.db, rules, a.ws, '5.1', 'Tim', { verdict: 'sesuai', points: 10 }, t0 + 2000);
    await sync(b);
    await sync(a); // A's older edit of 12.3 loses on the hub; A takes B's
    await sync(b);
    for (const d of [a, b]) {
      expect(await d.db.reviews.get([d.ws, '12.3'])).toMatchObject({ verdict: 'salah-klaster', note: 'dari laptop B (baru)' });
      expect(await d.db.reviews.get([d.ws, '5.1'])).toMatchObject({ verdict: 'sesuai', points: 10 });
    }
    // what came from the hub is not sent back
    expect(await pendingCount(b.db, b.ws)).toBe(0);

    // A reads B's newer edit while its own older one waits (so it passes over it), then sends
    // its edit, which loses: the hub sends A the kept review
    await saveReview(b.db, rules, b.ws, '5.1', 'Tim', { note: 'B: nilai 8 cukup' }, t0 + 4000);
    await sync(b);
    await saveReview(a.db, rules, a.ws, '5.1', 'Tim', { note: 'A: catatan lama' }, t0 + 3000);
    await pullChanges(a.db, a.ws, a.api, reader);
    expect(await a.db.reviews.get([a.ws, '5.1'])).toMatchObject({ note: 'A: catatan lama' });
    await sync(a);
    expect(await a.db.reviews.get([a.ws, '5.1'])).toMatchObject({ note: 'B: nilai 8 cukup' });
  });

  it('refuses a review it cannot keep on its own (too long, NUL, unknown question, points over the maximum); the rest of the push goes through', async () => {
    const ev = await device(evaluator, 'evaluator', 'TIM PROVINSI');
    const at = new Date(hub.clock.now.getTime() - 1000).toISOString();
    const review = (n: number, questionCode: string, note: string, points: number | null = null) => ({ opId: `evaluat1-${n}-0`, kind: 'review' as const, questionCode, verdict: 'perlu-perbaikan' as const, note, points, markForReview: false, editedAt: at });
    const r = await ev.api.push([
      review(1, '12.3', 'x'.repeat(10_001)),
      review(2, '12.4', 'nol \u0000 di sini'),
      review(3, '12.5', 'setengah emoji \ud83d'),
      review(4, 'ZZZZ.9999', 'tidak ada'),
      review(5, '12.3', 'nilai', 999),
      review(6, '12.3', 'y'.repeat(10_000), 3),
      review(7, '1.1', 'jalur C:\\u0000\\x (garis miring terbalik, bukan NUL)'),
    ]);
    expect(r.map((x) => [x.status, x.reason])).toEqual([
      ['refused', 'too-long'],
      ['refused', 'bad-text'],
      ['refused', 'bad-text'],
      ['refused', 'unknown-question'],
      ['refused', 'bad-points'],
      ['applied', undefined],
      ['applied', undefined],
    ]);
    expect(await hub.db.query('select question_code from reviews order by question_code')).toEqual([{ question_code: '1.1' }, { question_code: '12.3' }]);
    // the note box stops at the same length, and so does saving
    await expect(saveReview(ev.db, rules, ev.ws, '12.3', 'Tim', { note: 'z'.repeat(10_001) })).rejects.toThrow(/at most 10000/);
  });

  it('delivers the same notes once: a re-send adds nothing to the feed; a changed note is delivered again', async () => {
    const ev = await device(evaluator, 'evaluator', 'TIM PROVINSI');
    const t0 = hub.clock.now.getTime() - 3_600_000;
    await saveReview(ev.db, rules, ev.ws, '12.3', 'Tim', { verdict: 'perlu-perbaikan', note: 'Lampirkan SK' }, t0);
    for (let i = 1; i <= 3; i++) {
      await sendNotes(ev.db, ev.ws, 'Tim', t0 + i * 1000);
      await sync(ev);
    }
    const deliveries = async () => (await hub.db.query("select 1 from changes where kind = 'reviews-delivered'")).length;
    expect(await deliveries()).toBe(1);
    expect((await getBinding(ev.db, ev.ws))!.refused).toEqual([]);
    await saveReview(ev.db, rules, ev.ws, '12.3', 'Tim', { note: 'Lampirkan SK yang ditandatangani' }, t0 + 5000);
    await sendNotes(ev.db, ev.ws, 'Tim', t0 + 6000);
    await sync(ev);
    expect(await deliveries()).toBe(2);
  });

  it("an evaluator's copy bound to the hub sends the reviews it held before (imported, never logged)", async () => {
    const { db, ws } = await setup();
    await db.workspaces.update(ws.id, { role: 'evaluator' });
    // a review that came with an imported file: a row, no log entry
    await db.reviews.put({ workspaceId: ws.id, code: '12.3', verdict: 'dokumen-tidak-ada', note: 'SK belum ada', points: null, markForReview: false, reviewer: 'Tim', updatedAt: hub.clock.now.getTime() - 60_000 });
    const me = await (await fetch(`${base}/api/me`, { headers: { cookie: evaluator.cookie } })).json();
    await bindWorkspace(db, ws.id, { userId: me.user.id, displayName: 'TIM PROVINSI', role: 'evaluator' });
    const ev = { db, ws: ws.id, api: hubClient({ base, cookie: evaluator.cookie }) };
    expect(await pendingCount(db, ws.id)).toBe(1);
    await sync(ev);
    expect(await hub.db.query('select question_code, verdict, note from reviews')).toEqual([{ question_code: '12.3', verdict: 'dokumen-tidak-ada', note: 'SK belum ada' }]);
    expect(await pendingCount(db, ws.id)).toBe(0);
  });

  it("a note changed to 'sesuai' closes its item on the officer's list instead of reopening it", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    const ev = await device(evaluator, 'evaluator', 'TIM PROVINSI');
    const t0 = hub.clock.now.getTime() - 3_600_000;
    await saveReview(ev.db, rules, ev.ws, '12.3', 'Tim', { verdict: 'perlu-perbaikan', note: 'Lampirkan SK' }, t0);
    await sendNotes(ev.db, ev.ws, 'Tim', t0 + 1000);
    await sync(ev);
    await sync(city);
    expect(await items(city)).toEqual([['12.3', 'perlu-perbaikan', 'Lampirkan SK', false]]);
    await saveReview(ev.db, rules, ev.ws, '12.3', 'Tim', { verdict: 'sesuai', note: 'Sudah lengkap' }, t0 + 2000);
    await sendNotes(ev.db, ev.ws, 'Tim', t0 + 3000);
    await sync(ev);
    await sync(city);
    expect(await items(city)).toEqual([['12.3', 'sesuai', 'Sudah lengkap', true]]);
  });

  it("a device whose clock runs ahead takes the note the hub kept, not its own", async () => {
    const a = await device(evaluator, 'evaluator', 'TIM PROVINSI');
    const b = await device(evaluator, 'evaluator', 'TIM PROVINSI');
    // laptop A is ten minutes fast: the hub records its edit at the hub's own time
    await saveReview(a.db, rules, a.ws, '12.3', 'Tim', { verdict: 'perlu-perbaikan', note: 'A (jam kecepatan)' }, hub.clock.now.getTime() + 600_000);
    await sync(a);
    hub.clock.now = new Date(hub.clock.now.getTime() + 60_000);
    await saveReview(b.db, rules, b.ws, '12.3', 'Tim', { verdict: 'salah-klaster', note: 'B (lebih baru)' }, hub.clock.now.getTime() - 1000);
    await sync(b);
    await sync(a);
    expect((await hub.db.query<{ note: string }>('select note from reviews'))[0].note).toBe('B (lebih baru)');
    for (const d of [a, b]) expect(await d.db.reviews.get([d.ws, '12.3'])).toMatchObject({ verdict: 'salah-klaster', note: 'B (lebih baru)' });
    // the earlier entry is marked superseded for every device that has not read it yet
    const feed = (await b.api.pull(0)).changes.filter((c) => c.kind === 'review');
    expect(feed.map((c) => c.superseded)).toEqual([true, false]);
  });

  it("pages the officer's feed by size: four deliveries of 274 long notes come in two pages", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    const ev = await device(evaluator, 'evaluator', 'TIM PROVINSI');
    const at = new Date(hub.clock.now.getTime() - 60_000).toISOString();
    const codes = [...rules.questionByCode.keys()];
    const pushed = await ev.api.push(codes.map((questionCode, i) => ({ opId: `evaluat1-${i + 1}-0`, kind: 'review' as const, questionCode, verdict: 'perlu-perbaikan' as const, note: `${questionCode} `.padEnd(9000, 'catatan '), points: null, markForReview: false, editedAt: at })));
    expect(pushed.every((x) => x.status === 'applied')).toBe(true);
    for (let k = 0; k < 4; k++) {
      if (k) expect((await ev.api.push([{ opId: `evaluat1-${1000 + k}-0`, kind: 'review', questionCode: codes[0], verdict: 'sesuai', note: `ubahan ${k}`, points: null, markForReview: false, editedAt: at }]))[0].status).toBe('applied');
      expect((await ev.api.push([{ opId: `evaluat1-${2000 + k}-0`, kind: 'send-reviews', editedAt: at }]))[0].status).toBe('applied');
    }
    const first = await city.api.pull(0);
    expect([first.changes.filter((c) => c.kind === 'reviews-delivered').length, first.more]).toEqual([3, true]);
    const second = await city.api.pull(first.cursor);
    expect([second.changes.filter((c) => c.kind === 'reviews-delivered').length, second.more]).toEqual([1, false]);
  });

  it("refuses reviews from anyone but an evaluator, and an evaluator's copy never sends the city's history", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    const at = new Date(hub.clock.now.getTime() - 1000).toISOString();
    const r = await city.api.push([
      { opId: 'officer1-1-0', kind: 'review', questionCode: '12.3', verdict: 'sesuai', note: '', points: null, markForReview: false, editedAt: at },
      { opId: 'officer1-2-0', kind: 'send-reviews', editedAt: at },
    ]);
    expect(r.map((x) => [x.status, x.reason])).toEqual([
      ['refused', 'evaluator-only'],
      ['refused', 'evaluator-only'],
    ]);
    // an evaluator with no notes: nothing to deliver
    const ev = await device(evaluator, 'evaluator', 'TIM PROVINSI');
    expect((await ev.api.push([{ opId: 'evaluat1-1-0', kind: 'send-reviews', editedAt: at }]))[0]).toMatchObject({ status: 'refused', reason: 'no-reviews' });
    // the evaluator's copy holds the city's answers (imported from its file): they are not its to send
    await updateAnswer(ev.db, rules, ev.ws, '12.3', { notes: 'jawaban kota' });
    expect(await pendingCount(ev.db, ev.ws)).toBe(0);
    await sync(ev);
    expect((await getBinding(ev.db, ev.ws))!.refused).toEqual([]);
    expect(((await city.api.pull(0)).changes.filter((c) => c.kind === 'answer'))).toEqual([]);
  });
});
