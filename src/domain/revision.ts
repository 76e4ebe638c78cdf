/**
 * The revision window as a rule: when is a city's workspace frozen (read-only)? After the 2 x 24
 * hours that follow the evaluator's notes, until the officer moves the workspace on. Pure: the
 * database layer and the screens both ask it, with the clock's `now`.
 */
import { deadlineFrom } from './countdown';
import type { Workspace } from './model';

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
