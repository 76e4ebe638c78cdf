/**
 * The evaluator's reviews (kept apart from the city's answers) and the city's revision checklist.
 */
import { deadlineFrom } from '../domain/countdown';
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
  return db.transaction('rw', db.reviews, async () => {
    const before: Review = (await db.reviews.get([workspaceId, code])) ?? { workspaceId, code, verdict: null, note: '', points: null, markForReview: false, reviewer, updatedAt: 0 };
    const after: Review = { ...before, ...patch, reviewer, updatedAt: now };
    await db.reviews.put(after);
    return after;
  });
}

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
