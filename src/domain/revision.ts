/**
 * The revision window as a rule: when is a city's workspace frozen (read-only)? After the 2 x 24
 * hours that follow the evaluator's notes, until the officer moves the workspace on. Pure: the
 * database layer and the screens both ask it, with the clock's `now`.
 */
import { deadlineFrom } from './countdown';
import type { Activity, Workspace } from './model';

export function isFrozen(ws: Pick<Workspace, 'stage' | 'revision' | 'role'>, now: number): boolean {
  if (ws.role === 'evaluator') return false;
  return !!ws.revision && ws.stage === 'revisi' && now >= ws.revision.deadline;
}

export function startRevision(ws: Workspace, notesAt: number, now: number): Workspace['revision'] {
  return { notesAt, deadline: deadlineFrom(notesAt, ws.revisionHours), hours: ws.revisionHours, startedAt: now };
}

export class FrozenError extends Error {
  constructor(public deadline: number) {
    super('the revision window has closed: the workspace is read-only');
    this.name = 'FrozenError';
  }
}

/**
 * What was done on a question (among `activity`, the entries since the notes): its own entries,
 * and evidence moved out of it. A move is logged under the question it went to, so the noted
 * question once read "no change yet" after its misfiled document was moved away.
 */
export function changesOn(activity: Activity[], code: string): Activity[] {
  return activity.filter((a) => {
    if (a.kind === 'import' || a.kind === 'revision-item-changed') return false;
    return a.code === code || (a.kind === 'evidence-moved' && (a.detail as { from?: unknown } | undefined)?.from === code);
  });
}
