/**
 * Evaluator reviews through the city hub (issue 12), the app's side.
 *
 * - The evaluator's copy: each review change is a `review-changed` log entry (src/db/review.ts),
 *   sent as a `review` operation (the whole review; the later edit wins among the evaluator's own
 *   devices). *Kirim catatan* logs `reviews-sent`, sent as `send-reviews`: the hub delivers the
 *   evaluator's current notes to the city in one feed entry.
 * - The city's copy (the officer): a delivery becomes the revision checklist, as an imported
 *   response would, and the countdown starts from the hub's time of the delivery (when the city
 *   could first read the notes). A note the evaluator changed since an earlier delivery replaces
 *   the item's note and reopens it; the officer's reply stays and the log keeps the earlier note.
 */
import type { HubDeliveryBody, HubOp, HubReviewBody } from '../domain/hubProtocol';
import type { Activity, Review, RevisionItem, Verdict } from '../domain/model';
import type { Rules } from '../domain/rules/load';
import { beginRevision, reviewState, sameReviewState, type ReviewState } from './review';
import type { KlaDb } from './schema';

/** A `review-changed` or `reviews-sent` log entry as a hub operation (others: none). */
export function reviewOps(a: Activity, opId: string): HubOp[] {
  const editedAt = new Date(a.at).toISOString();
  if (a.kind === 'reviews-sent') return [{ opId, kind: 'send-reviews', editedAt }];
  if (a.kind !== 'review-changed' || !a.code) return [];
  const to = (a.detail as { to: ReviewState }).to;
  return [{ opId, kind: 'review', questionCode: a.code, verdict: to.verdict, note: to.note, points: to.points, markForReview: to.markForReview, editedAt }];
}

/**
 * An evaluator's copy bound to a hub sends its reviews from the log (`review-changed`). Reviews
 * with no such entry (brought in with an imported file, or made before reviews were logged) are
 * logged now, as they stand, so they reach the hub instead of being counted and never sent.
 */
export async function queueUnloggedReviews(db: KlaDb, ws: string): Promise<number> {
  const logged = new Set((await db.activity.where('workspaceId').equals(ws).filter((a) => a.kind === 'review-changed').toArray()).map((a) => a.code));
  const missing = (await db.reviews.where('workspaceId').equals(ws).toArray()).filter((r) => !logged.has(r.code));
  const blank: ReviewState = { verdict: null, note: '', points: null, markForReview: false };
  for (const r of missing) await db.activity.add({ workspaceId: ws, at: r.updatedAt, kind: 'review-changed', code: r.code, detail: { from: blank, to: reviewState(r), reviewer: r.reviewer } });
  return missing.length;
}

/**
 * The evaluator's review from another of its devices, the one the hub kept (the feed marks older
 * entries superseded): taken unless this device holds an edit of the question not sent yet. No
 * time is compared: the hub orders edits by its own clock, and a device whose clock runs ahead
 * would otherwise keep a note the hub let go.
 */
export async function applyOwnReview(db: KlaDb, ws: string, body: HubReviewBody, pushedSeq: number): Promise<boolean> {
  const at = Date.parse(body.editedAt);
  return db.transaction('rw', db.reviews, db.activity, async () => {
    const before = await db.reviews.get([ws, body.questionCode]);
    if (before && sameReviewState(before, body)) return false;
    const pending = await db.activity
      .where('code')
      .equals(body.questionCode)
      .filter((a) => a.workspaceId === ws && a.kind === 'review-changed' && (a.seq ?? 0) > pushedSeq && (a.detail as { via?: string }).via !== 'hub')
      .count();
    if (pending) return false;
    const blank: Review = { workspaceId: ws, code: body.questionCode, verdict: null, note: '', points: null, markForReview: false, reviewer: body.by, updatedAt: 0 };
    const after: Review = { ...(before ?? blank), verdict: body.verdict, note: body.note, points: body.points, markForReview: body.markForReview, updatedAt: at };
    await db.reviews.put(after);
    await db.activity.add({ workspaceId: ws, at, kind: 'review-changed', code: body.questionCode, detail: { from: reviewState(before ?? blank), to: reviewState(after), via: 'hub', by: body.by } });
    return true;
  });
}

export interface DeliveryOutcome {
  added: number;
  updated: number;
  /** The new or changed notes of this delivery that ask for work (not `sesuai`): they start (or
   *  move) the countdown; sending the same notes again does not. */
  needsWork: number;
}

/** An evaluator's delivered notes on the city's copy: the revision checklist, then the countdown. */
export async function applyDelivery(db: KlaDb, ws: string, body: HubDeliveryBody, from: string | null, rules?: Rules, now = Date.now()): Promise<DeliveryOutcome> {
  const deliveredAt = Date.parse(body.deliveredAt);
  const notes = body.reviews.filter((r) => (r.verdict !== null || r.note.trim() !== '') && (!rules || rules.questionByCode.has(r.questionCode)));
  // the items and the countdown in one transaction: a tab closed between them cannot leave notes
  // without their countdown (the next pull would find the items present and start nothing)
  return db.transaction('rw', db.revisionItems, db.activity, db.workspaces, async () => {
    const result: DeliveryOutcome = { added: 0, updated: 0, needsWork: 0 };
    const changed: { code: string; from: Pick<RevisionItem, 'verdict' | 'note'>; to: Pick<RevisionItem, 'verdict' | 'note'> }[] = [];
    for (const r of notes) {
      const verdict: Verdict = r.verdict ?? 'perlu-perbaikan';
      const asks = verdict !== 'sesuai' ? 1 : 0;
      // one item per question and hub account (two evaluators may share a display name)
      const id = `${ws}|${r.questionCode}|${from ? `hub:${from}` : body.reviewer}`;
      const cur = await db.revisionItems.get(id);
      const notedAt = Date.parse(r.editedAt);
      if (!cur) {
        await db.revisionItems.add({ id, workspaceId: ws, code: r.questionCode, verdict, note: r.note, reviewer: body.reviewer, notedAt, response: '', done: !asks, updatedAt: now });
        result.added++;
        result.needsWork += asks;
      } else if (cur.verdict !== verdict || cur.note !== r.note) {
        // a note that now asks for work reopens the item; one now 'sesuai' closes it
        await db.revisionItems.put({ ...cur, verdict, note: r.note, notedAt, done: !asks, updatedAt: now });
        changed.push({ code: r.questionCode, from: { verdict: cur.verdict, note: cur.note }, to: { verdict, note: r.note } });
        result.updated++;
        result.needsWork += asks;
      }
    }
    if (result.added || result.updated) {
      await db.activity.add({ workspaceId: ws, at: now, kind: 'reviews-received', detail: { added: result.added, updated: result.updated, deliveredAt, changed: changed.slice(0, 50), via: 'hub', by: body.reviewer } });
    }
    if (result.needsWork) await beginRevision(db, ws, deliveredAt, now);
    return result;
  });
}
