// @vitest-environment node
/**
 * The app's sync engine (src/db/hubSync.ts) against a real hub on loopback: an officer's and an
 * agency's databases (fake-indexeddb), each edited offline, then synced.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkLinks, deleteDocument, linkDocument, linkSuggested, restoreDocument, storeDocument, unlinkDocument, type ReadDocument } from '../../../src/db/evidence';
import { bindWorkspace, getBinding, pendingCount, pullChanges, syncOnce, type Reader } from '../../../src/db/hubSync';
import { agenciesFor, getActivity, setAssignment, updateAnswer } from '../../../src/db/queries';
import { hubClient } from '../../../src/shared/hubClient';
import { workspaceDb } from '../db/workspaceDb';
import { loadRules2024, rulesText } from '../helpers';
import { workspaceForHub } from '../../../src/db/hubJoin';
import type { HubOp } from '../../../src/domain/hubProtocol';
import { hubBindingKey } from '../../../src/db/hubBindingKey';
import { ENGINE, join, listen, setupCity, useHub, type Client, type TestHub } from './harness.ts';

const rules = loadRules2024();
const current = useHub();
const setup = workspaceDb('sync');
let hub: TestHub;
let base: string;
let officer: Client;
let dinkes: Client;

const sha = async (b: Blob) => createHash('sha256').update(Buffer.from(await b.arrayBuffer())).digest('hex');
const reader: Reader = async (_name, bytes) => {
  const text = await bytes.text();
  return { sha256: await sha(bytes), kind: 'text', mime: 'text/plain', size: bytes.size, pages: 1, text, pageTexts: [text], readState: 'done' };
};
const readOf = async (b: Blob): Promise<ReadDocument> => reader('x', b);

async function agenciesOfQuestion(d: { db: Awaited<ReturnType<typeof setup>>['db']; ws: string }, code: string) {
  const rows = new Map((await d.db.assignments.where('workspaceId').equals(d.ws).toArray()).map((r) => [r.code, r.agencies]));
  return [...agenciesFor(rules, rows, code)].sort();
}

async function device(who: Client, role: 'admin' | 'agency', userName: string) {
  const { db, ws } = await setup();
  const me = await (await fetch(`${base}/api/me`, { headers: { cookie: who.cookie } })).json();
  await bindWorkspace(db, ws.id, { userId: me.user.id, displayName: userName, role });
  return { db, ws: ws.id, api: hubClient({ base, cookie: who.cookie }) };
}

/** Two laptops of the officer, both synced, and a document stored on the first and on the hub. */
async function twoLaptopsWith(name: string, text: string) {
  const a = await device(officer, 'admin', 'Petugas DP3AKB');
  await syncOnce(a.db, a.ws, a.api, reader, { rules });
  const bytes = new Blob([text]);
  const { doc } = await storeDocument(a.db, a.ws, name, bytes, await readOf(bytes));
  await syncOnce(a.db, a.ws, a.api, reader, { rules });
  const b = await device(officer, 'admin', 'Petugas DP3AKB');
  await syncOnce(b.db, b.ws, b.api, reader, { rules });
  return { a, b, doc };
}

beforeEach(async () => {
  hub = current();
  base = await listen(hub);
  officer = await setupCity(hub);
  dinkes = await join(hub, officer, 'agency', 'dinkes', 'dinkes');
});

describe(`app sync with the hub (${ENGINE})`, () => {
  it("brings an agency's offline evidence, its link and its note to the officer, logged with the agency's name", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    await setAssignment(city.db, city.ws, '12.3', ['dinkes']);
    expect(await pendingCount(city.db, city.ws)).toBe(1);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect(await pendingCount(city.db, city.ws)).toBe(0);

    // the agency works offline: a document, a link with a page, a note
    const opd = await device(dinkes, 'agency', 'DINKES');
    const bytes = new Blob(['Laporan imunisasi dasar lengkap Puskesmas Candi 2026']);
    const { doc } = await storeDocument(opd.db, opd.ws, 'laporan-idl.txt', bytes, await readOf(bytes));
    await linkDocument(opd.db, opd.ws, doc.id, '12.3', { page: 1 });
    await updateAnswer(opd.db, rules, opd.ws, '12.3', { notes: 'IDL 94 %' });
    expect(await pendingCount(opd.db, opd.ws)).toBe(3);
    const sent = await syncOnce(opd.db, opd.ws, opd.api, reader);
    expect(sent).toMatchObject({ uploaded: 1, refused: [] });

    const got = await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect(got.applied).toBe(4); // the document, its link, the note and the status it moved to
    const local = await city.db.documents.get(doc.id);
    expect(local).toMatchObject({ name: 'laporan-idl.txt', agency: 'dinkes' });
    expect(await (await city.db.blobs.get(doc.id))!.data.text()).toBe(await bytes.text());
    expect(await city.db.links.where('[documentId+code]').equals([doc.id, '12.3']).first()).toMatchObject({ page: 1 });
    expect((await city.db.answers.get([city.ws, '12.3']))!.notes).toBe('IDL 94 %');
    const log = await getActivity(city.db, city.ws);
    expect(log.filter((a) => (a.detail as { via?: string }).via === 'hub').map((a) => [a.kind, (a.detail as { by: string }).by])).toEqual(
      expect.arrayContaining([
        ['evidence-added', 'DINKES'],
        ['evidence-linked', 'DINKES'],
        ['answer-changed', 'DINKES'],
      ]),
    );
    // what came from the hub is not sent back
    expect(await pendingCount(city.db, city.ws)).toBe(0);
    // a second round changes nothing
    expect((await syncOnce(city.db, city.ws, city.api, reader, { rules })).applied).toBe(0);
  });

  it('merges an answer both edited offline: the later edit wins on both sides and the other is shown', async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    await setAssignment(city.db, city.ws, '12.3', ['dinkes']);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    const opd = await device(dinkes, 'agency', 'DINKES');
    const t0 = hub.clock.now.getTime() - 3_600_000;
    await updateAnswer(city.db, rules, city.ws, '12.3', { notes: 'catatan petugas' }, t0 + 1000);
    await updateAnswer(opd.db, rules, opd.ws, '12.3', { notes: 'catatan OPD (lebih baru)' }, t0 + 2000);
    // the officer's older edit reaches the hub first, the agency's later one second
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect((await city.db.answers.get([city.ws, '12.3']))!.notes).toBe('catatan OPD (lebih baru)');
    expect((await opd.db.answers.get([opd.ws, '12.3']))!.notes).toBe('catatan OPD (lebih baru)');
    const shown = (await getActivity(city.db, city.ws)).find((a) => (a.detail as { via?: string }).via === 'hub' && a.kind === 'answer-changed');
    expect(shown!.detail).toMatchObject({ notes: { from: 'catatan petugas', to: 'catatan OPD (lebih baru)' }, by: 'DINKES', overwritten: { value: 'catatan petugas', by: 'Petugas DP3AKB' } });

    // now the reverse: the agency's older edit arrives after the officer's newer one
    await updateAnswer(city.db, rules, city.ws, '12.3', { notes: 'versi akhir petugas' }, t0 + 4000);
    await updateAnswer(opd.db, rules, opd.ws, '12.3', { notes: 'versi OPD lama' }, t0 + 3000);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    expect((await opd.db.answers.get([opd.ws, '12.3']))!.notes).toBe('versi akhir petugas');
    const lost = (await getActivity(opd.db, opd.ws)).find((a) => (a.detail as { overwritten?: unknown }).overwritten && a.code === '12.3');
    expect(lost!.detail).toMatchObject({ by: 'Petugas DP3AKB', overwritten: { value: 'versi OPD lama', by: 'DINKES' } });
  });

  it("keeps an agency's refused edit, says so, and sends it again once the officer assigns the question", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    const opd = await device(dinkes, 'agency', 'DINKES');
    const foreign = [...rules.questionByCode.values()].find((q) => !q.agencies.includes('dinkes'))!.code;
    await updateAnswer(opd.db, rules, opd.ws, foreign, { notes: 'data kami juga' });
    const r = await syncOnce(opd.db, opd.ws, opd.api, reader);
    expect(r.refused.map((x) => x.reason)).toEqual(['not-assigned', 'not-assigned']); // the note and the status
    expect((await getBinding(opd.db, opd.ws))!.refused!.map((x) => ('questionCode' in x.op ? x.op.questionCode : null))).toEqual([foreign, foreign]);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect((await city.db.answers.get([city.ws, foreign]))?.notes ?? '').toBe('');
    // the officer gives the question to Dinkes too: the kept edit goes through on the next round
    await setAssignment(city.db, city.ws, foreign, ['dinkes']);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect((await syncOnce(opd.db, opd.ws, opd.api, reader)).refused).toEqual([]);
    expect((await getBinding(opd.db, opd.ws))!.refused).toEqual([]);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect((await city.db.answers.get([city.ws, foreign]))!.notes).toBe('data kami juga');
  });

  it("gives a second device of the same user that user's work, and does not overwrite the officer's assignments", async () => {
    const first = await device(officer, 'admin', 'Petugas DP3AKB');
    await setAssignment(first.db, first.ws, '12.3', ['dinkes']);
    await updateAnswer(first.db, rules, first.ws, '1.1', { notes: 'Perda 2019' });
    await syncOnce(first.db, first.ws, first.api, reader, { rules });
    // a new laptop, same account: it receives what the account did elsewhere
    const second = await device(officer, 'admin', 'Petugas DP3AKB');
    await syncOnce(second.db, second.ws, second.api, reader, { rules });
    expect((await second.db.answers.get([second.ws, '1.1']))!.notes).toBe('Perda 2019');
    // and its own defaults did not replace the hub's assignments (12.3 stays Dinkes's only)
    const hubAssignments = (await fetch(`${base}/api/assignments`, { headers: { cookie: officer.cookie } }).then((r) => r.json())).assignments as { questionCode: string; agencyId: string }[];
    expect(hubAssignments.filter((a) => a.questionCode === '12.3').map((a) => a.agencyId)).toEqual(['dinkes']);
    // it takes the officer's choices made on the other laptop, logged as coming through the hub
    expect(await agenciesOfQuestion(second, '12.3')).toEqual(['dinkes']);
    await setAssignment(first.db, first.ws, '19.1', ['dinkes', 'disdik']);
    await syncOnce(first.db, first.ws, first.api, reader, { rules });
    await syncOnce(second.db, second.ws, second.api, reader, { rules });
    expect(await agenciesOfQuestion(second, '19.1')).toEqual(['dinkes', 'disdik']);
    const log = (await getActivity(second.db, second.ws)).find((a) => a.kind === 'assignment-changed' && a.code === '19.1');
    expect(log?.detail).toMatchObject({ via: 'hub', by: 'Petugas DP3AKB' });
    expect(await pendingCount(second.db, second.ws)).toBe(0); // taken, not sent back
  });

  it("keeps both devices' assignment changes made at the same moment, question by question; on one question the later edit wins", async () => {
    const first = await device(officer, 'admin', 'Petugas DP3AKB');
    await syncOnce(first.db, first.ws, first.api, reader, { rules });
    const second = await device(officer, 'admin', 'Petugas DP3AKB');
    await syncOnce(second.db, second.ws, second.api, reader, { rules });
    const t0 = hub.clock.now.getTime() - 3_600_000;
    // both offline: each changes its own question, and both change 19.1 (the second device later)
    await setAssignment(first.db, first.ws, '12.3', ['dinkes'], t0);
    await setAssignment(second.db, second.ws, '4.1', ['disdukcapil', 'dinkes'], t0);
    await setAssignment(second.db, second.ws, '19.1', ['disdik'], t0 + 2000);
    await setAssignment(first.db, first.ws, '19.1', ['dinkes'], t0 + 1000);
    await syncOnce(second.db, second.ws, second.api, reader, { rules });
    await syncOnce(first.db, first.ws, first.api, reader, { rules }); // its older 19.1 loses
    await syncOnce(second.db, second.ws, second.api, reader, { rules });
    const onHub = (await first.api.getAssignments()).filter((a) => ['12.3', '4.1', '19.1'].includes(a.questionCode));
    expect(onHub.map((a) => `${a.questionCode}:${a.agencyId}`).sort()).toEqual(['12.3:dinkes', '19.1:disdik', '4.1:dinkes', '4.1:disdukcapil']);
    for (const d of [first, second]) {
      expect(await agenciesOfQuestion(d, '12.3')).toEqual(['dinkes']);
      expect(await agenciesOfQuestion(d, '4.1')).toEqual(['dinkes', 'disdukcapil']);
      expect(await agenciesOfQuestion(d, '19.1')).toEqual(['disdik']);
    }
    // an agency cannot set who answers what
    const opd = await device(dinkes, 'agency', 'DINKES');
    const [r] = await opd.api.push([{ opId: 'opd00001-1-0', kind: 'assignment', questionCode: '12.3', agencies: [], editedAt: new Date(t0).toISOString() }]);
    expect(r).toMatchObject({ status: 'refused', reason: 'forbidden' });
  });

  it("takes another's edit of one field while this device's edit of another field of the same answer waits", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    await setAssignment(city.db, city.ws, '12.3', ['dinkes']);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    const opd = await device(dinkes, 'agency', 'DINKES');
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    // the agency writes a note that has not reached the hub when the officer's value and note arrive
    await updateAnswer(opd.db, rules, opd.ws, '12.3', { notes: 'sedang ditulis' });
    await updateAnswer(city.db, rules, city.ws, '12.3', { dataValues: { target: '95', cakupan: '94' }, notes: 'catatan petugas' });
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    await pullChanges(opd.db, opd.ws, opd.api, reader);
    const a = (await opd.db.answers.get([opd.ws, '12.3']))!;
    expect(a.dataValues).toEqual({ target: '95', cakupan: '94' });
    expect(a.notes).toBe('sedang ditulis'); // held: the next round sends it and the hub decides
    // the next round: the agency's note reaches the hub; a value written in another key order is
    // no conflict (jsonb keeps its own key order)
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    await updateAnswer(city.db, rules, city.ws, '12.3', { dataValues: { target: '96', cakupan: '94' } });
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    const feed = (await fetch(`${base}/api/sync/pull?since=0`, { headers: { cookie: officer.cookie } }).then((r) => r.json())).changes as { body: { field?: string; value?: unknown }; overwritten: unknown }[];
    const last = feed.filter((c) => c.body.field === 'value').at(-1)!;
    expect(last.body.value).toEqual({ target: '96', cakupan: '94' });
    expect(last.overwritten).toBeNull();
  });

  it("carries the city's name for its office (Pengaturan) to every copy made through the hub; only the officer sets it", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    const opd = await device(dinkes, 'agency', 'DINKES');
    await city.db.workspaces.update(city.ws, { office: 'DP3A' });
    expect((await syncOnce(city.db, city.ws, city.api, reader, { rules })).pushed).toBeGreaterThan(0);
    expect((await syncOnce(city.db, city.ws, city.api, reader, { rules })).pushed).toBe(0);
    expect((await syncOnce(opd.db, opd.ws, opd.api, reader)).applied).toBeGreaterThan(0);
    expect((await opd.db.workspaces.get(opd.ws))!.office).toBe('DP3A');
    // a copy made afterwards (joining on the workspace list) says it from its first screen
    const me = await opd.api.me();
    expect(me.workspace?.office).toBe('DP3A');
    const fresh = await setup();
    const made = await workspaceForHub(fresh.db, { ...me, assignments: [] }, rules, rulesText());
    expect((await fresh.db.workspaces.get(made))!.office).toBe('DP3A');
    // cleared in Pengaturan: every copy goes back to the app's default name
    await city.db.workspaces.update(city.ws, { office: undefined });
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    expect((await opd.db.workspaces.get(opd.ws))!.office).toBeUndefined();
    // an agency's copy never sends its own (and the hub refuses one from it)
    await opd.db.workspaces.update(opd.ws, { office: 'DINAS LAIN' });
    expect((await syncOnce(opd.db, opd.ws, opd.api, reader)).pushed).toBe(0);
    const [refused] = await opd.api.push([{ opId: 'agencydevice-office-1', kind: 'office', office: 'DINAS LAIN', editedAt: new Date().toISOString() }]);
    expect(refused).toMatchObject({ status: 'refused', reason: 'forbidden' });
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect((await city.db.workspaces.get(city.ws))!.office).toBeUndefined();
  });

  it("ends on the hub's name when another laptop's older name comes in the same round as this one's newer", async () => {
    const a = await device(officer, 'admin', 'Petugas DP3AKB');
    const b = await device(officer, 'admin', 'Petugas DP3AKB');
    await b.db.workspaces.update(b.ws, { office: 'DPPPAPPKB' });
    await syncOnce(b.db, b.ws, b.api, reader, { rules });
    // A's edit is sent after B's: it wins on the hub; A's pull then reads B's entry, then its own
    await a.db.workspaces.update(a.ws, { office: 'DP3A' });
    await syncOnce(a.db, a.ws, a.api, reader, { rules });
    expect((await a.api.me()).workspace?.office).toBe('DP3A');
    expect((await a.db.workspaces.get(a.ws))!.office).toBe('DP3A');
    await syncOnce(b.db, b.ws, b.api, reader, { rules });
    expect((await b.db.workspaces.get(b.ws))!.office).toBe('DP3A');
  });

  it('goes on with the round when a hub older than the app refuses the office operation, and tries it again', async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    const older = { ...city.api, push: async (ops: HubOp[]) => (ops.some((o) => o.kind === 'office') ? Promise.reject(Object.assign(new Error('hub 400 bad-request'), { status: 400 })) : city.api.push(ops)) };
    await city.db.workspaces.update(city.ws, { office: 'DP3A' });
    await updateAnswer(city.db, rules, city.ws, '1.1', { notes: 'Perda KLA 2025' });
    const r = await syncOnce(city.db, city.ws, older, reader, { rules });
    expect(r.refused).toEqual([expect.objectContaining({ status: 'refused', reason: 'bad-request' })]);
    // kept to show (Hub kota's "not sent" list), not as an operation to send again beside the next
    expect((await getBinding(city.db, city.ws))!.officeRefused).toMatchObject({ office: 'DP3A', reason: 'bad-request' });
    expect((await getBinding(city.db, city.ws))!.refused ?? []).toEqual([]);
    // the note went all the same: the officer's second laptop has it
    const other = await device(officer, 'admin', 'Petugas DP3AKB');
    await syncOnce(other.db, other.ws, other.api, reader, { rules });
    expect((await other.db.answers.get([other.ws, '1.1']))?.notes).toBe('Perda KLA 2025');
    // the hub updated: the next round sends the name, and nothing is said refused any more
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect((await city.api.me()).workspace?.office).toBe('DP3A');
    expect((await getBinding(city.db, city.ws))!.officeRefused).toBeUndefined();
  });

  it("gives a device whose older name for the office lost the hub's name, and signing in sends nothing", async () => {
    const a = await device(officer, 'admin', 'Petugas DP3AKB');
    await a.db.workspaces.update(a.ws, { office: 'DP3A' });
    await syncOnce(a.db, a.ws, a.api, reader, { rules });
    // a second laptop of the officer, its workspace named otherwise before it signed in: it takes the hub's
    const second = await join(hub, officer, 'admin', 'petugas2');
    const { db, ws } = await setup();
    await db.workspaces.update(ws.id, { office: 'DPPPAPPKB' });
    const me = await (await fetch(`${base}/api/me`, { headers: { cookie: second.cookie } })).json();
    await bindWorkspace(db, ws.id, { userId: me.user.id, displayName: 'PETUGAS2', role: 'admin' });
    const b = { db, ws: ws.id, api: hubClient({ base, cookie: second.cookie }) };
    expect((await syncOnce(b.db, b.ws, b.api, reader, { rules })).pushed).toBe(0);
    expect((await b.db.workspaces.get(b.ws))!.office).toBe('DP3A');
    // an edit stamped before the hub's (a device offline since; the hub's clock is the test's) loses and is told the hub's name
    const [lost] = await b.api.push([{ opId: `${(await getBinding(b.db, b.ws))!.deviceId}-office-9`, kind: 'office', office: 'DP3AP2KB', editedAt: new Date(hub.clock.now.getTime() - 86_400_000).toISOString() }]);
    expect(lost.status).toBe('overwritten');
    // as the round that sent it leaves the device: its name, marked as what the hub last had from it
    await b.db.workspaces.update(b.ws, { office: 'DP3AP2KB' });
    await b.db.settings.put({ key: hubBindingKey(b.ws), value: { ...(await getBinding(b.db, b.ws))!, officeSent: 'DP3AP2KB' } });
    await pullChanges(b.db, b.ws, b.api, reader);
    expect((await b.db.workspaces.get(b.ws))!.office).toBe('DP3A');
  });

  it("sends the rules' default assignments, so an agency may answer its questions without the officer choosing them", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    const own = [...rules.questionByCode.values()].find((q) => q.agencies.includes('dinkes'))!.code;
    const opd = await device(dinkes, 'agency', 'DINKES');
    await updateAnswer(opd.db, rules, opd.ws, own, { notes: 'data puskesmas' });
    expect((await syncOnce(opd.db, opd.ws, opd.api, reader)).refused).toEqual([]);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect((await city.db.answers.get([city.ws, own]))!.notes).toBe('data puskesmas');
  });

  it("names to an agency's copy the city's documents on its questions, which it may not read (as a pack does), and forgets one unlinked", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    await setAssignment(city.db, city.ws, '12.3', ['dinkes']);
    const bytes = new Blob(['Register imunisasi dasar lengkap Kota 2026']);
    const { doc } = await storeDocument(city.db, city.ws, 'register-idl.txt', bytes, await readOf(bytes));
    await linkDocument(city.db, city.ws, doc.id, '12.3');
    const other = new Blob(['Rekap akta kelahiran 2026']);
    const { doc: notDinkes } = await storeDocument(city.db, city.ws, 'rekap-akta.txt', other, await readOf(other));
    await linkDocument(city.db, city.ws, notDinkes.id, '4.1');
    const wrong = new Blob(['Daftar hadir rapat lain']);
    const { doc: mistaken } = await storeDocument(city.db, city.ws, 'daftar-hadir.txt', wrong, await readOf(wrong));
    await linkDocument(city.db, city.ws, mistaken.id, '12.3');
    await syncOnce(city.db, city.ws, city.api, reader, { rules });

    const opd = await device(dinkes, 'agency', 'DINKES');
    await opd.db.workspaces.update(opd.ws, { role: 'agency', agency: { id: 'dinkes', name: 'Dinkes' } });
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    // not its to read: no bytes, no link; its name for 12.3, nothing of 4.1 (not Dinkes's question)
    expect(await opd.db.documents.get(doc.id)).toBeUndefined();
    expect(await opd.db.links.where('documentId').equals(doc.id).count()).toBe(0);
    const held = (await opd.db.workspaces.get(opd.ws))!.agency!.held!;
    expect(held.map((h) => h.name).sort()).toEqual(['daftar-hadir.txt', 'register-idl.txt']);
    expect(held.find((h) => h.doc === doc.id)).toEqual({ code: '12.3', name: 'register-idl.txt', addedAt: expect.any(Number), doc: doc.id });
    expect(Math.abs(held[0].addedAt - Date.now())).toBeLessThan(60_000);

    // the officer deletes the mistaken one without unlinking it: the agency's copy names it no more
    await deleteDocument(city.db, city.ws, mistaken.id);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    expect((await opd.db.workspaces.get(opd.ws))!.agency!.held!.map((h) => h.name)).toEqual(['register-idl.txt']);

    // the officer unlinks it: the agency's copy no longer says the city holds it
    await unlinkDocument(city.db, city.ws, doc.id, '12.3');
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    expect((await opd.db.workspaces.get(opd.ws))!.agency!.held).toEqual([]);
  });

  it("carries a link made from the app's suggestion as unchecked to the other devices, and the check after it", async () => {
    const first = await device(officer, 'admin', 'Petugas DP3AKB');
    await syncOnce(first.db, first.ws, first.api, reader, { rules });
    const bytes = new Blob(['Rekap akta kelahiran anak 2026, Disdukcapil']);
    const { doc } = await storeDocument(first.db, first.ws, 'rekap-akta.txt', bytes, await readOf(bytes));
    const mine = new Blob(['SK Gugus Tugas KLA 2026']);
    const sk = (await storeDocument(first.db, first.ws, 'sk-gugus.txt', mine, await readOf(mine))).doc;
    await linkSuggested(first.db, first.ws, [{ documentId: doc.id, code: '5.1' }]);
    await linkDocument(first.db, first.ws, sk.id, '2.1');
    await syncOnce(first.db, first.ws, first.api, reader, { rules });
    // a second laptop of the same officer: the suggestion's link is still one nobody checked
    const second = await device(officer, 'admin', 'Petugas DP3AKB');
    await syncOnce(second.db, second.ws, second.api, reader, { rules });
    const linkOn = async (d: typeof first, documentId: string, code: string) => d.db.links.where('[documentId+code]').equals([documentId, code]).first();
    expect((await linkOn(second, doc.id, '5.1'))?.suggested).toBe(true);
    expect((await linkOn(second, sk.id, '2.1'))?.suggested).toBeUndefined();
    expect(await pendingCount(second.db, second.ws)).toBe(0);

    // checked on the second: the mark goes on the first too, logged as coming through the hub
    expect(await checkLinks(second.db, second.ws, [(await linkOn(second, doc.id, '5.1'))!.id])).toBe(1);
    expect(await pendingCount(second.db, second.ws)).toBe(1);
    await syncOnce(second.db, second.ws, second.api, reader, { rules });
    await syncOnce(first.db, first.ws, first.api, reader, { rules });
    expect((await linkOn(first, doc.id, '5.1'))?.suggested).toBeUndefined();
    const log = (await getActivity(first.db, first.ws)).find((a) => a.kind === 'evidence-checked');
    expect(log?.detail).toMatchObject({ documentId: doc.id, via: 'hub', by: 'Petugas DP3AKB' });
    expect(await pendingCount(first.db, first.ws)).toBe(0); // taken, not sent back
  });

  it("a check is not a link write: checked on a laptop that missed another's removal, the link stays removed everywhere", async () => {
    const { a, b, doc } = await twoLaptopsWith('rekap-akta.txt', 'Rekap akta kelahiran anak 2026, Disdukcapil');
    await linkSuggested(a.db, a.ws, [{ documentId: doc.id, code: '5.1' }]);
    await syncOnce(a.db, a.ws, a.api, reader, { rules });
    await syncOnce(b.db, b.ws, b.api, reader, { rules });
    // B removes it; A, not synced since, checks it later
    await unlinkDocument(b.db, b.ws, doc.id, '5.1');
    await syncOnce(b.db, b.ws, b.api, reader, { rules });
    const onA = (await a.db.links.where('[documentId+code]').equals([doc.id, '5.1']).first())!;
    await checkLinks(a.db, a.ws, [onA.id], Date.now() + 60_000);
    await syncOnce(a.db, a.ws, a.api, reader, { rules });
    await syncOnce(b.db, b.ws, b.api, reader, { rules });
    const count = (d: typeof a) => d.db.links.where('[documentId+code]').equals([doc.id, '5.1']).count();
    expect(await count(a)).toBe(0);
    expect(await count(b)).toBe(0);
  });

  it("a suggestion never marks again a link an officer made herself on another laptop", async () => {
    const { a, b, doc } = await twoLaptopsWith('sk-gugus.txt', 'SK Gugus Tugas KLA 2026');
    // B links it herself; A, offline, takes the app's suggestion for the same question, later
    await linkDocument(b.db, b.ws, doc.id, '2.1');
    await syncOnce(b.db, b.ws, b.api, reader, { rules });
    await linkSuggested(a.db, a.ws, [{ documentId: doc.id, code: '2.1' }], Date.now() + 60_000);
    await syncOnce(a.db, a.ws, a.api, reader, { rules });
    await syncOnce(b.db, b.ws, b.api, reader, { rules });
    const mark = async (d: typeof a) => (await d.db.links.where('[documentId+code]').equals([doc.id, '2.1']).first())?.suggested;
    expect(await mark(b)).toBeUndefined();
    // and A takes the hub's: the officer's own link, not a suggestion to check
    expect(await mark(a)).toBeUndefined();
  });

  it("a link an officer made offline keeps no mark when another laptop's suggestion of the same question reached the hub first", async () => {
    const { a, b, doc } = await twoLaptopsWith('notula-forum.txt', 'Notula rapat forum anak kota 2026');
    await linkDocument(b.db, b.ws, doc.id, '8.1'); // B, offline: her own link
    await linkSuggested(a.db, a.ws, [{ documentId: doc.id, code: '8.1' }]); // A: the app's suggestion, pushed first
    await syncOnce(a.db, a.ws, a.api, reader, { rules });
    await syncOnce(b.db, b.ws, b.api, reader, { rules });
    await syncOnce(a.db, a.ws, a.api, reader, { rules });
    const mark = async (d: typeof a) => (await d.db.links.where('[documentId+code]').equals([doc.id, '8.1']).first())?.suggested;
    expect(await mark(b)).toBeUndefined();
    expect(await mark(a)).toBeUndefined();
  });

  it('carries a deletion to the other devices as a tombstone, and Urungkan brings the document back everywhere', async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    await setAssignment(city.db, city.ws, '12.3', ['dinkes']);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    const opd = await device(dinkes, 'agency', 'DINKES');
    const bytes = new Blob(['Rekap balita ditimbang Posyandu Melati 2026']);
    const { doc } = await storeDocument(opd.db, opd.ws, 'rekap-posyandu.txt', bytes, await readOf(bytes));
    await linkDocument(opd.db, opd.ws, doc.id, '12.3');
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect(await city.db.documents.get(doc.id)).toBeTruthy();

    // the officer deletes it: gone at the agency, on the hub (no content, not listed), logged
    const removed = (await deleteDocument(city.db, city.ws, doc.id))!;
    expect(await pendingCount(city.db, city.ws)).toBe(1);
    expect((await syncOnce(city.db, city.ws, city.api, reader, { rules })).refused).toEqual([]);
    expect((await fetch(`${base}/api/documents/${doc.id}/content`, { headers: { cookie: dinkes.cookie } })).status).toBe(404);
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    expect(await opd.db.documents.get(doc.id)).toBeUndefined();
    expect(await opd.db.links.where('documentId').equals(doc.id).count()).toBe(0);
    const gone = (await getActivity(opd.db, opd.ws)).find((a) => a.kind === 'evidence-removed');
    expect(gone?.detail).toMatchObject({ documentId: doc.id, via: 'hub', by: 'Petugas DP3AKB' });
    expect(await pendingCount(opd.db, opd.ws)).toBe(0); // a deletion from the hub is not sent back

    // Urungkan on the officer's side: the document is back on the hub and at the agency
    expect(await restoreDocument(city.db, city.ws, removed)).toBe('restored');
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    const back = await opd.db.documents.get(doc.id);
    expect(back?.sha256).toBe(await sha(bytes));
    // with its link: deleting the copy there had removed it
    expect((await opd.db.links.where('documentId').equals(doc.id).toArray()).map((l) => l.code)).toEqual(['12.3']);
  });

  it("lets an agency delete only its own agency's documents, and sends a device whose deletion lost the hub's state", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    await setAssignment(city.db, city.ws, '12.3', ['dinkes']);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    const bytes = new Blob(['SK Gugus Tugas KLA 2026 dari petugas']);
    const { doc } = await storeDocument(city.db, city.ws, 'sk-gugus.txt', bytes, await readOf(bytes), { agency: 'dinkes' });
    await linkDocument(city.db, city.ws, doc.id, '12.3');
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    // uploaded by the officer: not the agency's document, so the agency may not delete it
    const r = await dinkes.call('POST', '/api/sync/push', { ops: [{ opId: 'dinkes01-1', kind: 'document', documentId: doc.id, removed: true, editedAt: '2026-12-02T02:00:00Z' }] });
    expect(r.json.results[0]).toMatchObject({ status: 'refused', reason: 'forbidden' });

    // the officer deletes and restores it on one device; a second device of hers, whose clock is
    // behind, deletes it after having seen all that: its deletion is the earlier and loses, and
    // that device is sent the hub's state (the document, back)
    const t0 = hub.clock.now.getTime(); // the hub's now: times after it count as it
    const removed = (await deleteDocument(city.db, city.ws, doc.id, t0 - 30_000))!;
    await restoreDocument(city.db, city.ws, removed, t0 - 10_000);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    const other = await device(officer, 'admin', 'Petugas DP3AKB');
    await syncOnce(other.db, other.ws, other.api, reader, { rules });
    expect(await other.db.documents.get(doc.id)).toBeTruthy();
    await deleteDocument(other.db, other.ws, doc.id, t0 - 60_000);
    expect((await syncOnce(other.db, other.ws, other.api, reader, { rules })).refused).toEqual([]);
    expect((await other.db.documents.get(doc.id))?.sha256).toBe(await sha(bytes));
    expect((await other.db.links.where('documentId').equals(doc.id).toArray()).map((l) => l.code)).toEqual(['12.3']);
    const [row] = await hub.db.query<{ deleted_at: Date | null }>('select deleted_at from documents where id = $1', [doc.id]);
    expect(row.deleted_at).toBeNull();
  });

  it("keeps the officer's own copy when an agency deletes its upload of the same bytes", async () => {
    const city = await device(officer, 'admin', 'Petugas DP3AKB');
    await setAssignment(city.db, city.ws, '12.3', ['dinkes']);
    const bytes = new Blob(['Profil kesehatan anak Kota Contoh 2026']);
    const { doc: mine } = await storeDocument(city.db, city.ws, 'profil-kesehatan.txt', bytes, await readOf(bytes));
    await linkDocument(city.db, city.ws, mine.id, '12.3');
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    // the agency sends the same file as its own document; the officer's device holds it once
    const opd = await device(dinkes, 'agency', 'DINKES');
    const { doc: theirs } = await storeDocument(opd.db, opd.ws, 'profil-dinkes.txt', bytes, await readOf(bytes));
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect(await city.db.documents.get(theirs.id)).toBeUndefined(); // aliased to the officer's copy
    // the agency deletes its upload: the officer's own document and its link stay
    await deleteDocument(opd.db, opd.ws, theirs.id);
    await syncOnce(opd.db, opd.ws, opd.api, reader);
    await syncOnce(city.db, city.ws, city.api, reader, { rules });
    expect((await city.db.documents.get(mine.id))?.sha256).toBe(await sha(bytes));
    expect(await city.db.links.where('documentId').equals(mine.id).count()).toBe(1);
  });
});
