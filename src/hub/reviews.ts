/**
 * Evaluator reviews through the hub (issue 12, point 3). A review is a draft of one evaluator,
 * seen by that evaluator's devices only (`review` entries), last edit wins by the edit's time.
 * Kirim catatan (`send-reviews`) copies the evaluator's current notes into one `reviews-delivered`
 * entry that the officer's devices take as the revision checklist; its time is the hub's, the
 * moment the city could first read the notes, and the revision countdown starts from it.
 */
import { MAX_REVIEW_NOTE, type HubDeliveryBody, type HubOp, type HubOpResult, type HubReviewBody, type HubVerdict } from '../domain/hubProtocol.ts';
import { rulesFor } from './province.ts';
import { canReview, type HubUser } from './access.ts';
import type { Sql } from './db.ts';
import { insertChange } from './sync.ts';
import { deviceOf } from '../domain/hubProtocol.ts';

type WsUser = HubUser & { workspaceId: string };
type ReviewOp = Extract<HubOp, { kind: 'review' }>;

/** Why a review cannot be kept (a question of the workspace's instrument, points within its maximum), or null. */
async function reviewProblem(sql: Sql, workspaceId: string, op: ReviewOp): Promise<string | null> {
  if (op.note.length > MAX_REVIEW_NOTE) return 'too-long';
  const [ws] = await sql.query<{ rules_id: string }>('select rules_id from workspaces where id = $1', [workspaceId]);
  const q = ws ? (await rulesFor(ws.rules_id)).questionByCode.get(op.questionCode) : undefined;
  if (!q) return 'unknown-question';
  if (op.points !== null && op.points > q.maxPoints) return 'bad-points';
  return null;
}

export async function applyReview(sql: Sql, u: WsUser, op: ReviewOp, at: Date): Promise<HubOpResult> {
  if (!canReview(u, u.workspaceId)) return { opId: op.opId, status: 'refused', reason: 'evaluator-only' };
  const problem = await reviewProblem(sql, u.workspaceId, op);
  if (problem) return { opId: op.opId, status: 'refused', reason: problem };
  const [cur] = await sql.query<{ verdict: HubVerdict | null; note: string; points: string | null; mark: boolean; edited_at: Date }>(
    'select verdict, note, points, mark, edited_at from reviews where workspace_id = $1 and question_code = $2 and user_id = $3 for update',
    [u.workspaceId, op.questionCode, u.id],
  );
  // one evaluator's devices: the later edit stands; the device whose older edit arrived late is
  // sent the kept review (an entry with no origin, so that device applies it too)
  if (cur && cur.edited_at.getTime() > at.getTime()) {
    const kept: HubReviewBody = { questionCode: op.questionCode, verdict: cur.verdict, note: cur.note, points: cur.points === null ? null : Number(cur.points), markForReview: cur.mark, editedAt: cur.edited_at.toISOString(), by: u.displayName };
    await insertChange(sql, u.workspaceId, u.id, { kind: 'review', questionCode: op.questionCode, origin: null, body: kept });
    return { opId: op.opId, status: 'overwritten' };
  }
  await sql.query(
    `insert into reviews (workspace_id, question_code, user_id, verdict, note, points, mark, edited_at) values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (workspace_id, question_code, user_id) do update set verdict = excluded.verdict, note = excluded.note, points = excluded.points,
       mark = excluded.mark, edited_at = excluded.edited_at`,
    [u.workspaceId, op.questionCode, u.id, op.verdict, op.note, op.points, op.markForReview, at],
  );
  const body: HubReviewBody = { questionCode: op.questionCode, verdict: op.verdict, note: op.note, points: op.points, markForReview: op.markForReview, editedAt: at.toISOString(), by: u.displayName };
  await insertChange(sql, u.workspaceId, u.id, { kind: 'review', questionCode: op.questionCode, origin: deviceOf(op.opId) || null, body });
  return { opId: op.opId, status: 'applied' };
}

/** Kirim catatan: every review of this evaluator with a verdict or a note, as one delivery. */
export async function sendReviews(sql: Sql, u: WsUser, op: Extract<HubOp, { kind: 'send-reviews' }>, now: Date): Promise<HubOpResult> {
  if (!canReview(u, u.workspaceId)) return { opId: op.opId, status: 'refused', reason: 'evaluator-only' };
  const rows = await sql.query<{ question_code: string; verdict: HubVerdict | null; note: string; edited_at: Date }>(
    `select question_code, verdict, note, edited_at from reviews where workspace_id = $1 and user_id = $2 and (verdict is not null or btrim(note) <> '') order by question_code`,
    [u.workspaceId, u.id],
  );
  if (!rows.length) return { opId: op.opId, status: 'refused', reason: 'no-reviews' };
  const reviews = rows.map((r) => ({ questionCode: r.question_code, verdict: r.verdict, note: r.note, editedAt: r.edited_at.toISOString() }));
  // the same notes sent again deliver nothing new: no entry (the feed does not grow with re-sends)
  const [last] = await sql.query<{ body: HubDeliveryBody }>(
    `select body from changes where workspace_id = $1 and user_id = $2 and kind = 'reviews-delivered' order by seq desc limit 1`,
    [u.workspaceId, u.id],
  );
  if (last && sameNotes(last.body.reviews, reviews)) return { opId: op.opId, status: 'applied' };
  const body: HubDeliveryBody = { reviewer: u.displayName, deliveredAt: now.toISOString(), reviews };
  await insertChange(sql, u.workspaceId, u.id, { kind: 'reviews-delivered', origin: deviceOf(op.opId) || null, body });
  return { opId: op.opId, status: 'applied' };
}

const sameNotes = (a: HubDeliveryBody['reviews'], b: HubDeliveryBody['reviews']): boolean =>
  a.length === b.length && a.every((r, i) => r.questionCode === b[i].questionCode && r.verdict === b[i].verdict && r.note === b[i].note);
