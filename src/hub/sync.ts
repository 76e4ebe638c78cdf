/**
 * Sync: clients push their outbox as operations and pull the change feed since their cursor.
 * The hub decides:
 * - answers: last writer wins per field (value, note, status, points), by the time of the edit
 *   (a clock ahead of the hub's counts as the hub's now, so a wrong clock cannot win for ever;
 *   equal times: the larger user id). The value that lost is kept in the feed (`overwritten`)
 *   so both screens can show what was replaced and by whom.
 * - links: the same rule per (document, question); removal is a tombstone.
 * - every operation has the client's id; one already applied is not applied twice.
 */
import { deviceOf, type HubChange, type HubOp, type HubOpResult } from '../domain/hubProtocol.ts';
import { canReadDocument, canRemoveDocument, canWriteField, canWriteQuestion, type HubUser } from './access.ts';
import type { Sql } from './db.ts';
import { documentById, type DocumentRow } from './documents.ts';
import { applyReview, sendReviews } from './reviews.ts';

export type Op = HubOp;
export type OpResult = HubOpResult;

type WsUser = HubUser & { workspaceId: string };

const agenciesOf = async (sql: Sql, ws: string, code: string) =>
  (await sql.query<{ agency_id: string }>('select agency_id from assignments where workspace_id = $1 and question_code = $2', [ws, code])).map((r) => r.agency_id);

/** Later edit wins; equal times are broken by user id so every hub decides the same (one user's
 *  own edits at equal times, e.g. both clamped to the hub's now: the later to arrive). */
const wins = (at: Date, by: string, cur: { edited_at: Date; edited_by: string }) =>
  at.getTime() > cur.edited_at.getTime() || (at.getTime() === cur.edited_at.getTime() && by >= cur.edited_by);

/**
 * Every transaction that adds to a workspace's feed takes this lock first and holds it to its
 * end, so feed entries commit in seq order (a pull can never pass an entry that commits later
 * with a lower seq) and the last-writer decisions of one workspace never race.
 */
export const lockWorkspace = (sql: Sql, workspaceId: string) => sql.query('select pg_advisory_xact_lock(hashtext($1))', [workspaceId]);

export interface FeedRow {
  kind: string;
  questionCode?: string | null;
  documentId?: string | null;
  agencyId?: string | null;
  origin?: string | null;
  body: unknown;
  overwritten?: unknown;
}

/** Adds to the feed (the caller holds lockWorkspace). */
export async function insertChange(sql: Sql, workspaceId: string, userId: string, row: FeedRow): Promise<void> {
  await sql.query(
    'insert into changes (workspace_id, kind, question_code, document_id, agency_id, origin, body, overwritten, user_id) values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)',
    [workspaceId, row.kind, row.questionCode ?? null, row.documentId ?? null, row.agencyId ?? null, row.origin ?? null, JSON.stringify(row.body), row.overwritten ? JSON.stringify(row.overwritten) : null, userId],
  );
}

const feed = (sql: Sql, u: WsUser, op: HubOp, row: FeedRow) => insertChange(sql, u.workspaceId, u.id, { ...row, origin: deviceOf(op.opId) || null });
/** Equal as JSON values, whatever the order of object keys (jsonb keeps its own order). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v ?? null;
}
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

async function applyAnswer(sql: Sql, u: WsUser, op: Extract<Op, { kind: 'answer' }>, at: Date): Promise<OpResult> {
  if (!canWriteField(u, op.field)) return { opId: op.opId, status: 'refused', reason: 'points-admin-only' };
  const [cur] = await sql.query<{ value: unknown; edited_at: Date; edited_by: string; by_name: string }>(
    'select a.value, a.edited_at, a.edited_by, u.display_name as by_name from answer_fields a join users u on u.id = a.edited_by where a.workspace_id = $1 and a.question_code = $2 and a.field = $3 for update of a',
    [u.workspaceId, op.questionCode, op.field],
  );
  const mine = { questionCode: op.questionCode, field: op.field, value: op.value ?? null, editedAt: at.toISOString(), by: u.displayName };
  const theirs = cur && { value: cur.value, editedAt: cur.edited_at.toISOString(), by: cur.by_name };
  if (cur && !wins(at, u.id, cur)) {
    await feed(sql, u, op, { kind: 'answer-lost', questionCode: op.questionCode, body: { ...theirs, questionCode: op.questionCode, field: op.field }, overwritten: mine });
    return { opId: op.opId, status: 'overwritten' };
  }
  await sql.query(
    `insert into answer_fields (workspace_id, question_code, field, value, edited_at, edited_by) values ($1, $2, $3, $4::jsonb, $5, $6)
     on conflict (workspace_id, question_code, field) do update set value = excluded.value, edited_at = excluded.edited_at, edited_by = excluded.edited_by`,
    [u.workspaceId, op.questionCode, op.field, JSON.stringify(op.value ?? null), at, u.id],
  );
  // a conflict only when the value replaced is not the one the editor saw (two edited at once)
  const conflict = cur && 'base' in op && !sameValue(cur.value, op.base) && !sameValue(cur.value, op.value) ? theirs : null;
  await feed(sql, u, op, { kind: 'answer', questionCode: op.questionCode, body: mine, overwritten: conflict });
  return { opId: op.opId, status: 'applied' };
}

async function applyLink(sql: Sql, u: WsUser, op: Extract<Op, { kind: 'link' }>, at: Date): Promise<OpResult> {
  const doc = await documentById(sql, op.documentId);
  if (!doc || doc.workspace_id !== u.workspaceId) return { opId: op.opId, status: 'refused', reason: 'no-such-document' };
  if (!canReadDocument(u, { workspaceId: doc.workspace_id, agencyId: doc.agency_id })) return { opId: op.opId, status: 'refused', reason: 'forbidden' };
  const [cur] = await sql.query<{ edited_at: Date; edited_by: string }>('select edited_at, edited_by from links where document_id = $1 and question_code = $2 for update', [
    op.documentId,
    op.questionCode,
  ]);
  const suggested = !op.removed && op.suggested === true;
  const body = { documentId: op.documentId, questionCode: op.questionCode, page: op.page ?? null, pageTo: op.pageTo ?? null, removed: op.removed, editedAt: at.toISOString(), by: u.displayName, ...(suggested ? { suggested } : {}) };
  if (cur && !wins(at, u.id, cur)) {
    // the device that lost must take the hub's state: it is told so in the feed
    const [kept] = await sql.query<{ page: number | null; page_to: number | null; removed_at: Date | null; edited_at: Date; by_name: string; suggested: boolean }>(
      'select l.page, l.page_to, l.removed_at, l.edited_at, l.suggested, u.display_name as by_name from links l join users u on u.id = l.edited_by where l.document_id = $1 and l.question_code = $2',
      [op.documentId, op.questionCode],
    );
    const { suggested: _, ...mine } = body;
    const keptBody = { ...mine, page: kept.page, pageTo: kept.page_to, removed: kept.removed_at !== null, editedAt: kept.edited_at.toISOString(), by: kept.by_name, ...(kept.suggested ? { suggested: true } : {}) };
    await feed(sql, u, op, { kind: 'link-lost', questionCode: op.questionCode, documentId: op.documentId, body: keptBody, overwritten: body });
    return { opId: op.opId, status: 'overwritten' };
  }
  // a suggestion never takes the mark back onto a link an officer made or checked: the mark is
  // kept only over a row that was itself an unchecked suggestion's, or removed
  const [row] = await sql.query<{ suggested: boolean }>(
    `insert into links (workspace_id, document_id, question_code, page, page_to, edited_at, edited_by, removed_at, suggested) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (document_id, question_code) do update set page = excluded.page, page_to = excluded.page_to, edited_at = excluded.edited_at,
       edited_by = excluded.edited_by, removed_at = excluded.removed_at, suggested = excluded.suggested and (links.suggested or links.removed_at is not null)
     returning suggested`,
    [u.workspaceId, op.documentId, op.questionCode, op.page ?? null, op.pageTo ?? null, at, u.id, op.removed ? at : null, suggested],
  );
  if (row.suggested !== suggested) {
    // the sender marked it as a suggestion's; the hub kept the officer's: every device, the sender too, takes that
    const { suggested: _dropped, ...kept } = body;
    await insertChange(sql, u.workspaceId, u.id, { kind: 'link', questionCode: op.questionCode, documentId: op.documentId, origin: null, body: kept });
    return { opId: op.opId, status: 'applied' };
  }
  await feed(sql, u, op, { kind: 'link', questionCode: op.questionCode, documentId: op.documentId, body });
  return { opId: op.opId, status: 'applied' };
}

/**
 * An officer checked a suggestion's link: only its mark goes, and only on a live row that still
 * carries it. Its pages, its removal and its edit time are left as they are, so a check never
 * brings back a link another device removed, nor an older citation (it is not a link write).
 */
async function applyLinkCheck(sql: Sql, u: WsUser, op: Extract<Op, { kind: 'link-check' }>): Promise<OpResult> {
  const doc = await documentById(sql, op.documentId);
  if (!doc || doc.workspace_id !== u.workspaceId) return { opId: op.opId, status: 'applied' };
  if (!canReadDocument(u, { workspaceId: doc.workspace_id, agencyId: doc.agency_id })) return { opId: op.opId, status: 'refused', reason: 'forbidden' };
  const [row] = await sql.query<{ page: number | null; page_to: number | null; edited_at: Date }>(
    `update links set suggested = false where document_id = $1 and question_code = $2 and workspace_id = $3 and removed_at is null and suggested
     returning page, page_to, edited_at`,
    [op.documentId, op.questionCode, u.workspaceId],
  );
  if (row) {
    const body = { documentId: op.documentId, questionCode: op.questionCode, page: row.page, pageTo: row.page_to, removed: false, editedAt: row.edited_at.toISOString(), by: u.displayName };
    await feed(sql, u, op, { kind: 'link', questionCode: op.questionCode, documentId: op.documentId, body });
  }
  return { opId: op.opId, status: 'applied' };
}

/**
 * A document deleted (tombstone) or put back. The later decision wins; the device whose decision
 * lost is sent the hub's state (an entry with no origin, so it applies it too). A document the hub
 * never received needs nothing: deleted, it is simply not there; put back, its upload comes first.
 */
async function applyDocumentState(sql: Sql, u: WsUser, op: Extract<Op, { kind: 'document' }>, at: Date): Promise<OpResult> {
  const [doc] = await sql.query<DocumentRow & { by_name: string | null } & Record<string, unknown>>(
    'select d.*, s.display_name as by_name from documents d left join users s on s.id = d.state_by where d.id = $1 for update of d',
    [op.documentId],
  );
  if (!doc || doc.workspace_id !== u.workspaceId) return { opId: op.opId, status: op.removed ? 'applied' : 'refused', ...(op.removed ? {} : { reason: 'no-such-document' }) };
  if (!canRemoveDocument(u, { workspaceId: doc.workspace_id, agencyId: doc.agency_id })) return { opId: op.opId, status: 'refused', reason: 'forbidden' };
  const registered = { id: doc.id, sha256: doc.sha256, name: doc.name, mime: doc.mime, size: Number(doc.size), agencyId: doc.agency_id };
  const row = (removed: boolean, editedAt: Date, by: string) => ({ kind: removed ? 'document-deleted' : 'document-restored', documentId: doc.id, agencyId: doc.agency_id, body: { ...registered, removed, editedAt: editedAt.toISOString(), by } });
  const state = doc.state_at ? { edited_at: doc.state_at as Date, edited_by: String(doc.state_by) } : null;
  if (state && !wins(at, u.id, state)) {
    const keptRemoved = doc.deleted_at !== null;
    const kept = row(keptRemoved, state.edited_at, doc.by_name ?? '');
    await insertChange(sql, u.workspaceId, u.id, { ...kept, origin: null, overwritten: row(op.removed, at, u.displayName).body });
    // that device deleted its copy's links with the document: the kept document's come back too
    if (!keptRemoved) await resendLinks(sql, u.workspaceId, u.id, doc.id);
    return { opId: op.opId, status: 'overwritten' };
  }
  const already = (doc.deleted_at !== null) === op.removed;
  // the later decision is recorded even when it changes nothing, so an earlier one arriving after it loses
  await sql.query('update documents set deleted_at = $2, state_at = $3, state_by = $4 where id = $1', [doc.id, op.removed ? (doc.deleted_at ?? at) : null, at, u.id]);
  if (already) return { opId: op.opId, status: 'applied' };
  await feed(sql, u, op, row(op.removed, at, u.displayName));
  if (!op.removed) await resendLinks(sql, u.workspaceId, u.id, doc.id);
  return { opId: op.opId, status: 'applied' };
}

/**
 * A document put back: its links (kept on the hub under the tombstone, removed on the devices
 * that deleted their copy) are fed again with no origin, so every device links it again.
 */
async function resendLinks(sql: Sql, workspaceId: string, userId: string, documentId: string): Promise<void> {
  const links = await sql.query<{ question_code: string; page: number | null; page_to: number | null; edited_at: Date; by_name: string; suggested: boolean }>(
    'select l.question_code, l.page, l.page_to, l.edited_at, l.suggested, u.display_name as by_name from links l join users u on u.id = l.edited_by where l.document_id = $1 and l.removed_at is null',
    [documentId],
  );
  for (const l of links) {
    const body = { documentId, questionCode: l.question_code, page: l.page, pageTo: l.page_to, removed: false, editedAt: l.edited_at.toISOString(), by: l.by_name, ...(l.suggested ? { suggested: true } : {}) };
    await insertChange(sql, workspaceId, userId, { kind: 'link', questionCode: l.question_code, documentId, origin: null, body });
  }
}

/**
 * Who answers one question, set by the officer: the later edit wins per question (another question
 * changed at the same moment on another of her devices is untouched). Every device takes the
 * hub's list on the `assignments` entry; an edit that lost changes nothing there, and the next
 * pull gives its device the hub's list.
 */
async function applyAssignment(sql: Sql, u: WsUser, op: Extract<Op, { kind: 'assignment' }>, at: Date): Promise<OpResult> {
  if (u.role !== 'admin') return { opId: op.opId, status: 'refused', reason: 'forbidden' };
  const [cur] = await sql.query<{ edited_at: Date; edited_by: string }>('select edited_at, edited_by from assignment_state where workspace_id = $1 and question_code = $2 for update', [
    u.workspaceId,
    op.questionCode,
  ]);
  if (cur && !wins(at, u.id, cur)) {
    await insertChange(sql, u.workspaceId, u.id, { kind: 'assignments', questionCode: op.questionCode, origin: null, body: { questionCode: op.questionCode, by: u.displayName, lost: true } });
    return { opId: op.opId, status: 'overwritten' };
  }
  await sql.query('delete from assignments where workspace_id = $1 and question_code = $2', [u.workspaceId, op.questionCode]);
  for (const agency of new Set(op.agencies)) {
    await sql.query('insert into assignments (workspace_id, question_code, agency_id) values ($1, $2, $3)', [u.workspaceId, op.questionCode, agency]);
  }
  await sql.query(
    `insert into assignment_state (workspace_id, question_code, edited_at, edited_by) values ($1, $2, $3, $4)
     on conflict (workspace_id, question_code) do update set edited_at = excluded.edited_at, edited_by = excluded.edited_by`,
    [u.workspaceId, op.questionCode, at, u.id],
  );
  // the list itself is read from /api/assignments (an agency is told only its own)
  await feed(sql, u, op, { kind: 'assignments', body: { questionCode: op.questionCode, by: u.displayName } });
  return { opId: op.opId, status: 'applied' };
}

/**
 * The city's name for its office, set by the officer: the later edit wins. Every device of the
 * workspace (agencies' and evaluators' too) takes the hub's name from the `office` entry; an edit
 * that lost is answered with the hub's name (no origin), so its device takes it.
 */
async function applyOffice(sql: Sql, u: WsUser, op: Extract<Op, { kind: 'office' }>, at: Date): Promise<OpResult> {
  if (u.role !== 'admin') return { opId: op.opId, status: 'refused', reason: 'forbidden' };
  const [cur] = await sql.query<{ office: string; office_at: Date | null; office_by: string | null; by_name: string | null }>(
    'select w.office, w.office_at, w.office_by, s.display_name as by_name from workspaces w left join users s on s.id = w.office_by where w.id = $1 for update of w',
    [u.workspaceId],
  );
  if (cur?.office_at && !wins(at, u.id, { edited_at: cur.office_at, edited_by: String(cur.office_by) })) {
    const kept = { office: cur.office, editedAt: cur.office_at.toISOString(), by: cur.by_name ?? '' };
    await insertChange(sql, u.workspaceId, u.id, { kind: 'office', origin: null, body: kept, overwritten: { office: op.office, editedAt: at.toISOString(), by: u.displayName } });
    return { opId: op.opId, status: 'overwritten' };
  }
  await sql.query('update workspaces set office = $2, office_at = $3, office_by = $4 where id = $1', [u.workspaceId, op.office, at, u.id]);
  await feed(sql, u, op, { kind: 'office', body: { office: op.office, editedAt: at.toISOString(), by: u.displayName } });
  return { opId: op.opId, status: 'applied' };
}

/** Applies one operation inside the caller's transaction. */
export async function applyOp(sql: Sql, u: WsUser, op: Op, now: Date): Promise<OpResult> {
  await lockWorkspace(sql, u.workspaceId);
  const done = await sql.query('select 1 from applied_ops where user_id = $1 and op_id = $2', [u.id, op.opId]);
  if (done.length) return { opId: op.opId, status: 'duplicate' };
  const at = new Date(Math.min(Date.parse(op.editedAt), now.getTime()));
  if (op.kind === 'document') return recordApplied(sql, u, op, await applyDocumentState(sql, u, op, at));
  if (op.kind === 'assignment') return recordApplied(sql, u, op, await applyAssignment(sql, u, op, at));
  if (op.kind === 'send-reviews') return recordApplied(sql, u, op, await sendReviews(sql, u, op, now));
  if (op.kind === 'review') return recordApplied(sql, u, op, await applyReview(sql, u, op, at));
  if (op.kind === 'office') return recordApplied(sql, u, op, await applyOffice(sql, u, op, at));
  if (!canWriteQuestion(u, u.workspaceId, await agenciesOf(sql, u.workspaceId, op.questionCode))) {
    return { opId: op.opId, status: 'refused', reason: 'not-assigned' };
  }
  const r = op.kind === 'answer' ? await applyAnswer(sql, u, op, at) : op.kind === 'link' ? await applyLink(sql, u, op, at) : await applyLinkCheck(sql, u, op);
  return recordApplied(sql, u, op, r);
}

async function recordApplied(sql: Sql, u: WsUser, op: Op, r: OpResult): Promise<OpResult> {
  if (r.status !== 'refused') await sql.query('insert into applied_ops (user_id, op_id) values ($1, $2)', [u.id, op.opId]);
  return r;
}

export type Change = HubChange;

/** A pull page stops once its entries' bodies pass this many characters (the next page has the rest). */
export const PULL_PAGE_BYTES = 8 * 1024 * 1024;

/** Changes after `since` that this user may read, oldest first. */
export async function pull(sql: Sql, u: WsUser, since: number, limit = 500): Promise<{ changes: Change[]; cursor: number; more: boolean }> {
  const agency = u.role === 'agency' ? u.agencyId : null;
  // an agency sees its questions and its documents, never points (the officer's alone)
  // `superseded`: a later entry decides the same answer field (or the same evaluator's review of the
  // question), so a client applies only the last one and never shows, even for a moment, a value
  // the hub did not keep
  // an evaluator's review drafts are its own; a delivery goes to the officer (and its sender)
  // a link names its document (and when it came), so an agency's copy can say "already at the
  // city" for a document it may not read (as a pack's `held` does): names and dates, no bytes
  const rows = await sql.query<{ seq: string; kind: string; question_code: string | null; document_id: string | null; user_id: string | null; origin: string | null; body: unknown; overwritten: unknown; at: Date; superseded: boolean; document_name: string | null; document_at: Date | null }>(
    `select c.seq::text as seq, c.kind, c.question_code, c.document_id, c.user_id, c.origin, c.body, c.overwritten, c.at,
        case when c.kind in ('link', 'link-lost') and d.deleted_at is null then d.name end as document_name, d.created_at as document_at,
        (c.kind in ('answer', 'answer-lost') and exists (select 1 from changes l where l.workspace_id = c.workspace_id
          and l.question_code = c.question_code and l.seq > c.seq and l.kind in ('answer', 'answer-lost')
          and l.body->>'field' = c.body->>'field'))
        or (c.kind = 'review' and exists (select 1 from changes l where l.workspace_id = c.workspace_id
          and l.question_code = c.question_code and l.seq > c.seq and l.kind = 'review' and l.user_id = c.user_id)) as superseded
      from changes c left join documents d on d.id = c.document_id
      where c.workspace_id = $1 and c.seq > $2 and ($3::text is null or c.kind in ('assignments', 'office') or ((c.agency_id = $3
        or c.question_code in (select question_code from assignments a where a.workspace_id = $1 and a.agency_id = $3))
        and coalesce(c.body->>'field', '') <> 'points')
        -- a document linked to one of the agency's questions, deleted: its copy stops naming it
        or (c.kind = 'document-deleted' and exists (select 1 from links l join assignments a on a.workspace_id = l.workspace_id
          and a.question_code = l.question_code where l.document_id = c.document_id and a.workspace_id = $1 and a.agency_id = $3)))
        and (c.kind not in ('review', 'reviews-delivered') or c.user_id = $5 or (c.kind = 'reviews-delivered' and $6))
      order by c.seq limit $4`,
    [u.workspaceId, since, agency, limit + 1, u.id, u.role === 'admin'],
  );
  // a page is also bounded in bytes (a delivery of 274 long notes is ~3 MB): at least one entry
  let bytes = 0;
  let end = Math.min(rows.length, limit);
  for (let i = 0; i < end; i++) {
    bytes += JSON.stringify(rows[i].body ?? null).length + JSON.stringify(rows[i].overwritten ?? null).length;
    if (i > 0 && bytes > PULL_PAGE_BYTES) end = i;
  }
  const more = rows.length > end;
  const page = rows.slice(0, end);
  const changes = page.map((r) => ({
    seq: Number(r.seq),
    kind: r.kind,
    questionCode: r.question_code,
    documentId: r.document_id,
    userId: r.user_id,
    origin: r.origin,
    superseded: r.superseded,
    body: r.document_name !== null && r.body && typeof r.body === 'object' ? { ...r.body, name: r.document_name, documentAt: r.document_at?.toISOString() ?? null } : r.body,
    overwritten: r.overwritten,
    at: r.at.toISOString(),
  }));
  return { changes, cursor: changes.at(-1)?.seq ?? since, more };
}
