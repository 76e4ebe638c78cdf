/**
 * Misfile flags for the open workspace (issue 4), computed once for every screen that shows them
 * (flagsSource.ts). The classifier model is compiled lazily, once per rules file, when idle after
 * a city workspace opens (the menu counts its flags) or a screen shows suggestions (it is not part
 * of the start-up bundle).
 */
import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { getDb } from '../db/client';
import { assertEditable } from '../db/queries';
import type { FlagsView, MisfileFlag } from '../domain/flags';
import type { Rules } from '../domain/rules/load';
import { loadClassifier } from './classifier';
import { flagsSource } from './flagsSource';
import { useWorkspace } from './workspace';

export { forgetClassification } from './flagsSource';
export type { FlagsView };

/** The compiled model (~100-200 ms on the main thread, when idle); `enabled: false` puts it off. */
export function useClassifier(rules: Rules, enabled = true) {
  return useQuery({ enabled, queryKey: ['classifier', rules.hash], queryFn: () => loadClassifier(rules), staleTime: Infinity, gcTime: Infinity });
}

/** The open workspace's flags (null until first computed): one computation for every screen. */
export function useFlags(): FlagsView | null {
  const { ws, rules } = useWorkspace();
  const source = flagsSource(ws.id, rules);
  return useSyncExternalStore(source.subscribe, source.get);
}

/** Where the open workspace's flags were last computed: the search worker, or the page when it cannot. */
export function useFlagsComputedIn(): 'worker' | 'page' | null {
  const { ws, rules } = useWorkspace();
  const source = flagsSource(ws.id, rules);
  useSyncExternalStore(source.subscribe, source.get); // read again with every new value
  return source.computedIn;
}

/**
 * What a misfile mark says: "Salah klaster?", or "Salah indikator?" when the document seems to
 * belong to another indicator of its question's own cluster. Over several open flags (a row of
 * the evidence list), the wrong cluster wins. The flag card and the row mark both say this.
 */
export function misfileWording(rules: Rules, open: MisfileFlag[]): 'flags.misfiled' | 'flags.misfiledIndicator' | null {
  if (!open.length) return null;
  const sameCluster = (f: MisfileFlag) => rules.indicatorByCode.get(f.filedIndicator)?.group === f.suggested.group;
  return open.every(sameCluster) ? 'flags.misfiledIndicator' : 'flags.misfiled';
}

/** Dismiss a flag with the officer's reason; it stays dismissed (stored), and the act is logged. */
export async function dismissFlag(workspaceId: string, documentId: string, code: string, reason: string, now = Date.now()): Promise<void> {
  const db = getDb();
  const { dismissalId } = await import('../domain/flags');
  await db.transaction('rw', db.flagDismissals, db.activity, db.workspaces, async () => {
    await assertEditable(db, workspaceId, now);
    await db.flagDismissals.put({ id: dismissalId(workspaceId, documentId, code), workspaceId, documentId, code, reason, at: now });
    await db.activity.add({ workspaceId, at: now, kind: 'flag-dismissed', code, detail: { documentId, reason } });
  });
}

/** Urungkan for a dismissal: the flag is open again (logged). */
export async function undismissFlag(workspaceId: string, documentId: string, code: string, now = Date.now()): Promise<void> {
  const db = getDb();
  const { dismissalId } = await import('../domain/flags');
  await db.transaction('rw', db.flagDismissals, db.activity, db.workspaces, async () => {
    await assertEditable(db, workspaceId, now);
    await db.flagDismissals.delete(dismissalId(workspaceId, documentId, code));
    await db.activity.add({ workspaceId, at: now, kind: 'flag-dismissed', code, detail: { documentId, undo: true } });
  });
}
