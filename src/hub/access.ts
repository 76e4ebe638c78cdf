/**
 * Who may do what on the hub. Pure functions, so every route asks the same question the same way
 * and the rules are tested without a server. Every request is checked here, on the server:
 * what the app hides is never the protection.
 *
 *   admin      the DP3AKB officer: everything in the city's workspace
 *   agency     an OPD user: reads and writes only its agency's questions, reads only the
 *              evidence its agency uploaded
 *   evaluator  reads everything in the workspace, writes reviews only
 *   province   reads every workspace of its province (scores, not evidence)
 */
export type Role = 'admin' | 'agency' | 'evaluator' | 'province';

export interface HubUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  workspaceId: string | null;
  agencyId: string | null;
  province: string | null;
}

export interface DocRef {
  workspaceId: string;
  agencyId: string | null;
}

export const inWorkspace = (u: HubUser, workspaceId: string) => u.workspaceId === workspaceId;

/** Answers, notes, status, data values and links of one question. */
export function canWriteQuestion(u: HubUser, workspaceId: string, agenciesOfQuestion: readonly string[]): boolean {
  if (!inWorkspace(u, workspaceId)) return false;
  if (u.role === 'admin') return true;
  return u.role === 'agency' && u.agencyId !== null && agenciesOfQuestion.includes(u.agencyId);
}

/** Points are the officer's alone (agencies never see them, evaluators review in their own files). */
export const canWriteField = (u: HubUser, field: string) => field !== 'points' || u.role === 'admin';

export function canReadQuestion(u: HubUser, workspaceId: string, agenciesOfQuestion: readonly string[]): boolean {
  if (!inWorkspace(u, workspaceId)) return false;
  if (u.role === 'admin' || u.role === 'evaluator') return true;
  return canWriteQuestion(u, workspaceId, agenciesOfQuestion);
}

export function canReadDocument(u: HubUser, doc: DocRef): boolean {
  if (!inWorkspace(u, doc.workspaceId)) return false;
  if (u.role === 'admin' || u.role === 'evaluator') return true;
  return u.role === 'agency' && doc.agencyId !== null && doc.agencyId === u.agencyId;
}

/** Delete or restore a document: the officer any, an agency the documents its agency uploaded. */
export function canRemoveDocument(u: HubUser, doc: DocRef): boolean {
  if (!inWorkspace(u, doc.workspaceId)) return false;
  return u.role === 'admin' || (u.role === 'agency' && doc.agencyId !== null && doc.agencyId === u.agencyId);
}

/** Reviews and their sending: an evaluator of this workspace, and no one else (the officer
 *  answers notes, she does not write them). */
export const canReview = (u: HubUser, workspaceId: string) => inWorkspace(u, workspaceId) && u.role === 'evaluator';

export const canUpload = (u: HubUser) => u.workspaceId !== null && (u.role === 'admin' || u.role === 'agency');
export const canInvite = (u: HubUser) => u.role === 'admin' && u.workspaceId !== null;
