// @vitest-environment node
/**
 * Agency packs (issue 12, no server): the city's pack for one agency carries only its questions,
 * no points and no evidence; the agency's copy takes evidence and notes; the city takes the
 * response in once, linked and logged with the agency's name; foreign questions are refused.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { collectAgencyPack, collectAgencyResponse } from '../../../src/db/agencyPack';
import { agencyLog } from '../../../src/db/agencyLog';
import { exportWorkspace, importExchangeFile, recordExport } from '../../../src/db/exchange';
import { agencyExchange } from '../../../src/domain/agencyExchange';
import { agencyCodes, verifyExchange, writeExchange, type EvidenceSource, type WorkspaceSnapshot } from '../../../src/domain/exchange';
import { fromStored } from '../../../src/db/texts';
import { linkDocument } from '../../../src/db/evidence';
import { NotAssignedError, setAssignment } from '../../../src/db/queries';
import { addDocument, cityWorkspace, dumpDb, freshDb, memorySink, prng, rules } from './helpers';
import { officeName } from '../../../src/domain/model';

const blob = (b: Uint8Array) => new Blob([b as BlobPart]);
const DUKCAPIL = { id: 'disdukcapil', name: 'Disdukcapil' };
const T0 = 1_700_000_500_000;

async function write(snapshot: WorkspaceSnapshot, evidence: EvidenceSource | null, role: 'city' | 'agency', now: number) {
  const m = memorySink();
  await writeExchange(snapshot, evidence, m.sink, { createdBy: { name: role === 'city' ? 'DP3AKB Kota Serang' : 'Disdukcapil', role }, appVersion: 'test', now });
  return blob(m.bytes());
}

/** A document in the agency's copy, linked to `code`. */
async function attach(agency: ReturnType<typeof freshDb>, wsId: string, id: string, name: string, code: string, seed: number) {
  const { doc } = await addDocument(agency, wsId, id, name, prng(seed, 700), name);
  await linkDocument(agency, wsId, doc.id, code);
  return doc;
}

/** City workspace -> pack for Disdukcapil -> the agency's copy in another browser. */
async function agencyCopy() {
  const city = freshDb();
  const { ws } = await cityWorkspace(city);
  await city.answers.put({ workspaceId: ws.id, code: '4.1', points: 20, status: 'in-progress', notes: 'Data akta dari Disdukcapil belum masuk', dataValues: {}, updatedAt: T0 - 10 });
  const pack = await write(await collectAgencyPack(city, ws.id, DUKCAPIL), null, 'city', T0);
  const agency = freshDb();
  const opened = await importExchangeFile(agency, pack, { as: 'agency', now: T0 + 1 });
  return { city, agency, ws, pack, opened };
}

describe('agency packs', () => {
  it('a pack holds the agency\'s questions without points or evidence, and opens as the agency\'s copy', async () => {
    const { agency, ws, pack, opened } = await agencyCopy();
    const report = await verifyExchange(pack);
    expect(report.problems).toEqual([]);
    const data = report.exchange!.data;
    expect(data).toMatchObject({ kind: 'agency-pack', agency: DUKCAPIL, documents: [], links: [] });
    const mine = agencyCodes(rules, data.assignments, 'disdukcapil');
    expect(mine).toContain('4.1');
    expect(data.answers.every((a) => mine.includes(a.code) && a.points === null)).toBe(true);
    expect(data.answers.find((a) => a.code === '4.1')?.notes).toBe('Data akta dari Disdukcapil belum masuk');
    expect(opened).toMatchObject({ ok: true, kind: 'agency-pack', workspaceId: ws.id, created: true, questions: mine.length });
    expect(await agency.workspaces.get(ws.id)).toMatchObject({ role: 'agency', agency: DUKCAPIL });
    expect(await agency.documents.count()).toBe(0);
  });

  it("a pack names, without their bytes, the documents the city holds for the agency's questions; the copy keeps them for those questions only", async () => {
    const city = freshDb();
    const { ws } = await cityWorkspace(city);
    const reg = await addDocument(city, ws.id, 'reg', 'Register akta 2024.pdf', prng(11, 900), 'Register akta kelahiran');
    const sk = await addDocument(city, ws.id, 'sk', 'SK Gugus Tugas.pdf', prng(12, 900), 'Keputusan gugus tugas');
    await linkDocument(city, ws.id, reg.doc.id, '4.1');
    await linkDocument(city, ws.id, sk.doc.id, '2.1'); // not Disdukcapil's question
    const pack = await write(await collectAgencyPack(city, ws.id, DUKCAPIL), null, 'city', T0);
    const data = (await verifyExchange(pack)).exchange!.data;
    expect(data.held).toEqual([{ code: '4.1', name: 'Register akta 2024.pdf', addedAt: 1000 }]);
    expect(data.documents).toEqual([]); // names only: no document rows, no bytes
    const agency = freshDb();
    await importExchangeFile(agency, pack, { as: 'agency', now: T0 + 1 });
    expect((await agency.workspaces.get(ws.id))?.agency?.held).toEqual([{ code: '4.1', name: 'Register akta 2024.pdf', addedAt: 1000 }]);
    expect(await agency.documents.count()).toBe(0);
  });

  it("a pack and the city's file carry the city's own name for its office (Pengaturan), which a copy shows; a file without one reads as DP3AKB", async () => {
    const city = freshDb();
    const { ws } = await cityWorkspace(city);
    await city.workspaces.update(ws.id, { office: 'DPPPA' });
    const pack = await write(await collectAgencyPack(city, ws.id, DUKCAPIL), null, 'city', T0);
    const agency = freshDb();
    await importExchangeFile(agency, pack, { as: 'agency', now: T0 + 1 });
    const copy = (await agency.workspaces.get(ws.id))!;
    expect(officeName(copy)).toBe('DPPPA');
    // an older city, never named: the default
    await city.workspaces.update(ws.id, { office: undefined });
    const older = freshDb();
    await importExchangeFile(older, await write(await collectAgencyPack(city, ws.id, DUKCAPIL), null, 'city', T0 + 2), { as: 'agency', now: T0 + 3 });
    expect(officeName((await older.workspaces.get(ws.id))!)).toBe('DP3AKB');
  });

  it('an agency\'s copy assigns nothing: only the city does', async () => {
    const { agency, ws } = await agencyCopy();
    const before = await dumpDb(agency);
    await expect(setAssignment(agency, ws.id, '4.1', [], T0 + 2)).rejects.toThrow(/the city does/);
    await expect(setAssignment(agency, ws.id, '4.1', ['disdukcapil', 'dinkes'], T0 + 2)).rejects.toThrow(/the city does/);
    expect(await dumpDb(agency)).toEqual(before);
  });

  it('a pack never lands on the city\'s own workspace, nor on another agency\'s copy of the same city', async () => {
    const { city, agency, ws, pack } = await agencyCopy();
    const other = await write(await collectAgencyPack(city, ws.id, { id: 'dinkes', name: 'Dinkes' }), null, 'city', T0 + 5);
    const before = await dumpDb(agency);
    expect(await importExchangeFile(agency, other, { as: 'agency', now: T0 + 6 })).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'workspace-exists' })] });
    expect(await dumpDb(agency)).toEqual(before);
    const cityBefore = await dumpDb(city);
    expect(await importExchangeFile(city, pack, { as: 'agency', now: T0 + 6 })).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'workspace-exists' })] });
    expect(await dumpDb(city)).toEqual(cityBefore);
  });

  it('the city takes the response in: evidence stored and linked, notes taken, points kept, all logged with the agency; again or older changes nothing', async () => {
    const { city, agency, ws } = await agencyCopy();
    // the agency attaches a report, links it to 4.1 and writes its notes
    const { doc } = await addDocument(agency, ws.id, 'akta-rs', 'Laporan akta di RSUD.pdf', prng(9, 4000), 'Laporan penerbitan akta kelahiran di RSUD: 1.204 akta.');
    await agency.links.put({ id: 'l-agency', workspaceId: ws.id, documentId: doc.id, code: '4.1', page: 1, createdAt: T0 + 2 });
    await agency.answers.update([ws.id, '4.1'], { notes: 'Akta terbit 1.204 (RSUD), terlampir', status: 'ready', updatedAt: T0 + 3 });
    const { snapshot, evidence } = await collectAgencyResponse(agency, ws.id);
    const response = await write(snapshot, evidence, 'agency', T0 + 10);

    const res = await importExchangeFile(city, response, { as: 'city', now: T0 + 20 });
    expect(res).toMatchObject({ ok: true, kind: 'agency-response', documentsAdded: 1, linksAdded: 1, answersChanged: ['4.1'], unchanged: false });
    const stored = (await city.documents.where('workspaceId').equals(ws.id).toArray()).find((d) => d.sha256 === doc.sha256)!;
    expect(stored.id).not.toBe(doc.id); // ids of this database, not the file's
    expect(stored.agency).toBe('disdukcapil');
    expect(await city.blobs.get(stored.id)).toBeDefined();
    expect(fromStored(await city.texts.get(stored.id))?.text).toContain('1.204 akta');
    expect(await city.searchPending.get(stored.id)).toBeDefined();
    expect(await city.links.where('[documentId+code]').equals([stored.id, '4.1']).first()).toMatchObject({ page: 1 });
    expect(await city.answers.get([ws.id, '4.1'])).toMatchObject({ notes: 'Akta terbit 1.204 (RSUD), terlampir', status: 'ready', points: 20 });
    const log = await city.activity.where('workspaceId').equals(ws.id).filter((a) => (a.detail as { agency?: string }).agency === 'Disdukcapil').toArray();
    expect(log.map((a) => a.kind).sort()).toEqual(['answer-changed', 'evidence-added', 'evidence-linked', 'import']);
    // logged like an edit, with the values it replaced
    expect(log.find((a) => a.kind === 'answer-changed')?.detail).toMatchObject({ notes: { from: 'Data akta dari Disdukcapil belum masuk', to: 'Akta terbit 1.204 (RSUD), terlampir' }, status: { from: 'in-progress', to: 'ready' } });

    // the same response again, and an older one: nothing changes
    const before = await dumpDb(city);
    expect(await importExchangeFile(city, response, { as: 'city', now: T0 + 30 })).toMatchObject({ ok: true, unchanged: true });
    const older = await write(snapshot, evidence, 'agency', T0 + 5);
    expect(await importExchangeFile(city, older, { as: 'city', now: T0 + 40 })).toMatchObject({ ok: true, unchanged: true });
    expect(await dumpDb(city)).toEqual(before);
  });

  it('Perangkat Daerah reads from the log whom a pack went to, who answered, what it brought, and who still waits', async () => {
    const city = freshDb();
    const { ws } = await cityWorkspace(city);
    const DINKES = { id: 'dinkes', name: 'Dinkes' };
    const DAY = 86_400_000;
    /** The pack made and logged as Perangkat Daerah's button does (written, then recorded). */
    const sendPack = async (a: { id: string; name: string }, at: number) => {
      const m = memorySink();
      const result = await writeExchange(await collectAgencyPack(city, ws.id, a), null, m.sink, { createdBy: { name: 'DP3AKB Kota Serang', role: 'city' }, appVersion: 'test', now: at });
      await recordExport(city, ws.id, result, at, a);
      return blob(m.bytes());
    };
    const where = async (a: { id: string; name: string }, now: number) => agencyExchange(await agencyLog(city, ws.id), a, now);

    const pack = await sendPack(DUKCAPIL, T0);
    await sendPack(DINKES, T0 + DAY);
    expect(await where(DUKCAPIL, T0 + 3 * DAY + 5)).toMatchObject({ state: 'waiting', packs: 1, lastPackAt: T0, waitingDays: 3, responses: 0, lastResponse: null });
    expect(await where({ id: 'dispora', name: 'Dispora' }, T0 + 3 * DAY)).toMatchObject({ state: 'not-sent', packs: 0, waitingDays: null });

    // Disdukcapil answers on day 2 with a report and a note: answered, and what came is named
    const agency = freshDb();
    await importExchangeFile(agency, pack, { as: 'agency', now: T0 + 1 });
    await attach(agency, ws.id, 'akta', 'Laporan akta.pdf', '4.1', 4);
    await agency.answers.update([ws.id, '4.1'], { notes: 'Akta terbit', updatedAt: T0 + 3 });
    const { snapshot, evidence } = await collectAgencyResponse(agency, ws.id);
    await importExchangeFile(city, await write(snapshot, evidence, 'agency', T0 + 2 * DAY), { as: 'city', now: T0 + 2 * DAY });
    expect(await where(DUKCAPIL, T0 + 3 * DAY)).toMatchObject({ state: 'answered', responses: 1, lastResponseAt: T0 + 2 * DAY, lastResponse: { documents: 1, answers: 1, setAside: 0 }, waitingDays: null });
    // Dinkes, sent a pack on day 1, still waits; a second pack to Disdukcapil makes it wait again
    expect(await where(DINKES, T0 + 3 * DAY)).toMatchObject({ state: 'waiting', waitingDays: 2 });
    await sendPack(DUKCAPIL, T0 + 4 * DAY);
    expect(await where(DUKCAPIL, T0 + 4 * DAY + 5)).toMatchObject({ state: 'waiting', packs: 2, waitingDays: 0, responses: 1 });
  });

  it('an answer the city never made is logged from "not started", and empty data values are not a change', async () => {
    const { city, agency, ws } = await agencyCopy();
    // 4.2 has no answer in the city's workspace; the agency writes notes and marks it ready, no data values
    await city.answers.delete([ws.id, '4.2']);
    await agency.answers.put({ workspaceId: ws.id, code: '4.2', points: null, status: 'ready', notes: 'Akta anak terlantar: 12', dataValues: {}, updatedAt: T0 + 3 });
    const { snapshot, evidence } = await collectAgencyResponse(agency, ws.id);
    expect(await importExchangeFile(city, await write(snapshot, evidence, 'agency', T0 + 10), { as: 'city', now: T0 + 20 })).toMatchObject({ ok: true, answersChanged: ['4.2'] });
    const entry = await city.activity.where('workspaceId').equals(ws.id).filter((a) => a.kind === 'answer-changed' && a.code === '4.2').first();
    expect(entry?.detail).toEqual({ agency: 'Disdukcapil', notes: { from: null, to: 'Akta anak terlantar: 12' }, status: { from: null, to: 'ready' } });
  });

  it('a response touching a question not the agency\'s here is taken but for that question, set aside and named; taken again once the question is the agency\'s', async () => {
    const { city, agency, ws } = await agencyCopy();
    // the agency links a decree to 2.1 (not its question in the city) and a report to its own 4.1
    const { doc } = await addDocument(agency, ws.id, 'sk', 'SK Gugus Tugas.pdf', prng(3, 2000), 'Keputusan');
    await agency.links.put({ id: 'l-foreign', workspaceId: ws.id, documentId: doc.id, code: '2.1', createdAt: T0 + 2 });
    const own = await attach(agency, ws.id, 'akta', 'Laporan akta.pdf', '4.1', 4);
    await agency.answers.update([ws.id, '4.1'], { notes: 'Akta terbit', updatedAt: T0 + 3 });
    await agency.answers.put({ workspaceId: ws.id, code: '2.1', points: null, status: 'ready', notes: 'SK terlampir', dataValues: {}, updatedAt: T0 + 3 });
    const { snapshot, evidence } = await collectAgencyResponse(agency, ws.id);
    const file = await write(snapshot, evidence, 'agency', T0 + 10);
    const notes21 = (await city.answers.get([ws.id, '2.1']))?.notes;

    // the file names no rules (the city has them): the city's own assignments decide, at import
    const res = await importExchangeFile(city, file, { as: 'city', now: T0 + 20 });
    expect(res).toMatchObject({ ok: true, kind: 'agency-response', documentsAdded: 2, linksAdded: 1, answersChanged: ['4.1'], setAside: ['2.1'] });
    const stored = async (sha: string) => (await city.documents.where('workspaceId').equals(ws.id).toArray()).find((d) => d.sha256 === sha)!;
    // 2.1 untouched: no link, the city's notes; the decree is kept, unlinked, for the officer to decide
    expect((await city.answers.get([ws.id, '2.1']))?.notes).toBe(notes21);
    const decree = await stored(doc.sha256);
    expect(await city.links.where('documentId').equals(decree.id).count()).toBe(0);
    expect(await city.links.where('documentId').equals((await stored(own.sha256)).id).count()).toBe(1);
    expect((await city.answers.get([ws.id, '4.1']))?.notes).toBe('Akta terbit');

    // the officer gives 2.1 to the agency too, and takes the same file again: the rest comes now, once
    await setAssignment(city, ws.id, '2.1', ['disdukcapil'], T0 + 30);
    const again = await importExchangeFile(city, file, { as: 'city', now: T0 + 40 });
    expect(again).toMatchObject({ ok: true, unchanged: false, documentsAdded: 0, linksAdded: 1, answersChanged: ['2.1'], setAside: [] });
    expect(await city.links.where('documentId').equals(decree.id).count()).toBe(1);
    expect((await city.answers.get([ws.id, '2.1']))?.notes).toBe('SK terlampir');
    expect(await importExchangeFile(city, file, { as: 'city', now: T0 + 50 })).toMatchObject({ ok: true, unchanged: true });
  });

  it('a pack opened in the city\'s own Berkas box and a response opened by an agency or an evaluator are refused, and nothing changes', async () => {
    const { city, agency, ws, pack } = await agencyCopy();
    await attach(agency, ws.id, 'akta', 'Laporan akta.pdf', '4.1', 4);
    const { snapshot, evidence } = await collectAgencyResponse(agency, ws.id);
    const response = await write(snapshot, evidence, 'agency', T0 + 10);
    const before = await dumpDb(city);
    const cityBox = { id: ws.id, city: ws.city, year: ws.year };
    expect(await importExchangeFile(city, pack, { as: 'city', forWorkspace: cityBox, now: T0 + 20 })).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'agency-file-role' })] });
    expect(await dumpDb(city)).toEqual(before);
    const other = freshDb();
    const asAgency = await importExchangeFile(other, response, { as: 'agency', now: T0 + 20 });
    expect(asAgency).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'agency-file-role' })] });
    // nor by an evaluator, from the list
    expect(await importExchangeFile(other, response, { as: 'evaluator', now: T0 + 20 })).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'agency-file-role' })] });
    expect(await other.workspaces.count()).toBe(0);
  });

  it('a pack opened where any file may be opened goes to its agency whichever role was chosen, never over a workspace here; in a workspace\'s own box it is refused', async () => {
    const { city, ws, pack } = await agencyCopy();
    for (const as of ['evaluator', 'city'] as const) {
      const agency = freshDb();
      expect(await importExchangeFile(agency, pack, { as, now: T0 + 1 })).toMatchObject({ ok: true, kind: 'agency-pack', workspaceId: ws.id, created: true });
      expect(await agency.workspaces.get(ws.id)).toMatchObject({ role: 'agency', agency: DUKCAPIL });
    }
    // the city opening its own pack from the list: its workspace stays as it is
    const before = await dumpDb(city);
    expect(await importExchangeFile(city, pack, { as: 'city', now: T0 + 2 })).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'workspace-exists' })] });
    expect(await dumpDb(city)).toEqual(before);
    // an evaluator's copy of the city: a pack in its box is the wrong file
    const evaluator = freshDb();
    await evaluator.workspaces.put({ ...(await city.workspaces.get(ws.id))!, role: 'evaluator' });
    const evBefore = await dumpDb(evaluator);
    expect(await importExchangeFile(evaluator, pack, { as: 'evaluator', forWorkspace: { id: ws.id, city: ws.city, year: ws.year }, now: T0 + 3 })).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'agency-file-role' })] });
    expect(await dumpDb(evaluator)).toEqual(evBefore);
  });

  it('a response carries only what the agency edited, and never undoes the officer\'s later work', async () => {
    const { city, agency, ws } = await agencyCopy();
    // the agency edits 4.2 only; the officer edits 4.1 after the pack went out
    await agency.answers.put({ workspaceId: ws.id, code: '4.2', points: null, status: 'ready', notes: 'Data akta per kecamatan terlampir', dataValues: {}, updatedAt: T0 + 3 });
    await city.answers.update([ws.id, '4.1'], { notes: 'Diperbarui petugas setelah paket dikirim', status: 'ready', updatedAt: T0 + 4 });
    const first = await collectAgencyResponse(agency, ws.id);
    expect(first.snapshot.answers.map((a) => a.code)).toEqual(['4.2']);
    expect(await importExchangeFile(city, await write(first.snapshot, first.evidence, 'agency', T0 + 10), { as: 'city', now: T0 + 11 })).toMatchObject({ ok: true, answersChanged: ['4.2'], answersKept: [] });
    expect(await city.answers.get([ws.id, '4.1'])).toMatchObject({ notes: 'Diperbarui petugas setelah paket dikirim', points: 20 });
    // both edit 4.1: the agency at +12, the officer later at +15: the officer's stays, and it is said
    await agency.answers.update([ws.id, '4.1'], { notes: 'Versi OPD', updatedAt: T0 + 12 });
    await city.answers.update([ws.id, '4.1'], { notes: 'Versi petugas', updatedAt: T0 + 15 });
    const second = await collectAgencyResponse(agency, ws.id);
    expect(await importExchangeFile(city, await write(second.snapshot, second.evidence, 'agency', T0 + 20), { as: 'city', now: T0 + 21 })).toMatchObject({ ok: true, answersKept: ['4.1'] });
    expect((await city.answers.get([ws.id, '4.1']))?.notes).toBe('Versi petugas');
  });

  it('a question the city gave to another agency is not in the copy and cannot be linked there; a city file is not opened as an agency', async () => {
    const city = freshDb();
    const { ws } = await cityWorkspace(city);
    await city.assignments.put({ workspaceId: ws.id, code: '4.2', agencies: ['dinkes'], updatedAt: 6 });
    const pack = await write(await collectAgencyPack(city, ws.id, DUKCAPIL), null, 'city', T0);
    const agency = freshDb();
    const opened = await importExchangeFile(agency, pack, { as: 'agency', now: T0 + 1 });
    const codes = (await agency.workspaces.get(ws.id))!.agency!.codes!;
    expect(codes).toContain('4.1');
    expect(codes).not.toContain('4.2');
    expect(opened).toMatchObject({ ok: true, questions: codes.length });
    const { doc } = await addDocument(agency, ws.id, 'd', 'x.pdf', prng(4, 500), 'x');
    await expect(linkDocument(agency, ws.id, doc.id, '4.2')).rejects.toBeInstanceOf(NotAssignedError);
    await linkDocument(agency, ws.id, doc.id, '4.1');
    expect(await agency.links.count()).toBe(1);
    // the whole city file, opened "as OPD" by mistake: refused, nothing written
    const { snapshot, evidence } = await (await import('../../../src/db/exchange')).collectSnapshot(city, ws.id);
    const cityFile = await write(snapshot, evidence, 'city', T0);
    const fresh = freshDb();
    expect(await importExchangeFile(fresh, cityFile, { as: 'agency', now: T0 })).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'agency-file-role' })] });
    expect(await fresh.workspaces.count()).toBe(0);
  });

  it('a document the agency leaves out (personal data) stays in its copy and never reaches the city', async () => {
    const { city, agency, ws } = await agencyCopy();
    await attach(agency, ws.id, 'keep', 'rekap-akta.pdf', '4.1', 11);
    const secret = await attach(agency, ws.id, 'nik', 'daftar-nik.pdf', '4.1', 12);
    const m = memorySink();
    await exportWorkspace(agency, ws.id, m.sink, { createdBy: { name: 'Disdukcapil', role: 'agency' }, appVersion: 'test', now: T0 + 10, omit: [secret.id] });
    const res = await importExchangeFile(city, blob(m.bytes()), { as: 'city', now: T0 + 11 });
    expect(res).toMatchObject({ ok: true, documentsAdded: 1, linksAdded: 1 });
    const names = (await city.documents.where('workspaceId').equals(ws.id).toArray()).map((d) => d.name);
    expect(names).toContain('rekap-akta.pdf');
    expect(names).not.toContain('daftar-nik.pdf');
    expect(await agency.documents.get(secret.id)).toBeDefined();
  });

  it('a later response brings only what is new: what the officer removed since does not come back', async () => {
    const { city, agency, ws } = await agencyCopy();
    await attach(agency, ws.id, 'a', 'rekap-a.pdf', '4.1', 21);
    await attach(agency, ws.id, 'b', 'rekap-b.pdf', '4.2', 22);
    const first = await collectAgencyResponse(agency, ws.id);
    expect(await importExchangeFile(city, await write(first.snapshot, first.evidence, 'agency', T0 + 10), { as: 'city', now: T0 + 11 })).toMatchObject({ ok: true, documentsAdded: 2, linksAdded: 2 });
    // the officer unlinks A from 4.1 and deletes B; the agency adds C and sends again
    const docsAt = async () => new Map((await city.documents.where('workspaceId').equals(ws.id).toArray()).map((d) => [d.name, d.id]));
    const atCity = await docsAt();
    await city.links.where('documentId').equals(atCity.get('rekap-a.pdf')!).delete();
    await city.documents.delete(atCity.get('rekap-b.pdf')!);
    await city.links.where('documentId').equals(atCity.get('rekap-b.pdf')!).delete();
    await attach(agency, ws.id, 'c', 'rekap-c.pdf', '4.3', 23);
    const second = await collectAgencyResponse(agency, ws.id);
    expect(await importExchangeFile(city, await write(second.snapshot, second.evidence, 'agency', T0 + 20), { as: 'city', now: T0 + 21 })).toMatchObject({ ok: true, documentsAdded: 1, linksAdded: 1 });
    const after = await docsAt();
    expect([...after.keys()]).toEqual(expect.arrayContaining(['rekap-a.pdf', 'rekap-c.pdf']));
    expect(after.has('rekap-b.pdf')).toBe(false);
    expect(await city.links.where('documentId').equals(after.get('rekap-a.pdf')!).count()).toBe(0);
    expect(await city.links.where('documentId').equals(after.get('rekap-c.pdf')!).count()).toBe(1);
  });
});
