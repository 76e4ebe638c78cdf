/**
 * The evaluator's reviews (kept apart from the city's answers) and the city's revision checklist.
 */
import { deadlineFrom } from '../domain/countdown';
import { MAX_REVIEW_NOTE } from '../domain/hubProtocol';
import type { Review, RevisionItem, Verdict } from '../domain/model';
import { isFrozen } from '../domain/revision';
import { FrozenError } from '../domain/revision';
import type { Rules } from '../domain/rules/load';
import type { KlaDb } from './schema';

export type ReviewPatch = Partial<Pick<Review, 'verdict' | 'note' | 'points' | 'markForReview'>>;

export async function saveReview(db: KlaDb, rules: Rules, workspaceId: string, code: string, reviewer: string, patch: ReviewPatch, now = Date.now()): Promise<Review> {
  const q = rules.questionByCode.get(code);
  if (!q) throw new Error(`unknown question ${code}`);
  if (patch.points != null && (!Number.isFinite(patch.points) || patch.points < 0 || patch.points > q.maxPoints)) {
    throw new RangeError(`${code}: points must be between 0 and ${q.maxPoints}`);
  }
  if (patch.note !== undefined && patch.note.length > MAX_REVIEW_NOTE) throw new RangeError(`${code}: a note is at most ${MAX_REVIEW_NOTE} characters`);
  return db.transaction('rw', db.reviews, db.activity, async () => {
    const before: Review = (await db.reviews.get([workspaceId, code])) ?? { workspaceId, code, verdict: null, note: '', points: null, markForReview: false, reviewer, updatedAt: 0 };
    const after: Review = { ...before, ...patch, reviewer, updatedAt: now };
    if (sameReviewState(before, after)) return before;
    await db.reviews.put(after);
    // the evaluator's own log, and the hub's outbox for a copy bound to a hub
    await db.activity.add({ workspaceId, at: now, kind: 'review-changed', code, detail: { from: reviewState(before), to: reviewState(after), reviewer } });
    return after;
  });
}

export type ReviewState = Pick<Review, 'verdict' | 'note' | 'points' | 'markForReview'>;
export const reviewState = (r: ReviewState): ReviewState => ({ verdict: r.verdict, note: r.note, points: r.points, markForReview: r.markForReview });
/** The same verdict, note, points and mark. */
export const sameReviewState = (a: ReviewState, b: ReviewState): boolean => JSON.stringify(reviewState(a)) === JSON.stringify(reviewState(b));

/** The notes that would go to the city: reviews with a verdict or a note. */
export const hasNote = (r: Pick<Review, 'verdict' | 'note'>) => r.verdict !== null || r.note.trim() !== '';

/**
 * Kirim catatan (an evaluator's copy bound to a hub): the evaluator's current notes go to the city
 * on the next sync round, as one delivery whose arrival starts the city's revision countdown.
 * Returns how many notes go; none: nothing is logged.
 */
export async function sendNotes(db: KlaDb, workspaceId: string, reviewer: string, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.reviews, db.activity, db.settings, async () => {
    const count = (await db.reviews.where('workspaceId').equals(workspaceId).toArray()).filter(hasNote).length;
    if (!count) return 0;
    const seq = (await db.activity.add({ workspaceId, at: now, kind: 'reviews-sent', detail: { count, reviewer } })) as number;
    await db.settings.put({ key: NOTES_SENT(workspaceId), value: { at: now, count, seq } satisfies NotesSent });
    return count;
  });
}

/** The last Kirim catatan of this copy: when, how many notes, and its log entry (sent to the hub
 *  once the binding's `pushedSeq` passes it). */
export interface NotesSent {
  at: number;
  count: number;
  seq: number;
}
const NOTES_SENT = (ws: string) => `notesSent.${ws}`;
export const getNotesSent = async (db: KlaDb, ws: string) => (await db.settings.get(NOTES_SENT(ws)))?.value as NotesSent | undefined;

/** The officer answers an evaluator note (reply text, done). Frozen after the deadline. */
export async function updateRevisionItem(db: KlaDb, id: string, patch: Partial<Pick<RevisionItem, 'response' | 'done'>>, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.revisionItems, db.workspaces, db.activity, async () => {
    const item = await db.revisionItems.get(id);
    if (!item) return;
    const ws = await db.workspaces.get(item.workspaceId);
    if (ws && isFrozen(ws, now)) throw new FrozenError(ws.revision!.deadline);
    await db.revisionItems.update(id, { ...patch, updatedAt: now });
    if (patch.done !== undefined && patch.done !== item.done) {
      await db.activity.add({ workspaceId: item.workspaceId, at: now, kind: 'revision-item-changed', code: item.code, detail: { done: { from: item.done, to: patch.done } } });
    }
  });
}

/**
 * After the evaluator's notes arrive: the workspace enters the revision stage and the countdown
 * starts from the time of the notes (stored as an absolute deadline). A later response with newer
 * notes moves the start; an older or equal one changes nothing.
 */
export async function beginRevision(db: KlaDb, workspaceId: string, notesAt: number, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.workspaces, db.activity, async () => {
    const ws = await db.workspaces.get(workspaceId);
    if (!ws) return;
    if (ws.revision && ws.revision.notesAt >= notesAt) return;
    const revision = { notesAt, deadline: deadlineFrom(notesAt, ws.revisionHours), hours: ws.revisionHours, startedAt: now };
    await db.workspaces.update(workspaceId, { revision, stage: 'revisi', updatedAt: now });
    await db.activity.add({ workspaceId, at: now, kind: 'stage-changed', detail: { from: ws.stage, to: 'revisi', deadline: revision.deadline, notesAt } });
  });
}

export const VERDICT_ORDER: Verdict[] = ['sesuai', 'perlu-perbaikan', 'salah-klaster', 'dokumen-tidak-ada'];
