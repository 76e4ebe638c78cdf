/**
 * Joining a city hub with no file first (issue 12): an agency user, or the officer on a new
 * laptop, types the invitation code on the workspace list; the app makes the local workspace the
 * account works in and binds it, and the first sync round brings the rest (the questions'
 * answers and documents the account may read).
 */
import type { Rules } from '../domain/rules/load';
import { bindWorkspace } from './hubSync';
import { createWorkspace } from './queries';
import type { KlaDb } from './schema';

export interface HubAccount {
  user: { id: string; displayName: string; role: 'admin' | 'agency' | 'evaluator' | 'province'; agencyId: string | null };
  /** `office`: the city's name for its office ('' when unset; an older hub sends none). */
  workspace: { id: string; name: string; office?: string } | null;
  /** For an agency: the questions assigned to it on the hub. */
  assignments: { questionCode: string; agencyId: string }[];
}

/** The local workspace for a hub account: an agency's copy, an evaluator's, or the city's. Returns its id. */
export async function workspaceForHub(db: KlaDb, acct: HubAccount, rules: Rules, rulesText: string, province = '', now = Date.now()): Promise<string> {
  const { user } = acct;
  if (user.role === 'province') throw new Error('a province account has no city workspace to work in');
  const ws = await createWorkspace(db, { city: acct.workspace?.name ?? '', province, rules, rulesText, now });
  // the office as the city names it, from the first screen on (the feed keeps it up to date)
  if (acct.workspace?.office) await db.workspaces.update(ws.id, { office: acct.workspace.office });
  // an evaluator's copy: read-only for the city's answers, its own reviews sent through the hub
  if (user.role === 'evaluator') await db.workspaces.update(ws.id, { role: 'evaluator' });
  if (user.role === 'agency') {
    const agency = rules.agencies.find((a) => a.id === user.agencyId);
    const codes = [...new Set(acct.assignments.filter((a) => a.agencyId === user.agencyId).map((a) => a.questionCode))].sort();
    await db.transaction('rw', db.workspaces, db.assignments, async () => {
      await db.workspaces.update(ws.id, { role: 'agency', agency: { id: user.agencyId!, name: agency?.name ?? user.agencyId!, codes } });
      await db.assignments.bulkPut(codes.map((code) => ({ workspaceId: ws.id, code, agencies: [user.agencyId!], updatedAt: now })));
    });
  }
  await bindWorkspace(db, ws.id, { userId: user.id, displayName: user.displayName, role: user.role });
  return ws.id;
}
