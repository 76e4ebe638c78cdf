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
import type { HubChange, HubOp, HubOpResult } from '../domain/hubProtocol.ts';
import { canReadDocument, canWriteField, canWriteQuestion, type HubUser } from './access.ts';
import type { Sql } from './db.ts';
import { documentById } from './documents.ts';

export type Op = HubOp;
export type OpResult = HubOpResult;

type WsUser = HubUser & { workspaceId: string };

const agenciesOf = async (sql: Sql, ws: string, code: string) =>
  (await sql.query<{ agency_id: string }>('select agency_id from assignments where workspace_id = $1 and question_code = $2', [ws, code])).map((r) => r.agency_id);

/** Later edit wins; equal times are broken by user id so every hub decides the same. */
const wins = (at: Date, by: string, cur: { edited_at: Date; edited_by: string }) =>
  at.getTime() > cur.edited_at.getTime() || (at.getTime() === cur.edited_at.getTime() && by > cur.edited_by);

async function feed(sql: Sql, u: WsUser, row: { kind: string; questionCode: string; documentId?: string; body: unknown; overwritten?: unknown }) {
  await sql.query(
    'insert into changes (workspace_id, kind, question_code, document_id, body, overwritten, user_id) values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)',
    [u.workspaceId, row.kind, row.questionCode, row.documentId ?? null, JSON.stringify(row.body), row.overwritten ? JSON.stringify(row.overwritten) : null, u.id],
  );
}

async function applyAnswer(sql: Sql, u: WsUser, op: Extract<Op, { kind: 'answer' }>, at: Date): Promise<OpResult> {
  if (!canWriteField(u, op.field)) return { opId: op.opId, status: 'refused', reason: 'points-admin-only' };
  const [cur] = await sql.query<{ value: unknown; edited_at: Date; edited_by: string; by_name: string }>(
    'select a.value, a.edited_at, a.edited_by, u.display_name as by_name from answer_fields a join users u on u.id = a.edited_by where a.workspace_id = $1 and a.question_code = $2 and a.field = $3 for update of a',
    [u.workspaceId, op.questionCode, op.field],
  );
  const mine = { questionCode: op.questionCode, field: op.field, value: op.value ?? null, editedAt: at.toISOString(), by: u.displayName };
  const theirs = cur && { value: cur.value, editedAt: cur.edited_at.toISOString(), by: cur.by_name };
  if (cur && !wins(at, u.id, cur)) {
    await feed(sql, u, { kind: 'answer-lost', questionCode: op.questionCode, body: { ...theirs, questionCode: op.questionCode, field: op.field }, overwritten: mine });
    return { opId: op.opId, status: 'overwritten' };
  }
  await sql.query(
    `insert into answer_fields (workspace_id, question_code, field, value, edited_at, edited_by) values ($1, $2, $3, $4::jsonb, $5, $6)
     on conflict (workspace_id, question_code, field) do update set value = excluded.value, edited_at = excluded.edited_at, edited_by = excluded.edited_by`,
    [u.workspaceId, op.questionCode, op.field, JSON.stringify(op.value ?? null), at, u.id],
  );
  await feed(sql, u, { kind: 'answer', questionCode: op.questionCode, body: mine, overwritten: theirs });
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
  if (cur && !wins(at, u.id, cur)) return { opId: op.opId, status: 'overwritten' };
  await sql.query(
    `insert into links (workspace_id, document_id, question_code, page, page_to, edited_at, edited_by, removed_at) values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (document_id, question_code) do update set page = excluded.page, page_to = excluded.page_to, edited_at = excluded.edited_at,
       edited_by = excluded.edited_by, removed_at = excluded.removed_at`,
    [u.workspaceId, op.documentId, op.questionCode, op.page ?? null, op.pageTo ?? null, at, u.id, op.removed ? at : null],
  );
  const body = { documentId: op.documentId, questionCode: op.questionCode, page: op.page ?? null, pageTo: op.pageTo ?? null, removed: op.removed, editedAt: at.toISOString(), by: u.displayName };
  await feed(sql, u, { kind: 'link', questionCode: op.questionCode, documentId: op.documentId, body });
  return { opId: op.opId, status: 'applied' };
}

/** Applies one operation inside the caller's transaction. */
export async function applyOp(sql: Sql, u: WsUser, op: Op, now: Date): Promise<OpResult> {
  const done = await sql.query('select 1 from applied_ops where op_id = $1', [op.opId]);
  if (done.length) return { opId: op.opId, status: 'duplicate' };
  if (!canWriteQuestion(u, u.workspaceId, await agenciesOf(sql, u.workspaceId, op.questionCode))) {
    return { opId: op.opId, status: 'refused', reason: 'not-assigned' };
  }
  const at = new Date(Math.min(Date.parse(op.editedAt), now.getTime()));
  const r = op.kind === 'answer' ? await applyAnswer(sql, u, op, at) : await applyLink(sql, u, op, at);
  if (r.status !== 'refused') await sql.query('insert into applied_ops (op_id, user_id) values ($1, $2)', [op.opId, u.id]);
  return r;
}

export type Change = HubChange;

/** Changes after `since` that this user may read, oldest first. */
export async function pull(sql: Sql, u: WsUser, since: number, limit = 500): Promise<{ changes: Change[]; cursor: number; more: boolean }> {
  const agency = u.role === 'agency' ? u.agencyId : null;
  const rows = await sql.query<{ seq: string; kind: string; question_code: string | null; document_id: string | null; user_id: string | null; body: unknown; overwritten: unknown; at: Date }>(
    `select c.seq::text as seq, kind, question_code, document_id, user_id, body, overwritten, at from changes c
      where workspace_id = $1 and seq > $2 and ($3::text is null or c.agency_id = $3
        or c.question_code in (select question_code from assignments a where a.workspace_id = $1 and a.agency_id = $3))
      order by c.seq limit $4`,
    [u.workspaceId, since, agency, limit + 1],
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const changes = page.map((r) => ({
    seq: Number(r.seq),
    kind: r.kind,
    questionCode: r.question_code,
    documentId: r.document_id,
    userId: r.user_id,
    body: r.body,
    overwritten: r.overwritten,
    at: r.at.toISOString(),
  }));
  return { changes, cursor: changes.at(-1)?.seq ?? since, more };
}
