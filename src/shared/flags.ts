/**
 * Misfile flags for the open workspace (issue 4). The classifier model is compiled lazily, once
 * per rules file, only by screens that show flags (it is not part of the start-up bundle).
 */
import { useQuery } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getDb } from '../db/client';
import { assertEditable } from '../db/queries';
import type { ElsewhereHint, MisfileFlag } from '../domain/flags';
import type { Rules } from '../domain/rules/load';
import { useWorkspace } from './workspace';
import { classificationsOf } from './classifications';

export { forgetClassification } from './classifications';

export interface FlagsView {
  all: MisfileFlag[];
  open: MisfileFlag[];
  byCode: Map<string, MisfileFlag[]>;
  byDocument: Map<string, MisfileFlag[]>;
  elsewhere: Map<string, ElsewhereHint[]>;
  /** Open flags per question code (for counts). */
  openCount: Map<string, number>;
}

/** Resolves when the browser is idle (at most 500 ms later), or at once where there is no such call (tests, node). */
const idle = () => new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 500 }) : resolve()));

/** The compiled model (~100-200 ms on the main thread); `enabled: false` puts it off. */
export function useClassifier(rules: Rules, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['classifier', rules.hash],
    queryFn: async () => {
      const [{ compileModel }, flags] = await Promise.all([import('../domain/classifier/model'), import('../domain/flags')]);
      // the flags can wait for the screen: compile when the page is idle, after its first rows are drawn and wired
      await idle();
      try {
        return { model: compileModel(rules), computeFlags: flags.computeFlags };
      } catch {
        return null; // rules without classifier knowledge: no flags
      }
    },
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useFlags(): FlagsView | null {
  const { ws, rules } = useWorkspace();
  const db = getDb();
  const classifier = useClassifier(rules);
  const links = useLiveQuery(() => db.links.where('workspaceId').equals(ws.id).toArray(), [ws.id]);
  // only linked documents can be misfiled or point elsewhere: read their classifications alone,
  // each once (a link change then reads the newly linked document, not all of them again)
  const linkedIds = useMemo(() => [...new Set(links?.map((l) => l.documentId))].sort(), [links]);
  const docs = useLiveQuery(() => classificationsOf(linkedIds), [linkedIds.join(',')]);
  const dismissals = useLiveQuery(() => db.flagDismissals.where('workspaceId').equals(ws.id).toArray(), [ws.id]);
  return useMemo(() => {
    const c = classifier.data;
    if (!c || !docs || !links || !dismissals) return null;
    const { flags: all, elsewhere } = c.computeFlags(c.model, rules, docs, links, dismissals);
    const open = all.filter((f) => !f.dismissed);
    const group = <T,>(xs: T[], key: (x: T) => string) => {
      const m = new Map<string, T[]>();
      for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
      return m;
    };
    const openCount = new Map<string, number>();
    for (const f of open) openCount.set(f.code, (openCount.get(f.code) ?? 0) + 1);
    return { all, open, byCode: group(all, (f) => f.code), byDocument: group(all, (f) => f.documentId), elsewhere: group(elsewhere, (h) => h.code), openCount };
  }, [classifier.data, docs, links, dismissals, rules]);
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
