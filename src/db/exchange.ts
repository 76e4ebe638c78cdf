/**
 * The exchange file and the database: collect a workspace snapshot to export, and import a
 * verified exchange file in ONE transaction (all or nothing).
 *
 * Who imports what (`as` is the role of the person importing):
 * - city imports an evaluator's response: every note becomes a RevisionItem (the revision
 *   checklist). Re-importing the same file changes nothing; an item the officer already answered
 *   is never overwritten; a different note from the same reviewer on the same question is a
 *   conflict, returned for display (resolve it with `resolveConflict`), never settled silently.
 * - evaluator imports a city file: a local copy of the city's workspace (same id) is created, or
 *   updated for a revised file (the evaluator's own reviews are kept). If the evaluator marked a
 *   review baseline (`markReviewed`, after exporting the response), the result says what changed
 *   since then; `changesSinceReview` recomputes it at any time.
 * - city imports a city file: restores a workspace that is not in this database (a backup, a new
 *   laptop); refused if the workspace exists, so a file never overwrites the city's own work.
 *
 * Verification (src/domain/exchange/read.ts) has run before any of this, so nothing here has to
 * cope with a damaged file; checks here are about the database (workspace exists, rules match).
 * Evidence Blobs are fetched (decrypted if needed) BEFORE the transaction opens: IndexedDB
 * commits a transaction that waits on anything else.
 */
import Dexie from 'dexie';
import { type Activity, type EvidenceDoc, type EvidenceText, type RevisionItem, type Verdict } from '../domain/model';
import { parseRulesText, type Rules } from '../domain/rules/load';
import { evaluatorPointsKey, mergeEvaluatorPoints, type EvaluatorPoints } from '../domain/evaluatorPoints';
import {
  diffBasis,
  diffSnapshots,
  fingerprint,
  problem,
  TEXT_BATCH,
  textBatches,
  verifyExchange,
  withoutDocuments,
  writeExchange,
  type DiffBasis,
  type EvidenceSource,
  type Problem,
  type Role,
  type SnapshotDiff,
  type VerifiedExchange,
  type VerifyOptions,
  type VerifyReport,
  type WorkspaceSnapshot,
  type WriteOptions,
  type WriteResult,
} from '../domain/exchange';
import type { KlaDb } from './schema';
import { fromStored, toStored } from './texts';
import { revealQuota } from './client';
import { clearIndex, reserveDocNos } from './searchIndex';
import type { AgencyImportResult } from './agencyPack';

/** settings keys */
const REVIEWED = (id: string) => `exchange.reviewed.${id}`;
const LAST_IMPORT = (id: string) => `exchange.lastImport.${id}`;

export interface ReviewBaseline {
  fingerprint: string;
  at: number;
  basis: DiffBasis;
}

const perWorkspaceTables = (db: KlaDb) => [db.answers, db.assignments, db.activity, db.documents, db.texts, db.links, db.flagDismissals, db.reviews, db.revisionItems, db.classifications];

// ---- export ----------------------------------------------------------------------------------

/** Every row of one workspace, its rules text, and its evidence as Blob references. */
export async function collectSnapshot(db: KlaDb, workspaceId: string): Promise<{ snapshot: WorkspaceSnapshot; evidence: EvidenceSource }> {
  const snapshot = await db.transaction('r', [db.workspaces, db.rules, ...perWorkspaceTables(db)], async () => {
    const workspace = await db.workspaces.get(workspaceId);
    if (!workspace) throw new Error(`workspace ${workspaceId} not found`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const w = <T>(t: Dexie.Table<T, any, any>) => t.where('workspaceId').equals(workspaceId).toArray();
    const [answers, assignments, activity, docRows, links, flagDismissals, reviews, revisionItems, rules] = await Promise.all([
      w(db.answers),
      w(db.assignments),
      w(db.activity),
      w(db.documents),
      w(db.links),
      w(db.flagDismissals),
      w(db.reviews),
      w(db.revisionItems),
      db.rules.get(workspace.rulesHash),
    ]);
    const documents = docRows.map(({ no: _no, ...d }): EvidenceDoc => d);
    activity.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    // rows left pointing at a deleted document would make the file fail its own checks: drop them
    const docIds = new Set(documents.map((d) => d.id));
    return {
      workspace,
      answers,
      assignments,
      activity,
      documents,
      // the texts are read in batches while the file is written, never all at once
      texts: [],
      textSource: () => textsOf(db, [...docIds]),
      links: links.filter((l) => docIds.has(l.documentId)),
      flagDismissals: flagDismissals.filter((f) => docIds.has(f.documentId)),
      reviews,
      revisionItems,
      rules: { id: workspace.rulesId, hash: workspace.rulesHash, text: rules?.text ?? null },
    } satisfies WorkspaceSnapshot;
  });
  // the file carries a document as one record: the light row and its classification
  await withClassifications(db, snapshot.documents);
  // the Blob references (not their bytes) of every document, in one read when first asked for:
  // 5,000 single reads took 5 s
  let bySha: Promise<Map<string, Blob>> | null = null;
  const readAll = async () => {
    const docs = snapshot.documents;
    const rows = await db.blobs.bulkGet(docs.map((d) => d.id));
    return new Map(docs.flatMap((d, i) => (rows[i] ? [[d.sha256, rows[i]!.data] as const] : [])));
  };
  const evidence: EvidenceSource = async (sha) => (await (bySha ??= readAll())).get(sha);
  return { snapshot, evidence };
}

/** Classifications read for an export at once, between which the page draws (`withClassifications`). */
const CLASS_BATCH = 250;

/**
 * Each document's classification put on it, read 250 at a time with a pause between for the page
 * to draw: read at once, 5,000 of them (a few KB to 70 KB each) held the page still for 8.5 s
 * after "Ekspor berkas kota" (the eleventh walk). Read after the snapshot's transaction: a
 * document's reading changing meanwhile gives the file its newer classification, which is still
 * that document's.
 */
async function withClassifications(db: KlaDb, documents: EvidenceDoc[]): Promise<void> {
  for (let i = 0; i < documents.length; i += CLASS_BATCH) {
    const part = documents.slice(i, i + CLASS_BATCH);
    const rows = await db.classifications.bulkGet(part.map((d) => d.id));
    part.forEach((d, k) => rows[k] && (d.classification = rows[k]!.classification));
    if (i + CLASS_BATCH < documents.length) await new Promise((r) => setTimeout(r, 0));
  }
}

/**
 * The texts of these documents, 100 at a time (a document without one is skipped). The next batch
 * is read while the caller works on this one.
 */
async function* textsOf(db: KlaDb, ids: string[]): AsyncGenerator<EvidenceText[]> {
  const read = (i: number) => (i < ids.length ? db.texts.bulkGet(ids.slice(i, i + TEXT_BATCH)).then((rows) => rows.map(fromStored)) : null);
  let next = read(0);
  for (let i = 0; next; i += TEXT_BATCH) {
    const rows = await next;
    next = read(i + TEXT_BATCH);
    next?.catch(() => undefined); // seen when awaited
    yield rows.filter((t): t is EvidenceText => !!t);
  }
}

/**
 * The evaluator's response: the workspace's identity, the reviews, and the fingerprint of the
 * city snapshot they are about. No answers, no evidence: the city has those.
 */
export async function collectResponse(db: KlaDb, workspaceId: string, now = Date.now()): Promise<WorkspaceSnapshot> {
  const { snapshot } = await collectSnapshot(db, workspaceId);
  return {
    workspace: snapshot.workspace,
    answers: [],
    assignments: [],
    activity: [],
    documents: [],
    texts: [],
    links: [],
    flagDismissals: [],
    reviews: snapshot.reviews,
    revisionItems: [],
    rules: { ...snapshot.rules, text: null },
    basedOn: { fingerprint: await fingerprint(diffBasis(snapshot)), at: now },
  };
}

export interface ExportOptions extends WriteOptions {
  /** Document ids the officer chose to leave out (see src/domain/privacy.ts). */
  omit?: string[];
  /** Write the city's pack for this agency (issue 12) instead of the whole workspace. */
  agencyPack?: { id: string; name: string };
}

/**
 * Write a workspace to `sink`. The city exports the whole workspace; the evaluator
 * (`createdBy.role === 'evaluator'`) exports the response. Verify the written file
 * (verifyExchange) before telling the user it is done; then `recordExport`.
 */
export async function exportWorkspace(db: KlaDb, workspaceId: string, sink: WritableStream<Uint8Array>, options: ExportOptions): Promise<WriteResult> {
  options.onStage?.('collect', 0, 0);
  if (options.createdBy.role === 'evaluator') {
    return writeExchange(await collectResponse(db, workspaceId, options.now), null, sink, options);
  }
  if (options.agencyPack || options.createdBy.role === 'agency') {
    const { collectAgencyPack, collectAgencyResponse } = await import('./agencyPack');
    if (options.agencyPack) return writeExchange(await collectAgencyPack(db, workspaceId, options.agencyPack), null, sink, options);
    const { snapshot, evidence } = await collectAgencyResponse(db, workspaceId);
    // documents the agency chose to leave out (personal data) stay in its copy
    return writeExchange(withoutDocuments(snapshot, options.omit ?? []), evidence, sink, options);
  }
  const { snapshot, evidence } = await collectSnapshot(db, workspaceId);
  return writeExchange(withoutDocuments(snapshot, options.omit ?? []), evidence, sink, options);
}

/** Log a verified export in the workspace's activity (and, for the evaluator, mark the review baseline). */
export async function recordExport(db: KlaDb, workspaceId: string, result: WriteResult, now = Date.now(), agencyPack?: { id: string; name: string }): Promise<void> {
  const m = result.manifest;
  await db.activity.add({
    workspaceId,
    at: now,
    kind: 'export',
    // a pack is made by the city but is no city file: logged as the agency's pack
    detail: { exportId: m.exportId, role: agencyPack ? 'pack' : m.createdBy.role, ...(agencyPack ? { for: agencyPack.name, forId: agencyPack.id } : {}), bytes: result.bytesWritten, encrypted: m.encryption !== null, parts: m.parts.length },
  });
  if (m.createdBy.role === 'evaluator') await markReviewed(db, workspaceId, now);
}

// ---- review baseline (evaluator) ---------------------------------------------------------------

async function currentBasis(db: KlaDb, workspaceId: string): Promise<DiffBasis> {
  const [answers, documents, links] = await Promise.all([
    db.answers.where('workspaceId').equals(workspaceId).toArray(),
    db.documents.where('workspaceId').equals(workspaceId).toArray(),
    db.links.where('workspaceId').equals(workspaceId).toArray(),
  ]);
  return diffBasis({ answers, documents, links });
}

/** The evaluator finished reviewing this state of the city's workspace: remember it. */
export async function markReviewed(db: KlaDb, workspaceId: string, now = Date.now()): Promise<ReviewBaseline> {
  const basis = await currentBasis(db, workspaceId);
  const baseline: ReviewBaseline = { fingerprint: await fingerprint(basis), at: now, basis };
  await db.settings.put({ key: REVIEWED(workspaceId), value: baseline });
  return baseline;
}

export async function getReviewBaseline(db: KlaDb, workspaceId: string): Promise<ReviewBaseline | null> {
  return ((await db.settings.get(REVIEWED(workspaceId)))?.value as ReviewBaseline | undefined) ?? null;
}

/** What changed in the local copy since the evaluator's last review (null: no review yet). */
export async function changesSinceReview(db: KlaDb, workspaceId: string): Promise<SnapshotDiff | null> {
  const baseline = await getReviewBaseline(db, workspaceId);
  return baseline ? diffSnapshots(baseline.basis, await currentBasis(db, workspaceId)) : null;
}

// ---- import ----------------------------------------------------------------------------------

/** The file's documents as this database keeps them: light rows with new numbers, classifications apart, all queued for the index. */
async function replaceDocuments(db: KlaDb, wsId: string, existing: boolean, docs: EvidenceDoc[]): Promise<void> {
  if (existing) {
    await db.documents.where('workspaceId').equals(wsId).delete();
    await db.classifications.where('workspaceId').equals(wsId).delete();
    await clearIndex(db, wsId);
  }
  let no = await reserveDocNos(db, docs.length);
  const rows = docs.map(({ classification: _c, ...d }) => ({ ...d, no: no++ }));
  await db.documents.bulkPut(rows);
  await db.classifications.bulkPut(docs.flatMap((d) => (d.classification ? [{ id: d.id, workspaceId: wsId, classification: d.classification }] : [])));
  await db.searchPending.bulkPut(docs.map((d) => ({ id: d.id, workspaceId: wsId })));
}

export interface RevisionConflict {
  id: string;
  code: string;
  reviewer: string;
  /** What the database holds (kept until the officer decides). */
  existing: Pick<RevisionItem, 'verdict' | 'note' | 'notedAt' | 'response' | 'done'>;
  incoming: Pick<RevisionItem, 'verdict' | 'note' | 'notedAt'>;
  /** The officer already replied or ticked it done. */
  answered: boolean;
}

export type ImportResult =
  | { ok: false; problems: Problem[] }
  | {
      ok: true;
      kind: 'response';
      workspaceId: string;
      added: RevisionItem[];
      unchanged: number;
      conflicts: RevisionConflict[];
      /** Every open item of the workspace that is not `sesuai` (the revision checklist). */
      needsWork: RevisionItem[];
      /** When the latest note of this file was written (the countdown starts there); null if none. */
      latestNotedAt: number | null;
      /** The response is about the workspace as it is now (false: the city changed it since). */
      basedOnCurrent: boolean | null;
    }
  | {
      ok: true;
      kind: 'workspace';
      workspaceId: string;
      created: boolean;
      /** The same file was imported before: nothing was written. */
      unchanged: boolean;
      /** What changed since the evaluator's review baseline (null: no baseline yet). */
      changes: SnapshotDiff | null;
      fingerprint: string;
    };

export interface ImportOptions {
  /** The role of the person importing. */
  as: Role;
  now?: number;
  /**
   * The workspace open where the file was chosen (Berkas' import box): a file of any other
   * workspace is refused, not opened beside it (another city's file there once silently became a
   * workspace and the screen switched to it). Not set where any file may be opened (the list).
   */
  forWorkspace?: { id: string; city: string; year: number };
}

/** Verify a file, then import it. Nothing is written unless verification passed. */
/** `writtenHere` is not for files from elsewhere: an import always reads every byte. */
export async function importExchangeFile(db: KlaDb, file: Blob, options: ImportOptions & Omit<VerifyOptions, 'writtenHere'>): Promise<(ImportResult | AgencyImportResult) & { report: VerifyReport }> {
  const report = await verifyExchange(file, options);
  if (!report.ok || !report.exchange) return { ok: false, problems: report.problems, report };
  return { ...(await importExchange(db, report.exchange, options)), report };
}

export async function importExchange(db: KlaDb, ex: VerifiedExchange, options: ImportOptions): Promise<ImportResult | AgencyImportResult> {
  const other = otherWorkspace(ex, options);
  if (other) return { ok: false, problems: [other] };
  // agency files go by what they are, not only by who made them (a pack is made by the city). A
  // pack only ever becomes its agency's copy, never over a workspace here (importAgencyPack): where
  // any file may be opened (the list) it does, whatever role was chosen (an agency that left the
  // first choice, Evaluator, was refused); in a workspace's own box it can only be the wrong file.
  const kind = ex.data.kind;
  if (kind === 'agency-pack' || kind === 'agency-response') {
    const { importAgencyPack, importAgencyResponse } = await import('./agencyPack');
    if (kind === 'agency-pack' && (options.as === 'agency' || !options.forWorkspace)) return importAgencyPack(db, ex, options.now);
    if (kind === 'agency-response' && options.as === 'city') return importAgencyResponse(db, ex, options.now);
    return { ok: false, problems: [problem('agency-file-role', `An agency pack is opened by its agency, an agency response by the city (this is a ${kind}, opened as ${options.as}).`, { kind, as: options.as })] };
  }
  // an agency opens only its pack: a whole city file opened "as OPD" would hand it every document and point
  if (options.as === 'agency') return { ok: false, problems: [problem('agency-file-role', `Only an agency pack is opened as an agency (this is a ${kind} file).`, { kind, as: options.as })] };
  const fileRole = ex.manifest.createdBy.role;
  if (options.as === 'city' && fileRole === 'evaluator') return importResponse(db, ex, options.now ?? Date.now());
  if (fileRole === 'city') return importWorkspace(db, ex, options.as, options.now ?? Date.now());
  return { ok: false, problems: [problem('wrong-role', 'This is an evaluator response: it is imported by the city, not by an evaluator.', { fileRole, as: options.as })] };
}

/** The refusal of a file that belongs to another workspace than the one it was imported into (city and evaluator copies share the city's id). */
function otherWorkspace(ex: VerifiedExchange, options: ImportOptions) {
  const here = options.forWorkspace;
  const file = ex.data.workspace;
  if (!here || options.as === 'agency' || file.id === here.id) return null;
  const named = (city: string, year: number) => `${city} ${year}`;
  return problem('other-workspace', `This file belongs to ${named(file.city, file.year)}, not to ${named(here.city, here.year)}, the workspace open here.`, { fileWorkspace: named(file.city, file.year), workspace: named(here.city, here.year) });
}

/** Notes with a verdict or text become checklist items; a note without verdict counts as needing work. */
function itemFromReview(ex: VerifiedExchange, r: VerifiedExchange['data']['reviews'][number], now: number): RevisionItem | null {
  if (r.verdict === null && !r.note.trim()) return null;
  const verdict: Verdict = r.verdict ?? 'perlu-perbaikan';
  return {
    id: `${ex.data.workspace.id}|${r.code}|${r.reviewer}`,
    workspaceId: ex.data.workspace.id,
    code: r.code,
    verdict,
    note: r.note,
    reviewer: r.reviewer,
    notedAt: r.updatedAt,
    response: '',
    done: false,
    updatedAt: now,
  };
}

/** The evaluator's points, kept beside the notes (a point given without a note or verdict too). */
async function keepEvaluatorPoints(db: KlaDb, wsId: string, rules: Rules | null, reviews: VerifiedExchange['data']['reviews']): Promise<void> {
  const key = evaluatorPointsKey(wsId);
  const current = ((await db.settings.get(key))?.value ?? {}) as EvaluatorPoints;
  const next = mergeEvaluatorPoints(rules, current, reviews);
  if (JSON.stringify(next) !== JSON.stringify(current)) await db.settings.put({ key, value: next });
}

async function importResponse(db: KlaDb, ex: VerifiedExchange, now: number): Promise<ImportResult> {
  const wsId = ex.data.workspace.id;
  const ws = await db.workspaces.get(wsId);
  if (!ws) return { ok: false, problems: [problem('unknown-workspace', `The response is for a workspace that is not in this app (${ex.manifest.workspace.city}).`, { workspace: wsId, city: ex.manifest.workspace.city })] };
  if (ws.rulesHash !== ex.manifest.rules.hash) return { ok: false, problems: [problem('rules-mismatch', 'The response was made against other scoring rules than this workspace uses.', { workspace: ws.rulesHash, file: ex.manifest.rules.hash })] };
  const rulesText = (await db.rules.get(ws.rulesHash))?.text;
  const rules = rulesText ? parseRulesText(rulesText, ws.rulesHash) : null;
  if (rules?.ok) {
    const unknown = ex.data.reviews.filter((r) => !rules.rules.questionByCode.has(r.code)).map((r) => r.code);
    if (unknown.length) return { ok: false, problems: unknown.slice(0, 20).map((code) => problem('data-inconsistent', `The response names an unknown question "${code}".`, { code })) };
  }
  const incoming = ex.data.reviews.map((r) => itemFromReview(ex, r, now)).filter((x): x is RevisionItem => x !== null);
  const basedOn = ex.data.basedOn?.fingerprint;
  const basedOnCurrent = basedOn ? basedOn === (await fingerprint(await currentBasis(db, wsId))) : null;

  return db.transaction('rw', db.revisionItems, db.activity, db.settings, async () => {
    const added: RevisionItem[] = [];
    const conflicts: RevisionConflict[] = [];
    let unchanged = 0;
    await keepEvaluatorPoints(db, wsId, rules?.ok ? rules.rules : null, ex.data.reviews);
    for (const item of incoming) {
      const cur = await db.revisionItems.get(item.id);
      if (!cur) {
        await db.revisionItems.add(item);
        added.push(item);
      } else if (cur.note === item.note && cur.verdict === item.verdict) {
        unchanged++;
      } else {
        conflicts.push({
          id: item.id,
          code: item.code,
          reviewer: item.reviewer,
          existing: { verdict: cur.verdict, note: cur.note, notedAt: cur.notedAt, response: cur.response, done: cur.done },
          incoming: { verdict: item.verdict, note: item.note, notedAt: item.notedAt },
          answered: cur.response.trim() !== '' || cur.done,
        });
      }
    }
    if (added.length) {
      await db.activity.add({
        workspaceId: wsId,
        at: now,
        kind: 'import',
        detail: { exportId: ex.manifest.exportId, role: 'evaluator', from: ex.manifest.createdBy.name, added: added.length, conflicts: conflicts.length },
      });
    }
    const all = await db.revisionItems.where('workspaceId').equals(wsId).toArray();
    const needsWork = all.filter((i) => i.verdict !== 'sesuai' && !i.done).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const latest = incoming.reduce<number | null>((m, i) => (m === null || i.notedAt > m ? i.notedAt : m), null);
    return { ok: true as const, kind: 'response' as const, workspaceId: wsId, added, unchanged, conflicts, needsWork, latestNotedAt: latest, basedOnCurrent };
  });
}

/** The officer decides a conflict: keep what is there, or take the evaluator's new note (the item reopens, the reply stays). */
export async function resolveConflict(db: KlaDb, conflict: RevisionConflict, choice: 'keep' | 'take-incoming', now = Date.now()): Promise<void> {
  if (choice === 'keep') return;
  await db.transaction('rw', db.revisionItems, db.activity, async () => {
    const cur = await db.revisionItems.get(conflict.id);
    if (!cur) throw new Error('revision item not found');
    await db.revisionItems.put({ ...cur, verdict: conflict.incoming.verdict, note: conflict.incoming.note, notedAt: conflict.incoming.notedAt, done: false, updatedAt: now });
    await db.activity.add({
      workspaceId: cur.workspaceId,
      at: now,
      kind: 'import',
      code: cur.code,
      detail: { resolved: conflict.id, from: { verdict: cur.verdict, note: cur.note }, to: conflict.incoming },
    });
  });
}

/**
 * Rows keyed by id alone (documents, and through them their blobs, texts and classifications;
 * links, flag dismissals, revision items) must not take an id that another workspace in this app
 * holds: the import would overwrite that workspace's rows. Real files never collide (ids are
 * random UUIDs); a crafted one is refused.
 */
async function idsOfOtherWorkspaces(db: KlaDb, wsId: string, snap: WorkspaceSnapshot): Promise<Problem[]> {
  const keyed: [string, Dexie.Table<{ workspaceId: string }, string>, string[]][] = [
    ['documents', db.documents as never, snap.documents.map((d) => d.id)],
    ['texts', db.texts as never, snap.documents.map((d) => d.id)],
    ['links', db.links as never, snap.links.map((l) => l.id)],
    ['flagDismissals', db.flagDismissals as never, snap.flagDismissals.map((f) => f.id)],
    ['revisionItems', db.revisionItems as never, snap.revisionItems.map((r) => r.id)],
  ];
  const out: Problem[] = [];
  for (const [table, t, ids] of keyed) {
    const taken = (await t.bulkGet(ids)).flatMap((row, i) => (row && row.workspaceId !== wsId ? [ids[i]] : []));
    if (taken.length) out.push(problem('id-conflict', `${taken.length} ${table} id(s) of the file belong to another workspace in this app (first: "${taken[0]}"); importing would overwrite them.`, { table, count: taken.length, id: taken[0] }));
  }
  return out;
}

/**
 * The file's texts, batch by batch, inside the import's transaction: `Dexie.waitFor` keeps the
 * transaction open while the next batch is read (and decrypted and inflated) from the file, so the
 * import stays all-or-nothing without holding every text in memory at once.
 */
async function replaceTexts(db: KlaDb, wsId: string, existing: boolean, snap: WorkspaceSnapshot): Promise<void> {
  if (existing) await db.texts.where('workspaceId').equals(wsId).delete();
  // the reading runs outside the transaction's zone; only the writes belong to it
  const batches = Dexie.ignoreTransaction(() => textBatches(snap)[Symbol.asyncIterator]());
  for (;;) {
    const next = await Dexie.waitFor(Dexie.ignoreTransaction(() => batches.next()));
    if (next.done) break;
    if (next.value.length) await db.texts.bulkPut(next.value.map(toStored));
  }
}

const activityKey = (a: Activity) => `${a.at}|${a.kind}|${a.code ?? ''}|${JSON.stringify(a.detail)}`;
const stripSeq = ({ seq: _seq, ...a }: Activity): Activity => a;

async function importWorkspace(db: KlaDb, ex: VerifiedExchange, as: Role, now: number): Promise<ImportResult> {
  const snap = ex.snapshot();
  const wsId = snap.workspace.id;
  const existing = await db.workspaces.get(wsId);
  // deleted a moment ago, its Urungkan still offered: neither overwritten nor purged here (an
  // import that failed after the purge would lose both)
  if (existing?.deletedAt != null) {
    return { ok: false, problems: [problem('workspace-deleting', `This workspace (${snap.workspace.city}) was just deleted; its deletion can still be undone.`, { workspace: wsId, city: snap.workspace.city })] };
  }
  // a city file never overwrites the city's own workspace, whichever role the importer chose
  // (an officer opening an old backup "as evaluator" must not replace today's work)
  if (existing && (as === 'city' || existing.role !== 'evaluator')) {
    return { ok: false, problems: [problem('workspace-exists', `This workspace (${snap.workspace.city}) is already in this app; a city file never overwrites it.`, { workspace: wsId, city: snap.workspace.city })] };
  }
  const clash = await idsOfOtherWorkspaces(db, wsId, snap);
  if (clash.length) return { ok: false, problems: clash };
  const basis = diffBasis(snap);
  const fp = await fingerprint(basis);
  const last = (await db.settings.get(LAST_IMPORT(wsId)))?.value as { exportId: string } | undefined;
  const baseline = as === 'evaluator' ? await getReviewBaseline(db, wsId) : null;
  const changes = baseline ? diffSnapshots(baseline.basis, basis) : null;
  if (existing && last?.exportId === ex.manifest.exportId) {
    return { ok: true, kind: 'workspace', workspaceId: wsId, created: false, unchanged: true, changes, fingerprint: fp };
  }

  // Evidence blobs, fetched before the transaction: lazy file slices, or decrypted Blobs.
  const currentDocs = existing ? await db.documents.where('workspaceId').equals(wsId).toArray() : [];
  const currentSha = new Map(currentDocs.map((d) => [d.id, d.sha256]));
  const needBlob = snap.documents.filter((d) => currentSha.get(d.id) !== d.sha256);
  const blobs: { id: string; data: Blob }[] = [];
  for (const d of needBlob) blobs.push({ id: d.id, data: await ex.evidence(d.sha256, d.mime) });
  const keepIds = new Set(snap.documents.filter((d) => currentSha.get(d.id) === d.sha256).map((d) => d.id));
  const dropBlobIds = currentDocs.filter((d) => !keepIds.has(d.id)).flatMap((d: EvidenceDoc) => [d.id, `${d.id}#thumb`]);
  const localActivity = existing ? await db.activity.where('workspaceId').equals(wsId).toArray() : [];
  const known = new Set(localActivity.map(activityKey));
  const newActivity = snap.activity.filter((a) => !known.has(activityKey(a))).map(stripSeq);

  await revealQuota((keep) => db.transaction('rw', [db.workspaces, db.blobs, db.rules, db.settings, db.segments, db.blooms, db.searchPending, ...perWorkspaceTables(db)], async (tx) => {
    keep(tx as never);
    if (snap.rules.text && !(await db.rules.get(snap.rules.hash))) {
      const year = snap.workspace.year;
      await db.rules.put({ hash: snap.rules.hash, id: snap.rules.id, year, text: snap.rules.text, addedAt: now });
    }
    // the evaluator's copy is marked so the app opens it in review mode
    await db.workspaces.put(as === 'evaluator' ? { ...snap.workspace, role: 'evaluator' } : snap.workspace);
    // city-owned rows: replaced by the file's (the evaluator's reviews are kept)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const replace = async <T>(table: Dexie.Table<T, any, any>, rows: T[]) => {
      if (existing) await table.where('workspaceId').equals(wsId).delete();
      if (rows.length) await table.bulkPut(rows);
    };
    await replace(db.answers, snap.answers);
    await replace(db.assignments, snap.assignments);
    await replaceDocuments(db, wsId, !!existing, snap.documents);
    await replaceTexts(db, wsId, !!existing, snap);
    await replace(db.links, snap.links);
    await replace(db.flagDismissals, snap.flagDismissals);
    await replace(db.revisionItems, snap.revisionItems);
    if (!existing && snap.reviews.length) await db.reviews.bulkPut(snap.reviews);
    if (dropBlobIds.length) await db.blobs.bulkDelete(dropBlobIds);
    if (blobs.length) await db.blobs.bulkPut(blobs);
    // the log is append-only: add the entries this copy does not have yet
    if (newActivity.length) await db.activity.bulkAdd(newActivity);
    await db.activity.add({
      workspaceId: wsId,
      at: now,
      kind: 'import',
      detail: { exportId: ex.manifest.exportId, role: 'city', from: ex.manifest.createdBy.name, documents: snap.documents.length, fingerprint: fp },
    });
    await db.settings.put({ key: LAST_IMPORT(wsId), value: { exportId: ex.manifest.exportId, fingerprint: fp, at: now } });
  }));
  return { ok: true, kind: 'workspace', workspaceId: wsId, created: !existing, unchanged: false, changes, fingerprint: fp };
}
