/**
 * Agency packs in the database (issue 12, offline, no server): the city makes one `.kla` file per
 * agency (OPD) with that agency's questions; the agency opens it as its own copy, attaches
 * evidence, fills notes and data values, and sends back a response; the city takes the response
 * in. The file layout and its checks are src/domain/exchange/agency.ts.
 *
 * Taking a response in (one transaction, all or nothing):
 * - only questions assigned to that agency in the city's own workspace are touched; what the
 *   response says of others (the officer moved a question after the pack went out) is set aside,
 *   named in the result, and the response can be taken again for it once the question is the
 *   agency's again (its documents are stored, unlinked there, so no evidence is lost);
 * - a document the workspace holds already (same bytes) is not stored twice, only linked;
 * - notes, data values and status change only where the agency changed them, each change logged
 *   with the agency's name and the value it replaced; points are never touched;
 * - a response the city already took whole, or an older one from the same agency, changes nothing.
 */
import Dexie from 'dexie';
import type { Answer, EvidenceDoc } from '../domain/model';
import { parseRulesText, type Rules } from '../domain/rules/load';
import { agencyCodes, MAX_HELD, problem, textBatches, type HeldDocument, type Problem, type VerifiedExchange, type WorkspaceSnapshot } from '../domain/exchange';
import { collectSnapshot } from './exchange';
import type { KlaDb } from './schema';
import { toStored } from './texts';
import { revealQuota } from './client';
import { newId } from './queries';
import { reserveDocNos } from './searchIndex';

/** settings key: the createdAt of the last response taken from an agency. */
const LAST_RESPONSE = (wsId: string, agencyId: string) => `agency.lastResponse.${wsId}.${agencyId}`;
/**
 * settings key: what was taken from an agency before, as document hashes and `hash|code` link
 * pairs. A later response brings only what is new: a document or a link the officer removed since
 * does not come back with it.
 */
const TAKEN = (wsId: string, agencyId: string) => `agency.taken.${wsId}.${agencyId}`;

async function rulesOf(db: KlaDb, hash: string): Promise<Rules> {
  const row = await db.rules.get(hash);
  const parsed = row ? parseRulesText(row.text, row.id) : null;
  if (!parsed?.ok) throw new Error('the workspace rules cannot be read');
  return parsed.rules;
}

/** Points never leave for an agency, nor come back from one. */
const withoutPoints = (a: Answer): Answer => ({ ...a, points: null });

/** The city's pack for one agency: its questions' answers and notes, the rules, no evidence. */
export async function collectAgencyPack(db: KlaDb, workspaceId: string, agency: { id: string; name: string }): Promise<WorkspaceSnapshot> {
  const { snapshot } = await collectSnapshot(db, workspaceId);
  const rules = await rulesOf(db, snapshot.workspace.rulesHash);
  const codes = new Set(agencyCodes(rules, snapshot.assignments, agency.id));
  return {
    kind: 'agency-pack',
    agency,
    workspace: snapshot.workspace,
    answers: snapshot.answers.filter((a) => codes.has(a.code)).map(withoutPoints),
    // every assignment: a question the city gave to another agency must not fall back to the rules' default there
    assignments: snapshot.assignments,
    activity: [],
    documents: [],
    texts: [],
    links: [],
    flagDismissals: [],
    reviews: [],
    revisionItems: [],
    rules: snapshot.rules,
    held: heldFor(snapshot, codes),
  };
}

/**
 * The documents the city holds for these questions, by name (no bytes): the agency sees what is
 * already there instead of "no evidence" (the fifth walk: 4.1 had two documents at the city and
 * "bukti 0" in the pack, so the agency would send them again or think nothing arrived).
 */
function heldFor(snapshot: WorkspaceSnapshot, codes: ReadonlySet<string>): HeldDocument[] {
  const docs = new Map(snapshot.documents.map((d) => [d.id, d]));
  const held: HeldDocument[] = [];
  for (const l of snapshot.links) {
    const d = codes.has(l.code) ? docs.get(l.documentId) : undefined;
    if (d) held.push({ code: l.code, name: d.name.slice(0, 500), addedAt: d.addedAt });
  }
  return held.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.name.localeCompare(b.name))).slice(0, MAX_HELD);
}

/**
 * The agency's response: the answers it edited since the pack was made (no points; an answer it
 * did not touch is not sent, so it cannot undo the officer's later work), the documents it
 * attached, their texts and links.
 */
export async function collectAgencyResponse(db: KlaDb, workspaceId: string): Promise<{ snapshot: WorkspaceSnapshot; evidence: Awaited<ReturnType<typeof collectSnapshot>>['evidence'] }> {
  const { snapshot, evidence } = await collectSnapshot(db, workspaceId);
  const agency = snapshot.workspace.agency;
  if (snapshot.workspace.role !== 'agency' || !agency) throw new Error('not an agency copy');
  const edited = snapshot.answers.filter((a) => a.updatedAt > (agency.packAt ?? 0)).map(withoutPoints);
  return {
    snapshot: { ...snapshot, kind: 'agency-response', agency: { id: agency.id, name: agency.name }, answers: edited, activity: [], flagDismissals: [], reviews: [], revisionItems: [], rules: { ...snapshot.rules, text: null } },
    evidence,
  };
}

export type AgencyImportResult =
  | { ok: false; problems: Problem[] }
  | { ok: true; kind: 'agency-pack'; workspaceId: string; created: boolean; questions: number }
  | {
      ok: true;
      kind: 'agency-response';
      workspaceId: string;
      agency: { id: string; name: string };
      /** Already taken (the same file again, or an older one): nothing was written. */
      unchanged: boolean;
      documentsAdded: number;
      linksAdded: number;
      answersChanged: string[];
      /** Answers the officer changed after the agency did: the officer's were kept. */
      answersKept: string[];
      /** Questions the response touches that are not the agency's here: their answers and links were not taken. */
      setAside: string[];
    };

/**
 * The agency opens its pack: a copy of the city's workspace (same id) marked as the agency's. A
 * newer pack updates the questions' notes the agency has not edited since; its evidence stays.
 */
export async function importAgencyPack(db: KlaDb, ex: VerifiedExchange, now = Date.now()): Promise<AgencyImportResult> {
  const snap = ex.snapshot();
  const agency = ex.data.agency!;
  const existing = await db.workspaces.get(snap.workspace.id);
  // never over the city's own workspace, an evaluator's copy, or another agency's copy of the same city
  if (existing && (existing.role !== 'agency' || existing.agency?.id !== agency.id)) {
    return { ok: false, problems: [problem('workspace-exists', `This workspace (${snap.workspace.city}) is already in this app; an agency pack never overwrites it.`, { workspace: snap.workspace.id, city: snap.workspace.city })] };
  }
  const rules = ex.rules ?? (await rulesOf(db, snap.workspace.rulesHash));
  const codes = agencyCodes(rules, snap.assignments, agency.id);
  const mine = new Set(codes);
  const wsId = snap.workspace.id;
  const local = new Map((await db.answers.where('workspaceId').equals(wsId).toArray()).map((a) => [a.code, a]));
  await db.transaction('rw', [db.workspaces, db.rules, db.answers, db.assignments, db.links, db.activity], async () => {
    if (snap.rules.text && !(await db.rules.get(snap.rules.hash))) await db.rules.put({ hash: snap.rules.hash, id: snap.rules.id, year: snap.workspace.year, text: snap.rules.text, addedAt: now });
    await db.workspaces.put({ ...snap.workspace, role: 'agency', agency: { id: agency.id, name: agency.name, codes, packAt: ex.manifest.createdAt, held: (snap.held ?? []).filter((h) => mine.has(h.code)) } });
    // the agency's own edits since (later than the pack's row) are kept
    await db.answers.bulkPut(snap.answers.filter((a) => !(local.get(a.code)?.updatedAt! > a.updatedAt)));
    // a newer pack may have moved questions to another agency: their rows go from this copy
    await db.answers.bulkDelete([...local.keys()].filter((c) => !mine.has(c)).map((c) => [wsId, c] as [string, string]));
    await db.links.where('workspaceId').equals(wsId).filter((l) => !mine.has(l.code)).delete();
    await db.assignments.where('workspaceId').equals(wsId).delete();
    await db.assignments.bulkPut(snap.assignments);
    await db.activity.add({ workspaceId: wsId, at: now, kind: 'import', detail: { exportId: ex.manifest.exportId, role: 'agency-pack', from: ex.manifest.createdBy.name, questions: codes.length } });
  });
  return { ok: true, kind: 'agency-pack', workspaceId: wsId, created: !existing, questions: codes.length };
}

/** The city takes an agency's response in (see the module comment for the rules). */
export async function importAgencyResponse(db: KlaDb, ex: VerifiedExchange, now = Date.now()): Promise<AgencyImportResult> {
  const snap = ex.snapshot();
  const agency = ex.data.agency!;
  const wsId = snap.workspace.id;
  const ws = await db.workspaces.get(wsId);
  if (!ws || ws.deletedAt != null || (ws.role ?? 'city') !== 'city') return { ok: false, problems: [problem('agency-not-city', `No city workspace ${snap.workspace.city} here.`, { city: snap.workspace.city })] };
  if (ws.rulesHash !== snap.workspace.rulesHash) return { ok: false, problems: [problem('rules-mismatch', 'The response was made with other rules than this workspace.')] };
  const last = (await db.settings.get(LAST_RESPONSE(wsId, agency.id)))?.value as number | undefined;
  if (last !== undefined && ex.manifest.createdAt <= last) return { ok: true, kind: 'agency-response', workspaceId: wsId, agency, unchanged: true, documentsAdded: 0, linksAdded: 0, answersChanged: [], answersKept: [], setAside: [] };

  const rules = await rulesOf(db, ws.rulesHash);
  const mine = new Set(agencyCodes(rules, await db.assignments.where('workspaceId').equals(wsId).toArray(), agency.id));
  // what concerns questions not the agency's here is set aside, the rest taken (see the module comment)
  const setAside = [...new Set([...snap.answers.map((a) => a.code), ...snap.links.map((l) => l.code)].filter((c) => !mine.has(c)))].sort();
  const answers = snap.answers.filter((a) => mine.has(a.code));
  const links = snap.links.filter((l) => mine.has(l.code));

  // documents the workspace holds already (same bytes) are linked, not stored again; the others
  // get ids of this database (a file's ids are never trusted to be free here)
  const held = new Map((await db.documents.where('workspaceId').equals(wsId).toArray()).map((d) => [d.sha256, d.id]));
  const taken = new Set(((await db.settings.get(TAKEN(wsId, agency.id)))?.value as string[] | undefined) ?? []);
  const fresh = snap.documents.filter((d) => !held.has(d.sha256) && !taken.has(d.sha256)).map((d) => ({ ...d, fileId: d.id, id: newId() }));
  for (const d of fresh) held.set(d.sha256, d.id);
  const blobs: { id: string; data: Blob }[] = [];
  for (const d of fresh) blobs.push({ id: d.id, data: await ex.evidence(d.sha256, d.mime) });
  const shaOf = new Map(snap.documents.map((d) => [d.id, d.sha256]));
  const idOf = (fileId: string) => held.get(shaOf.get(fileId)!);
  const current = new Map((await db.answers.where('workspaceId').equals(wsId).toArray()).map((a) => [a.code, a]));
  // the agency's edit is taken unless the officer changed the answer later (then the officer's stays)
  const edited = answers.filter((a) => answerDiffers(current.get(a.code), a));
  const changed = edited.filter((a) => a.updatedAt > (current.get(a.code)?.updatedAt ?? 0));
  const kept = edited.filter((a) => !changed.includes(a)).map((a) => a.code);
  let linksAdded = 0;

  await revealQuota((keep) =>
    db.transaction('rw', [db.workspaces, db.settings, db.answers, db.activity, db.documents, db.blobs, db.texts, db.classifications, db.links, db.searchPending], async (tx) => {
      keep(tx as never);
      await storeDocuments(db, wsId, fresh, blobs, snap, agency, now);
      for (const l of links) {
        const documentId = idOf(l.documentId);
        const pair = `${shaOf.get(l.documentId)}|${l.code}`;
        // a document the officer deleted since, or a link she removed: not brought back
        if (!documentId || taken.has(pair) || (await db.links.where('[documentId+code]').equals([documentId, l.code]).count())) continue;
        await db.links.add({ ...l, id: newId(), workspaceId: wsId, documentId, createdAt: now });
        await db.activity.add({ workspaceId: wsId, at: now, kind: 'evidence-linked', code: l.code, detail: { documentId, page: l.page ?? null, agency: agency.name } });
        linksAdded++;
      }
      for (const a of changed) await takeAnswer(db, wsId, current.get(a.code), a, agency.name, now);
      await db.activity.add({ workspaceId: wsId, at: now, kind: 'import', detail: { exportId: ex.manifest.exportId, role: 'agency', agency: agency.name, agencyId: agency.id, documents: fresh.length, answers: changed.length, ...(setAside.length ? { setAside } : {}) } });
      // taken whole: the same file again changes nothing; with a part set aside it may be taken again for it
      if (!setAside.length) await db.settings.put({ key: LAST_RESPONSE(wsId, agency.id), value: ex.manifest.createdAt });
      await db.settings.put({ key: TAKEN(wsId, agency.id), value: [...new Set([...taken, ...snap.documents.map((d) => d.sha256), ...links.map((l) => `${shaOf.get(l.documentId)}|${l.code}`)])] });
    }),
  );
  return { ok: true, kind: 'agency-response', workspaceId: wsId, agency, unchanged: false, documentsAdded: fresh.length, linksAdded, answersChanged: changed.map((a) => a.code), answersKept: kept, setAside };
}

const FIELDS = ['notes', 'status', 'dataValues'] as const;

/** A field's value for comparing: no notes, no data values ({}), "not started" and none stored are the same nothing. */
const valueOf = (v: unknown) => JSON.stringify(v == null || v === '' || v === 'not-started' || (typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length) ? null : v);
const fieldDiffers = (before: Answer | undefined, after: Answer, f: (typeof FIELDS)[number]) => valueOf(before?.[f]) !== valueOf(after[f]);

function answerDiffers(before: Answer | undefined, after: Answer): boolean {
  return FIELDS.some((f) => fieldDiffers(before, after, f));
}

/** The agency's notes, data values and status over the city's answer (its points kept), logged like an edit, with the agency. */
async function takeAnswer(db: KlaDb, wsId: string, before: Answer | undefined, after: Answer, agency: string, now: number): Promise<void> {
  const next: Answer = { ...(before ?? after), workspaceId: wsId, code: after.code, notes: after.notes, status: after.status, dataValues: after.dataValues, points: before?.points ?? null, updatedAt: now };
  await db.answers.put(next);
  const changes: Record<string, unknown> = { agency };
  for (const f of FIELDS) if (fieldDiffers(before, after, f)) changes[f] = { from: before?.[f] ?? null, to: after[f] };
  await db.activity.add({ workspaceId: wsId, at: now, kind: 'answer-changed', code: after.code, detail: changes });
}

/** The agency's new documents with their texts and readings, numbered for the search index. */
async function storeDocuments(db: KlaDb, wsId: string, docs: (EvidenceDoc & { fileId: string })[], blobs: { id: string; data: Blob }[], snap: WorkspaceSnapshot, agency: { id: string; name: string }, now: number): Promise<void> {
  if (!docs.length) return;
  const idOfFile = new Map(docs.map((d) => [d.fileId, d.id]));
  let no = await reserveDocNos(db, docs.length);
  // whose it is comes from the response, not from what the file says of each document
  await db.documents.bulkPut(docs.map(({ classification: _c, fileId: _f, agencyGuessed: _g, ...d }) => ({ ...d, workspaceId: wsId, agency: agency.id, no: no++ })));
  await db.classifications.bulkPut(docs.flatMap((d) => (d.classification ? [{ id: d.id, workspaceId: wsId, classification: d.classification }] : [])));
  await db.blobs.bulkPut(blobs);
  const batches = Dexie.ignoreTransaction(() => textBatches(snap)[Symbol.asyncIterator]());
  for (;;) {
    const next = await Dexie.waitFor(Dexie.ignoreTransaction(() => batches.next()));
    if (next.done) break;
    const mine = next.value.filter((t) => idOfFile.has(t.id));
    if (mine.length) await db.texts.bulkPut(mine.map((t) => toStored({ ...t, id: idOfFile.get(t.id)!, workspaceId: wsId })));
  }
  await db.searchPending.bulkPut(docs.map((d) => ({ id: d.id, workspaceId: wsId })));
  for (const d of docs) await db.activity.add({ workspaceId: wsId, at: now, kind: 'evidence-added', detail: { documentId: d.id, name: d.name, sha256: d.sha256, size: d.size, agency: agency.name } });
}
