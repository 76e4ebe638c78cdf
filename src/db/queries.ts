/**
 * Reads and writes of workspace data. Every change that matters to the evaluation writes its
 * activity entry in the same transaction, so the log and the data never disagree.
 */
import { hubBindingKey } from './hubBindingKey';
import Dexie from 'dexie';
import type { Rules } from '../domain/rules/load';
import { emptyAnswer, type Activity, type Answer, type AnswerStatus, type Stage, type Workspace } from '../domain/model';
import { FrozenError, isFrozen } from '../domain/revision';
import type { KlaDb } from './schema';

export const newId = (): string => globalThis.crypto.randomUUID();

/**
 * Refuse a change to a workspace whose revision window has closed (call inside the write
 * transaction, with db.workspaces in its scope).
 */
export async function assertEditable(db: KlaDb, workspaceId: string, now = Date.now(), opts: { fromHub?: boolean } = {}): Promise<void> {
  const ws = await db.workspaces.get(workspaceId);
  // work still running for a workspace deleted meanwhile (an intake batch) writes nothing into it
  if (ws?.deletedAt != null) throw new Error(`workspace ${workspaceId} was deleted`);
  // a change the hub already holds is taken even after this device's deadline (as answers are),
  // or the devices would differ for good and the sync round would stop on it every time
  if (ws && !opts.fromHub && isFrozen(ws, now)) throw new FrozenError(ws.revision!.deadline);
}

/** Raised when an agency's copy is asked to link a question not assigned to that agency. */
export class NotAssignedError extends Error {
  constructor(
    readonly code: string,
    readonly agency: string,
  ) {
    super(`question ${code} is not assigned to ${agency}`);
    this.name = 'NotAssignedError';
  }
}

/** In an agency's copy, only the questions assigned to it take links (the city would refuse the response). */
export async function assertLinkable(db: KlaDb, workspaceId: string, code: string): Promise<void> {
  const ws = await db.workspaces.get(workspaceId);
  const codes = ws?.role === 'agency' ? ws.agency?.codes : undefined;
  if (codes && !codes.includes(code)) throw new NotAssignedError(code, ws!.agency!.name);
}

export interface NewWorkspace {
  city: string;
  province: string;
  rules: Rules;
  rulesText: string;
  now?: number;
}

export async function createWorkspace(db: KlaDb, input: NewWorkspace): Promise<Workspace> {
  const now = input.now ?? Date.now();
  const ws: Workspace = {
    id: newId(),
    city: input.city.trim(),
    province: input.province.trim(),
    year: input.rules.year,
    rulesId: input.rules.id,
    rulesHash: input.rules.hash,
    stage: 'penilaian-mandiri',
    createdAt: now,
    updatedAt: now,
    revisionHours: 48,
  };
  await db.transaction('rw', db.workspaces, db.activity, db.rules, async () => {
    if (!(await db.rules.get(input.rules.hash))) {
      await db.rules.put({ hash: input.rules.hash, id: input.rules.id, year: input.rules.year, text: input.rulesText, addedAt: now });
    }
    await db.workspaces.add(ws);
    await db.activity.add({ workspaceId: ws.id, at: now, kind: 'workspace-created', detail: { city: ws.city, rules: ws.rulesId } });
  });
  return ws;
}

export async function deleteWorkspace(db: KlaDb, id: string, opts: { onlyIfDeleted?: boolean } = {}): Promise<boolean> {
  const perWorkspace = [db.answers, db.assignments, db.activity, db.documents, db.texts, db.links, db.flagDismissals, db.reviews, db.revisionItems, db.classifications, db.blooms, db.searchPending, db.intakeQueue, db.trash];
  return db.transaction('rw', [db.workspaces, db.blobs, db.segments, db.settings, ...perWorkspace], async (tx) => {
    // a purge checks again here: an Urungkan in another tab may have come first
    if (opts.onlyIfDeleted && (await db.workspaces.get(id))?.deletedAt == null) return false;
    (tx as unknown as { purgeWorkspace: string }).purgeWorkspace = id;
    const docIds = await db.documents.where('workspaceId').equals(id).primaryKeys();
    await db.blobs.bulkDelete(docIds.flatMap((d) => [d, `${d}#thumb`]));
    for (const t of perWorkspace) await t.where('workspaceId').equals(id).delete();
    await db.segments.where('workspaceId').equals(id).delete();
    // settings that name the workspace: the last import and review baseline (they hold the
    // city's fingerprint and notes), notification marks, its entry in the backup dates and in
    // the hidden first steps
    const keys = (await db.settings.toCollection().primaryKeys()) as string[];
    await db.settings.bulkDelete(keys.filter((k) => k.endsWith(`.${id}`) || k.includes(`:${id}:`) || k === hubBindingKey(id)));
    for (const key of ['lastBackup', 'firstStepsHidden']) {
      const byWorkspace = (await db.settings.get(key))?.value as Record<string, unknown> | undefined;
      if (byWorkspace && id in byWorkspace) {
        const { [id]: _gone, ...rest } = byWorkspace;
        await db.settings.put({ key, value: rest });
      }
    }
    await db.workspaces.delete(id);
    return true;
  });
}

export type AnswerPatch = Partial<Pick<Answer, 'points' | 'status' | 'notes' | 'dataValues'>>;

/**
 * Change an answer. Points are checked against the question's maximum; status moves from
 * "not started" to "in progress" on the first change unless given.
 */
export async function updateAnswer(db: KlaDb, rules: Rules, workspaceId: string, code: string, patch: AnswerPatch, now = Date.now()): Promise<Answer> {
  const q = rules.questionByCode.get(code);
  if (!q) throw new Error(`unknown question ${code}`);
  if (patch.points != null && (!Number.isFinite(patch.points) || patch.points < 0 || patch.points > q.maxPoints)) {
    throw new RangeError(`${code}: points must be between 0 and ${q.maxPoints}`);
  }
  return db.transaction('rw', db.answers, db.activity, db.workspaces, async () => {
    await assertEditable(db, workspaceId, now);
    const before = (await db.answers.get([workspaceId, code])) ?? emptyAnswer(workspaceId, code);
    const after: Answer = { ...before, ...patch, updatedAt: now };
    if (!patch.status && before.status === 'not-started') after.status = 'in-progress';
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of ['points', 'status', 'notes', 'dataValues'] as const) {
      if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) changes[k] = { from: before[k], to: after[k] };
    }
    if (Object.keys(changes).length === 0) return before;
    await db.answers.put(after);
    await db.activity.add({ workspaceId, at: now, kind: 'answer-changed', code, detail: changes });
    await db.workspaces.update(workspaceId, { updatedAt: now });
    return after;
  });
}

export async function setAssignment(db: KlaDb, workspaceId: string, code: string, agencies: string[], now = Date.now()): Promise<void> {
  await db.transaction('rw', db.assignments, db.activity, db.workspaces, async () => {
    await assertEditable(db, workspaceId, now);
    // only the city assigns: an agency's copy sends none back, and its next pack would undo the change
    if ((await db.workspaces.get(workspaceId))?.role === 'agency') throw new Error(`an agency's copy does not assign questions (${code}): the city does`);
    const before = await db.assignments.get([workspaceId, code]);
    await db.assignments.put({ workspaceId, code, agencies, updatedAt: now });
    await db.activity.add({ workspaceId, at: now, kind: 'assignment-changed', code, detail: { from: before?.agencies ?? null, to: agencies } });
  });
}

export async function setStage(db: KlaDb, workspaceId: string, stage: Stage, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.workspaces, db.activity, async () => {
    const ws = await db.workspaces.get(workspaceId);
    if (!ws) throw new Error('workspace not found');
    if (ws.stage === stage) return;
    await db.workspaces.update(workspaceId, { stage, updatedAt: now });
    await db.activity.add({ workspaceId, at: now, kind: 'stage-changed', detail: { from: ws.stage, to: stage } });
  });
}

/**
 * The workspaces not deleted, the last changed first, each with `changedAt`: its last change of
 * any kind (an answer, a document, a link, an import, an assignment...), read from the activity
 * log, since `updatedAt` moves with answers and stages only. An export changes nothing and does
 * not count. Officers compare it with a backup's date to know which copy is newer.
 */
export async function listWorkspaces(db: KlaDb): Promise<(Workspace & { changedAt: number })[]> {
  const live = (await db.workspaces.toArray()).filter((w) => w.deletedAt == null);
  const withTimes = await Promise.all(live.map(async (w) => ({ ...w, changedAt: Math.max(w.updatedAt, (await lastChange(db, w.id)) ?? 0) })));
  return withTimes.sort((a, b) => b.changedAt - a.changedAt);
}

const lastChange = async (db: KlaDb, workspaceId: string): Promise<number | undefined> =>
  (
    await db.activity
      .where('[workspaceId+at]')
      .between([workspaceId, Dexie.minKey], [workspaceId, Dexie.maxKey])
      .reverse()
      .filter((a) => a.kind !== 'export')
      .first()
  )?.at;

/**
 * Deleting a workspace from the list hides it at once and can be undone (undeleteWorkspace)
 * while the toast offers it; its rows go when the toast does (purgeDeletedWorkspaces), or at
 * the next start of the app if the tab was closed first.
 */
export async function markWorkspaceDeleted(db: KlaDb, id: string, now = Date.now()): Promise<void> {
  await db.workspaces.update(id, { deletedAt: now });
}

export async function undeleteWorkspace(db: KlaDb, id: string): Promise<boolean> {
  return (await db.workspaces.update(id, { deletedAt: undefined })) > 0;
}

/** Delete for good the workspaces deleted at least `olderThan` ms ago (or only `id`, if deleted); how many went. */
export async function purgeDeletedWorkspaces(db: KlaDb, opts: { olderThan?: number; id?: string } = {}, now = Date.now()): Promise<number> {
  const rows = opts.id ? [await db.workspaces.get(opts.id)] : await db.workspaces.toArray();
  const gone = rows.filter((w): w is Workspace => w?.deletedAt != null && now - w.deletedAt >= (opts.olderThan ?? 0));
  let n = 0;
  for (const w of gone) if (await deleteWorkspace(db, w.id, { onlyIfDeleted: true })) n++;
  return n;
}

export const getAnswers = (db: KlaDb, workspaceId: string): Promise<Answer[]> => db.answers.where('workspaceId').equals(workspaceId).toArray();

export const getAssignments = (db: KlaDb, workspaceId: string) => db.assignments.where('workspaceId').equals(workspaceId).toArray();

export const getActivity = (db: KlaDb, workspaceId: string, limit = 200): Promise<Activity[]> =>
  db.activity.where('[workspaceId+at]').between([workspaceId, Dexie.minKey], [workspaceId, Dexie.maxKey]).reverse().limit(limit).toArray();

export const getQuestionActivity = (db: KlaDb, workspaceId: string, code: string): Promise<Activity[]> =>
  db.activity.where('code').equals(code).filter((a) => a.workspaceId === workspaceId).reverse().sortBy('at');

/** Awarded points per question code (answers with points only). */
export function pointsMap(answers: Answer[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of answers) if (a.points != null) m.set(a.code, a.points);
  return m;
}

/** Agencies owing each question: the workspace's assignment or the rules' default. */
export function agenciesFor(rules: Rules, assignments: Map<string, string[]>, code: string): string[] {
  return assignments.get(code) ?? rules.questionByCode.get(code)?.agencies ?? [];
}

export const STATUS_ORDER: AnswerStatus[] = ['not-started', 'in-progress', 'ready'];
