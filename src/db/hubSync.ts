/**
 * The app's side of the city hub (issue 12): the activity log is the outbox, the hub's change
 * feed is applied here.
 *
 * Every edit already lands in IndexedDB first with an entry in the append-only activity log, in
 * the same transaction, so the log is a crash-safe outbox: what is after `pushedSeq` has not
 * reached the hub. A sync round:
 *   1. sends the documents added since (registered by hash when the hub holds the bytes,
 *      otherwise uploaded resumably), so the links pushed next find them;
 *   2. pushes answers (per field) and links as operations with ids (a retried push is harmless);
 *   3. pulls the feed since `cursor` and applies what others did, logged with their names
 *      (`via: 'hub'`, never pushed back). The hub has decided every conflict (last writer per
 *      field); a value that lost is shown in the log beside the one that was kept.
 * Nothing here blocks work: a round that fails leaves the log and the cursor where they were.
 */
import { hubBindingKey } from './hubBindingKey';
import {
  HUB_FIELD,
  LOCAL_FIELD,
  type HubAnswerBody,
  type HubChange,
  type HubDeliveryBody,
  type HubDocumentBody,
  type HubDocumentMeta,
  type HubDocumentStateBody,
  type HubLinkBody,
  type HubOfficeBody,
  type HubOp,
  type HubOpResult,
  type HubReviewBody,
} from '../domain/hubProtocol';
import { applyDelivery, applyOwnReview, queueUnloggedReviews, reviewOps } from './hubReviews';
import { emptyAnswer, type Activity, type Answer, type EvidenceLink, type Workspace } from '../domain/model';
import type { KlaDb } from './schema';
import { deleteDocument, storeDocument, type ReadDocument } from './evidence';
import { agenciesFor, newId } from './queries';
import { MAX_HELD } from '../domain/exchange';
import type { Rules } from '../domain/rules/load';

export interface HubBinding {
  /** This device's id, the prefix of every operation id and the feed's `origin` of its changes. */
  deviceId: string;
  userId: string;
  displayName: string;
  role: 'admin' | 'agency' | 'evaluator';
  /** Activity entries up to this seq have reached the hub. */
  pushedSeq: number;
  /** The last feed entry applied. */
  cursor: number;
  connectedAt: number;
  /** The officer's assignments have reached the hub (sent whole at first, then on each change). */
  assignmentsSent?: boolean;
  /** Operations the hub refused, kept to show and to send again (never dropped silently). */
  refused?: { op: HubOp; reason: string; at: number }[];
  /** Documents that could not be sent (too large, refused): tried again each round, and shown. */
  unsent?: { documentId: string; name: string; reason: string }[];
  /** The assignments changed on the hub since the last push: refused edits may now go through. */
  retryRefused?: boolean;
  /**
   * The office's name (Workspace.office, '' when unset) as the hub last had it from or gave to
   * this device: the officer's device sends the name when it differs (changed in Pengaturan).
   */
  officeSent?: string;
  /** The hub refused the office's name as last sent (an older hub knows no such step): shown until one goes through. */
  officeRefused?: { office: string; reason: string; at: number };
}

/** Refusals that a later change on the hub can lift; the others are only shown. */
const RETRYABLE = new Set(['not-assigned', 'no-such-document']);

export interface HubApi {
  push(ops: HubOp[]): Promise<HubOpResult[]>;
  pull(since: number): Promise<{ changes: HubChange[]; cursor: number; more: boolean }>;
  /** 'upload-needed' when the hub does not hold the bytes. */
  register(meta: HubDocumentMeta): Promise<'created' | 'known' | 'upload-needed'>;
  upload(meta: HubDocumentMeta, bytes: Blob): Promise<void>;
  download(documentId: string): Promise<Blob>;
  putAssignments(list: { questionCode: string; agencyId: string }[]): Promise<void>;
  getAssignments(): Promise<{ questionCode: string; agencyId: string }[]>;
  /** Who the session belongs to. */
  me(): Promise<{ user: { id: string } }>;
}

/** The session is another user's than the one this workspace was connected as (a shared PC). */
export class OtherUserError extends Error {
  constructor() {
    super('the hub session belongs to another user');
  }
}

export type Reader = (name: string, bytes: Blob) => Promise<ReadDocument>;

export async function getBinding(db: KlaDb, ws: string): Promise<HubBinding | undefined> {
  return (await db.settings.get(hubBindingKey(ws)))?.value as HubBinding | undefined;
}

export async function bindWorkspace(db: KlaDb, ws: string, who: Pick<HubBinding, 'userId' | 'displayName' | 'role'>, now = Date.now()): Promise<HubBinding> {
  const b: HubBinding = { ...who, deviceId: newId().replace(/-/g, '').slice(0, 12), pushedSeq: 0, cursor: 0, connectedAt: now };
  await db.transaction('rw', db.settings, db.reviews, db.activity, db.workspaces, async () => {
    // the name the workspace has now is not an edit to send: a device signing in takes the hub's
    // from the feed (a city setting a hub up sends its own with the setup)
    b.officeSent = officeOf(await db.workspaces.get(ws));
    await db.settings.put({ key: hubBindingKey(ws), value: b });
    if (who.role === 'evaluator') await queueUnloggedReviews(db, ws);
  });
  return b;
}

export const unbindWorkspace = (db: KlaDb, ws: string) => db.settings.delete(hubBindingKey(ws));

const SYNCED: Activity['kind'][] = ['answer-changed', 'evidence-added', 'evidence-linked', 'evidence-checked', 'evidence-unlinked', 'evidence-moved', 'evidence-removed', 'evidence-restored', 'assignment-changed'];
/** An evaluator's copy sends its reviews only: the city's history in it (imported from the
 *  city's file) is the city's, never the evaluator's to send. */
const SYNCED_BY_EVALUATOR: Activity['kind'][] = ['review-changed', 'reviews-sent'];
const fromHub = (a: Activity) => (a.detail as { via?: string }).via === 'hub';

/** The log entries not yet on the hub (the outbox). */
async function outbox(db: KlaDb, ws: string, b: Pick<HubBinding, 'pushedSeq' | 'role'>): Promise<Activity[]> {
  const kinds = b.role === 'evaluator' ? SYNCED_BY_EVALUATOR : SYNCED;
  return db.activity
    .where('seq')
    .above(b.pushedSeq)
    .filter((a) => a.workspaceId === ws && kinds.includes(a.kind) && !fromHub(a))
    .toArray();
}

/** How many changes wait for the hub (the top bar's "menunggu N perubahan"). */
export async function pendingCount(db: KlaDb, ws: string): Promise<number> {
  const b = await getBinding(db, ws);
  return b ? (await outbox(db, ws, b)).length : 0;
}

/**
 * One log entry as hub operations. A link is sent as it is now (its pages, and whether it is still
 * an unchecked suggestion's), not as it was when logged: a later change sends it again anyway.
 */
export function toOps(a: Activity, deviceId: string, linkNow: (documentId: string, code: string) => Pick<EvidenceLink, 'page' | 'pageTo' | 'suggested'> | undefined): HubOp[] {
  const editedAt = new Date(a.at).toISOString();
  const id = (i: number) => `${deviceId}-${a.seq}-${i}`;
  const d = a.detail as Record<string, unknown>;
  const link = (code: string, removed: boolean, i: number): HubOp => {
    const now = removed ? undefined : linkNow(String(d.documentId), code);
    return { opId: id(i), kind: 'link', documentId: String(d.documentId), questionCode: code, page: now?.page ?? null, pageTo: now?.pageTo ?? null, removed, editedAt, ...(now?.suggested ? { suggested: true } : {}) };
  };
  switch (a.kind) {
    case 'answer-changed':
      return (Object.keys(HUB_FIELD) as (keyof typeof HUB_FIELD)[])
        .filter((f) => f in d)
        .map((f, i) => {
          const change = d[f] as { from: unknown; to: unknown };
          return { opId: id(i), kind: 'answer', questionCode: a.code!, field: HUB_FIELD[f], value: change.to, base: change.from, editedAt };
        });
    case 'evidence-linked':
      return [link(a.code!, false, 0)];
    case 'evidence-unlinked':
      return [link(a.code!, true, 0)];
    case 'evidence-checked':
      // the mark goes on every device (not a link write: a check must not bring back a link
      // another device removed); a link removed here since needs nothing
      return linkNow(String(d.documentId), a.code!) ? [{ opId: id(0), kind: 'link-check', documentId: String(d.documentId), questionCode: a.code!, editedAt }] : [];
    case 'evidence-moved':
      return [...(d.kept ? [] : [link(String(d.from), true, 0)]), link(String(d.to), false, 1)];
    case 'assignment-changed':
      return [{ opId: id(0), kind: 'assignment', questionCode: a.code!, agencies: (d.to as string[] | null) ?? [], editedAt }];
    case 'evidence-removed':
    case 'evidence-restored':
      return [{ opId: id(0), kind: 'document', documentId: String(d.documentId), removed: a.kind === 'evidence-removed', editedAt }];
    default:
      return reviewOps(a, id(0));
  }
}

export interface SyncReport {
  uploaded: number;
  pushed: number;
  refused: HubOpResult[];
  pulled: number;
  applied: number;
}

/** One sync round for a workspace bound to a hub. */
export async function syncOnce(db: KlaDb, ws: string, api: HubApi, read: Reader, opts: { rules?: Rules } = {}): Promise<SyncReport> {
  const b = await getBinding(db, ws);
  if (!b) throw new Error('workspace not connected to a hub');
  if ((await api.me()).user.id !== b.userId) throw new OtherUserError();
  const report: SyncReport = { uploaded: 0, pushed: 0, refused: [], pulled: 0, applied: 0 };
  // everything up to the log's end now is dealt with by this round (entries from the hub included,
  // so the mark moves on even for a device that never edits)
  const top = (await db.activity.orderBy('seq').last())?.seq ?? b.pushedSeq;
  const entries = (await outbox(db, ws, b)).filter((a) => (a.seq ?? 0) <= top);
  const lastSeq = Math.max(top, b.pushedSeq);
  report.uploaded = await sendDocuments(db, ws, api, b, entries);
  if (b.role === 'admin' && opts.rules) await sendAssignmentsIfNeeded(db, ws, api, b, opts.rules);
  if (b.role === 'admin') await sendOfficeIfChanged(db, ws, api, b, report);
  const links = new Map((await db.links.where('workspaceId').equals(ws).toArray()).map((l) => [`${l.documentId}|${l.code}`, l]));
  const ops = entries.flatMap((a) => toOps(a, b.deviceId, (doc, code) => links.get(`${doc}|${code}`)));
  const kept = b.refused ?? [];
  const retry = b.retryRefused ? kept.filter((r) => RETRYABLE.has(r.reason)) : [];
  const stillShown = kept.filter((r) => !retry.includes(r));
  const refused = await pushOps(api, [...retry.map((r) => r.op), ...ops.filter((o) => o.kind !== 'link-check')], report);
  await pushChecks(api, ops.filter((o) => o.kind === 'link-check'), report);
  const byOp = new Map([...stillShown, ...refused].map((r) => [r.op.opId, r]));
  await setBinding(db, ws, { pushedSeq: lastSeq, refused: [...byOp.values()], retryRefused: false });
  await pullChanges(db, ws, api, read, report, opts.rules);
  return report;
}

const officeOf = (w: Pick<Workspace, 'office'> | undefined) => w?.office?.trim() ?? '';

/**
 * The officer changed the office's name (Pengaturan) since the hub last had it: sent, stamped now
 * (the change was made since the last round). A refusal is reported and tried again next round.
 */
async function sendOfficeIfChanged(db: KlaDb, ws: string, api: HubApi, b: HubBinding, report: SyncReport): Promise<void> {
  const office = officeOf(await db.workspaces.get(ws));
  if (office === (b.officeSent ?? '')) {
    // set back to the name the hub has: nothing is refused any more
    if (b.officeRefused) await setBinding(db, ws, { officeRefused: undefined });
    return;
  }
  const op: HubOp = { opId: `${b.deviceId}-office-${Date.now()}`, kind: 'office', office, editedAt: new Date().toISOString() };
  // a hub older than this app knows no such operation (400): the rest of the round still goes
  const r = await api.push([op]).then(
    ([x]) => x,
    (e: unknown) => {
      if ((e as { status?: number }).status !== 400) throw e;
      return { opId: op.opId, status: 'refused' as const, reason: 'bad-request' };
    },
  );
  report.pushed++;
  if (r.status === 'refused') {
    report.refused.push(r);
    return setBinding(db, ws, { officeRefused: { office, reason: r.reason ?? 'refused', at: Date.now() } });
  }
  // overwritten: the hub's name arrives in this round's pull
  await setBinding(db, ws, { officeSent: office, officeRefused: undefined });
}

/** The hub's name for the office (another device's edit, or the hub's answer to one here that lost). */
async function applyOffice(db: KlaDb, ws: string, body: HubOfficeBody): Promise<boolean> {
  const office = body.office.trim();
  return db.transaction('rw', db.workspaces, db.settings, async () => {
    const [w, b] = await Promise.all([db.workspaces.get(ws), getBinding(db, ws)]);
    // changed in Pengaturan since the hub last had it (during this pull): the next round sends it
    if (!w || !b || officeOf(w) !== (b.officeSent ?? '')) return false;
    await db.settings.put({ key: hubBindingKey(ws), value: { ...b, officeSent: office } });
    if (officeOf(w) === office) return false;
    await db.workspaces.update(ws, { office: office || undefined });
    return true;
  });
}

/** Pushes in batches; returns what the hub refused (kept to show and to send again). */
async function pushOps(api: HubApi, ops: HubOp[], report: SyncReport): Promise<NonNullable<HubBinding['refused']>> {
  const byId = new Map(ops.map((o) => [o.opId, o]));
  const refused: NonNullable<HubBinding['refused']> = [];
  for (let i = 0; i < ops.length; i += 200) {
    const results = await api.push(ops.slice(i, i + 200));
    for (const r of results.filter((x) => x.status === 'refused')) refused.push({ op: byId.get(r.opId)!, reason: r.reason ?? 'refused', at: Date.now() });
    report.refused.push(...results.filter((r) => r.status === 'refused'));
    report.pushed += results.length;
  }
  return refused;
}

/**
 * Checks of suggestions' links, after the round's other operations: a hub older than this app
 * knows no such operation and refuses the whole push (400); it keeps no marks either, so there is
 * nothing to tell it, and the rest of the round has gone through already.
 */
async function pushChecks(api: HubApi, checks: HubOp[], report: SyncReport): Promise<void> {
  if (!checks.length) return;
  // a check refused (an agency that may not read the document) has nothing to try again
  await pushOps(api, checks, report).catch((e: unknown) => {
    if ((e as { status?: number }).status !== 400) throw e;
  });
}

/**
 * The officer's assignments: the whole list (the rules' defaults and her choices) when the hub has
 * none yet (the first device; a second device of hers must not overwrite them with its defaults).
 * After that each change goes as an `assignment` operation of its question (toOps): the later
 * edit wins per question, so two devices changing different questions both keep theirs.
 */
async function sendAssignmentsIfNeeded(db: KlaDb, ws: string, api: HubApi, b: HubBinding, rules: Rules) {
  if (b.assignmentsSent) return;
  if ((await api.getAssignments()).length === 0) await sendAssignments(db, ws, api, rules);
  await setBinding(db, ws, { assignmentsSent: true });
}

async function setBinding(db: KlaDb, ws: string, patch: Partial<HubBinding>) {
  await db.transaction('rw', db.settings, async () => {
    const cur = await getBinding(db, ws);
    if (cur) await db.settings.put({ key: hubBindingKey(ws), value: { ...cur, ...patch } });
  });
}

/** The documents added since (and those a round before could not send); returns how many were uploaded. */
async function sendDocuments(db: KlaDb, ws: string, api: HubApi, b: HubBinding, entries: Activity[]): Promise<number> {
  // added, or put back (Urungkan) after a deletion: a document the hub may not hold yet
  const sent = entries.filter((e) => e.kind === 'evidence-added' || e.kind === 'evidence-restored');
  const ids = [...new Set([...(b.unsent ?? []).map((u) => u.documentId), ...sent.map((e) => String((e.detail as { documentId: string }).documentId))])];
  const unsent: NonNullable<HubBinding['unsent']> = [];
  let n = 0;
  for (const id of ids) {
    const [doc, blob] = await Promise.all([db.documents.get(id), db.blobs.get(id)]);
    if (!doc || !blob) continue; // deleted since: nothing to send
    const meta: HubDocumentMeta = { device: b.deviceId, documentId: id, sha256: doc.sha256, name: doc.name, mime: doc.mime || 'application/octet-stream', size: doc.size };
    try {
      if ((await api.register(meta)) === 'upload-needed') {
        await api.upload(meta, blob.data);
        n++;
      }
    } catch (e) {
      // the hub answered and refused this file (too large...): the others still go; it is shown
      const status = (e as { status?: number }).status;
      if (!status || status === 401) throw e;
      unsent.push({ documentId: id, name: doc.name, reason: (e as { code?: string }).code ?? String(status) });
    }
  }
  await setBinding(db, ws, { unsent });
  return n;
}

/** Who answers what, as the app shows it: the officer's choice, else the rules' default. */
async function sendAssignments(db: KlaDb, ws: string, api: HubApi, rules: Rules) {
  const rows = new Map((await db.assignments.where('workspaceId').equals(ws).toArray()).map((r) => [r.code, r.agencies]));
  await api.putAssignments([...rules.questionByCode.keys()].flatMap((code) => agenciesFor(rules, rows, code).map((agencyId) => ({ questionCode: code, agencyId }))));
}

/** The pull half of a round: applies the feed since the cursor, page by page (also used alone by tests). */
export async function pullChanges(db: KlaDb, ws: string, api: HubApi, read: Reader, report: SyncReport = { uploaded: 0, pushed: 0, refused: [], pulled: 0, applied: 0 }, rules?: Rules): Promise<SyncReport> {
  const b = await getBinding(db, ws);
  if (!b) throw new Error('workspace not connected to a hub');
  let cursor = b.cursor;
  // an agency given new questions reads the feed again from the start: their entries were passed
  // over while they were another agency's (applying an entry twice changes nothing)
  let rewind = false;
  for (let more = true; more; ) {
    const page = await api.pull(cursor);
    // the hub's whole list is read once, at a page's last `assignments` entry (an officer who
    // changes fifty questions makes fifty entries)
    const lastAssignments = page.changes.map((c) => c.kind).lastIndexOf('assignments');
    for (const [i, c] of page.changes.entries()) {
      report.pulled++;
      if (await applyChange(db, ws, c, b, api, read, rules)) report.applied++;
      if (i === lastAssignments) {
        await setBinding(db, ws, { retryRefused: true });
        if (b.role === 'admin' && rules) report.applied += await applyAssignments(db, ws, api, rules, String((c.body as { by?: string } | null)?.by ?? ''));
        if (b.role === 'agency' && (await takeAgencyQuestions(db, ws, api))) rewind = true;
      }
      await setBinding(db, ws, { cursor: c.seq });
    }
    cursor = page.cursor;
    more = page.more;
    await setBinding(db, ws, { cursor });
  }
  if (rewind) {
    await setBinding(db, ws, { cursor: 0 });
    return pullChanges(db, ws, api, read, report, rules);
  }
  return report;
}

/** Applies one feed entry; false when it needs nothing here (this device's own, superseded, or present). */
export async function applyChange(db: KlaDb, ws: string, c: HubChange, b: HubBinding, api: HubApi, read: Reader, rules?: Rules): Promise<boolean> {
  // this device's own change (the device id alone could be copied by another user: both must match)
  const mine = c.origin === b.deviceId && c.userId === b.userId;
  if (c.kind === 'answer' || c.kind === 'answer-lost') {
    // the hub marks an entry a later one of the same field replaced: only the last is applied,
    // so an edit that lost is never shown as current
    if (c.superseded || (c.kind === 'answer' && mine)) return false;
    const replaced = c.kind === 'answer-lost' && !mine ? null : (c.overwritten as HubAnswerBody | null);
    return applyAnswer(db, ws, c.body as HubAnswerBody, replaced, b.pushedSeq);
  }
  if ((c.kind === 'link' && !mine) || (c.kind === 'link-lost' && mine)) return applyLink(db, ws, c.body as HubLinkBody);
  if ((c.kind === 'document' || c.kind === 'document-restored') && !mine) return applyDocument(db, ws, c.body as HubDocumentBody, api, read);
  if (c.kind === 'document-deleted' && !mine) return applyDeletion(db, ws, c.body as HubDocumentStateBody);
  // every office entry, this device's too: applied in order they end on the hub's name (another
  // laptop's older entry pulled after this one's push must not stay)
  if (c.kind === 'office') return applyOffice(db, ws, c.body as HubOfficeBody);
  if (c.kind === 'review' && !mine && !c.superseded && b.role === 'evaluator') return applyOwnReview(db, ws, c.body as HubReviewBody, b.pushedSeq);
  if (c.kind === 'reviews-delivered' && b.role === 'admin') {
    const got = await applyDelivery(db, ws, c.body as HubDeliveryBody, c.userId, rules);
    return got.added + got.updated > 0;
  }
  return false;
}

/** A document deleted on the hub (by another device, or a deletion here that lost): deleted here. */
async function applyDeletion(db: KlaDb, ws: string, body: HubDocumentStateBody): Promise<boolean> {
  // held here under another id (the same bytes sent by someone else): that document is its own
  // on the hub and stays; only the alias goes
  if ((await db.settings.get(DOC_ALIAS(body.id))) !== undefined) {
    await db.settings.delete(DOC_ALIAS(body.id));
    return false;
  }
  if (!(await db.documents.get(body.id))) return forgetHeld(db, ws, body.id);
  return (await deleteDocument(db, ws, body.id, Date.parse(body.editedAt), { via: { hub: body.by } })) !== null;
}

/** A city document an agency's copy names (noteHeld) was deleted: named no more. */
function forgetHeld(db: KlaDb, ws: string, documentId: string): Promise<boolean> {
  return changeHeld(db, ws, (held) => {
    const left = held.filter((h) => h.doc !== documentId);
    return left.length < held.length ? left : null;
  });
}

type Held = NonNullable<NonNullable<Workspace['agency']>['held']>;

/** An agency's copy's held names, changed by `change` (null: nothing to change); false elsewhere. */
async function changeHeld(db: KlaDb, ws: string, change: (held: Held) => Held | null): Promise<boolean> {
  const w = await db.workspaces.get(ws);
  if (w?.role !== 'agency' || !w.agency) return false;
  const held = change(w.agency.held ?? []);
  if (!held || held.length > MAX_HELD) return false;
  await db.workspaces.update(ws, { agency: { ...w.agency, held } });
  return true;
}

/**
 * The officer's assignments as the hub holds them (set from another of her devices): taken here,
 * question by question, unless this device has a change of its own not yet sent (its whole list
 * goes first, on the next round). Returns how many questions changed.
 */
async function applyAssignments(db: KlaDb, ws: string, api: HubApi, rules: Rules, by: string): Promise<number> {
  const hub = new Map<string, string[]>();
  for (const a of await api.getAssignments()) hub.set(a.questionCode, [...(hub.get(a.questionCode) ?? []), a.agencyId]);
  const now = Date.now();
  return db.transaction('rw', db.assignments, db.activity, db.settings, async () => {
    // checked in the same transaction as the writes: a change made here meanwhile is never overwritten
    const b = await getBinding(db, ws);
    if (!b || (await outbox(db, ws, b)).some((a) => a.kind === 'assignment-changed')) return 0;
    const rows = new Map((await db.assignments.where('workspaceId').equals(ws).toArray()).map((r) => [r.code, r.agencies]));
    let changed = 0;
    for (const code of rules.questionByCode.keys()) {
      const want = [...(hub.get(code) ?? [])].sort();
      if (JSON.stringify([...agenciesFor(rules, rows, code)].sort()) === JSON.stringify(want)) continue;
      await db.assignments.put({ workspaceId: ws, code, agencies: want, updatedAt: now });
      await db.activity.add({ workspaceId: ws, at: now, kind: 'assignment-changed', code, detail: { from: rows.get(code) ?? null, to: want, via: 'hub', by } });
      changed++;
    }
    return changed;
  });
}

/** An agency's copy: the questions the hub now assigns to it are the ones it may answer and link. */
async function takeAgencyQuestions(db: KlaDb, ws: string, api: HubApi): Promise<boolean> {
  const list = await api.getAssignments(); // the hub sends an agency only its own
  return db.transaction('rw', db.workspaces, db.assignments, async () => {
    const w = await db.workspaces.get(ws);
    if (!w?.agency) return false;
    const codes = [...new Set(list.filter((a) => a.agencyId === w.agency!.id).map((a) => a.questionCode))].sort();
    const added = codes.some((c) => !(w.agency!.codes ?? []).includes(c));
    await db.workspaces.update(ws, { agency: { ...w.agency, codes } });
    await db.assignments.where('workspaceId').equals(ws).delete();
    await db.assignments.bulkPut(codes.map((code) => ({ workspaceId: ws, code, agencies: [w.agency!.id], updatedAt: Date.now() })));
    return added;
  });
}

/** An edit of this field made here and not yet sent: the next round sends it and the hub decides. */
async function pendingEdit(db: KlaDb, ws: string, code: string, field: string, pushedSeq: number): Promise<boolean> {
  // through the code index: a question's own history, not the whole log
  const later = await db.activity.where('code').equals(code).filter((a) => (a.seq ?? 0) > pushedSeq && a.workspaceId === ws && a.kind === 'answer-changed' && !fromHub(a)).toArray();
  return later.some((a) => field in a.detail);
}

async function applyAnswer(db: KlaDb, ws: string, body: HubAnswerBody, replaced: Pick<HubAnswerBody, 'value' | 'by'> | null, pushedSeq: number): Promise<boolean> {
  const field = LOCAL_FIELD[body.field];
  return db.transaction('rw', db.answers, db.activity, async () => {
    if (await pendingEdit(db, ws, body.questionCode, field, pushedSeq)) return false;
    const before: Answer = (await db.answers.get([ws, body.questionCode])) ?? emptyAnswer(ws, body.questionCode);
    const to = body.value ?? (field === 'notes' ? '' : field === 'dataValues' ? {} : field === 'status' ? 'not-started' : null);
    if (JSON.stringify(before[field]) === JSON.stringify(to)) return false;
    await db.answers.put({ ...before, [field]: to, updatedAt: before.updatedAt });
    await db.activity.add({
      workspaceId: ws,
      at: Date.parse(body.editedAt),
      kind: 'answer-changed',
      code: body.questionCode,
      detail: { [field]: { from: before[field], to }, via: 'hub', by: body.by, ...(replaced ? { overwritten: { value: replaced.value, by: replaced.by } } : {}) },
    });
    return true;
  });
}

/**
 * An agency's copy is told of a city document linked to one of its questions, which it may not
 * read: it keeps the name, as a pack's `held` (Instrumen's "(+1 sudah di DP3AKB)"), so the agency
 * does not send again what the city holds; an unlink, or the document's deletion (forgetHeld),
 * takes it off.
 */
function noteHeld(db: KlaDb, ws: string, body: HubLinkBody): Promise<boolean> {
  return changeHeld(db, ws, (had) => {
    const same = (h: Held[number]) => h.doc === body.documentId && h.code === body.questionCode;
    const others = had.filter((h) => !same(h));
    // an unlink needs no name (the hub names no deleted document)
    if (body.removed) return others.length < had.length ? others : null;
    // a link without a name is not shown; one already named is not written again (a feed read again)
    const name = typeof body.name === 'string' ? body.name.slice(0, 500) : null;
    if (!name || had.some((h) => same(h) && h.name === name)) return null;
    const addedAt = Date.parse(body.documentAt ?? body.editedAt);
    return [...others, { code: body.questionCode, name, addedAt: Number.isFinite(addedAt) ? addedAt : Date.now(), doc: body.documentId }];
  });
}

/** A hub document that this database already held under its own id (same bytes). */
const DOC_ALIAS = (hubId: string) => `hubdoc:${hubId}`;

async function applyLink(db: KlaDb, ws: string, hubBody: HubLinkBody): Promise<boolean> {
  return db.transaction('rw', [db.links, db.activity, db.documents, db.settings, db.workspaces], async () => {
    const alias = (await db.settings.get(DOC_ALIAS(hubBody.documentId)))?.value as string | undefined;
    const body = { ...hubBody, documentId: alias ?? hubBody.documentId };
    if (!(await db.documents.get(body.documentId))) return noteHeld(db, ws, body); // a document we may not read
    const same = await db.links.where('[documentId+code]').equals([body.documentId, body.questionCode]).first();
    const at = Date.parse(body.editedAt);
    if (body.removed) {
      if (!same) return false;
      await db.links.delete(same.id);
      await db.activity.add({ workspaceId: ws, at, kind: 'evidence-unlinked', code: body.questionCode, detail: { documentId: body.documentId, via: 'hub', by: body.by } });
      return true;
    }
    const cite = { page: body.page ?? undefined, ...(body.pageTo ? { pageTo: body.pageTo } : {}) };
    // a suggestion's link not checked yet stays marked so on this device; undefined takes the mark
    // off. A link this device holds unmarked (the officer's, or checked here and not pushed yet)
    // never takes the mark: the hub keeps the officer's once this device's change reaches it
    const suggested = body.suggested === true && (!same || same.suggested) ? (true as const) : undefined;
    if (same) {
      const samePages = same.page === cite.page && same.pageTo === cite.pageTo;
      if (samePages && !!same.suggested === !!suggested) return false;
      // undefined deletes the property (Dexie): a run of pages or a mark the hub no longer has goes
      await db.links.update(same.id, { ...cite, pageTo: cite.pageTo, suggested });
      if (samePages && !suggested) {
        // only checked on another device
        await db.activity.add({ workspaceId: ws, at, kind: 'evidence-checked', code: body.questionCode, detail: { documentId: body.documentId, via: 'hub', by: body.by } });
        return true;
      }
    } else {
      await db.links.add({ id: newId(), workspaceId: ws, documentId: body.documentId, code: body.questionCode, ...cite, createdAt: at, ...(suggested ? { suggested } : {}) });
    }
    await db.activity.add({ workspaceId: ws, at, kind: 'evidence-linked', code: body.questionCode, detail: { documentId: body.documentId, page: body.page, ...(body.pageTo ? { pageTo: body.pageTo } : {}), via: 'hub', by: body.by } });
    return true;
  });
}

async function applyDocument(db: KlaDb, ws: string, body: HubDocumentBody, api: HubApi, read: Reader): Promise<boolean> {
  if (await db.documents.get(body.id)) return false;
  let bytes: Blob;
  try {
    bytes = await api.download(body.id);
  } catch (e) {
    // deleted on the hub since this entry: a later entry of the feed says so; nothing to fetch
    if ((e as { status?: number }).status === 404) return false;
    throw e;
  }
  const reading = await read(body.name, bytes);
  const out = await storeDocument(db, ws, body.name, bytes, reading, { id: body.id, agency: body.agencyId ?? undefined, via: { hub: body.by } });
  if (out.status === 'duplicate' && out.doc.id !== body.id) await db.settings.put({ key: DOC_ALIAS(body.id), value: out.doc.id });
  return out.status === 'stored';
}
