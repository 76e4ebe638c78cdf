/**
 * The open workspace, its rules, answers, assignments and live score, for every screen.
 * Live queries (dexie-react-hooks) re-run when any tab writes, so two open tabs agree.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useEffect, useMemo, type ReactNode, useState } from 'react';
import { setIntakeRules } from './intakeRules';
import { getDb } from '../db/client';
import { unreadIds } from '../db/classifyStored';
import type { Answer, Workspace } from '../domain/model';
import type { Rules } from '../domain/rules/load';
import type { Agency } from '../domain/rules/schema';
import { cityAgencies } from '../domain/progress';
import { scoreAnswers, type ScoreResult } from '../domain/scoring';
import { pointsMap } from '../db/queries';
import { uncheckedQuestions } from '../domain/evidence/checked';
import { useRecoveredDrafts } from './noteDrafts';
import { usePendingIndex } from './pendingIndex';

export interface WorkspaceCtx {
  ws: Workspace;
  rules: Rules;
  answers: Map<string, Answer>;
  assignments: Map<string, string[]>;
  score: ScoreResult;
  /** Number of evidence documents linked to each question. */
  evidenceCount: Map<string, number>;
  /** The questions whose every link came from the app's suggestions, not checked since (EvidenceLink.suggested). */
  unchecked: Set<string>;
  /** The questions each document is linked to (a flag card says where else its document is). */
  codesByDocument: Map<string, string[]>;
  /** The rules' agencies as the city names them (its office by the name set in Pengaturan): what screens show. */
  agencies: readonly Agency[];
  /** An agency's name as the city says it; the id itself when the rules do not know it. */
  agencyName: (id: string) => string;
}

const Ctx = createContext<WorkspaceCtx | null>(null);


export function useWorkspace(): WorkspaceCtx {
  const v = useContext(Ctx);
  if (!v) throw new Error('useWorkspace outside WorkspaceProvider');
  return v;
}

export function useWorkspaceRecord(id: string | null) {
  // a deleted workspace (Urungkan still offered) is as good as gone
  return useLiveQuery(
    async () => {
      const w = id ? await getDb().workspaces.get(id) : undefined;
      return w && w.deletedAt == null ? w : null;
    },
    [id],
    undefined,
  );
}

export function WorkspaceProvider({ ws, rules, children }: { ws: Workspace; rules: Rules; children: ReactNode }) {
  const db = getDb();
  const answerList = useLiveQuery(() => db.answers.where('workspaceId').equals(ws.id).toArray(), [ws.id]);
  const assignmentList = useLiveQuery(() => db.assignments.where('workspaceId').equals(ws.id).toArray(), [ws.id]);
  const links = useLiveQuery(() => db.links.where('workspaceId').equals(ws.id).toArray(), [ws.id]);

  // documents waiting for the search index (new, imported, or from before db v3): the search
  // worker indexes them in the background; it is started only when there is work, and from
  // then on it watches the queue itself (this page stops counting)
  const [indexing, setIndexing] = useState(false);
  const pendingIndex = usePendingIndex(ws.id, !indexing);
  useEffect(() => {
    if (pendingIndex > 0) {
      // the search client loads with the first work for it (not at start: the start-up budget); a
      // failed load (a chunk missing after an update) leaves the queue watched, so the next
      // document tries again
      void import('./search').then(
        (m) => {
          m.searchWorker();
          // imported documents are read for where they belong once indexed (workers/reading.worker.ts)
          m.readingWorker();
          setIndexing(true);
        },
        (e) => console.warn('search: the search code did not load', e),
      );
    }
  }, [pendingIndex]);
  // documents without a reading of where they belong (imported: db/classifyStored.ts): the reading
  // worker reads them, started a moment after the workspace opens when a read document has none
  useEffect(() => {
    const t = setTimeout(() => {
      void unreadIds(db).then(async (ids) => {
        if (ids.length > 0) (await import('./search')).readingWorker();
      });
    }, 5000);
    return () => clearTimeout(t);
  }, [db, ws.id]);

  // reader workers classify what they read with this workspace's rules
  useEffect(() => {
    void db.rules.get(ws.rulesHash).then((r) => r && setIntakeRules(r.text, r.hash));
  }, [db, ws.rulesHash]);

  useRecoveredDrafts(ws, rules, answerList);

  const linkCodes = useMemo(() => links?.map((l) => l.code), [links]);
  const unchecked = useMemo(() => uncheckedQuestions(links ?? []), [links]);
  const codesByDocument = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const l of links ?? []) m.set(l.documentId, [...(m.get(l.documentId) ?? []), l.code]);
    return m;
  }, [links]);
  const agencies = useMemo(() => cityAgencies(rules.agencies, ws.office), [rules, ws.office]);
  const agencyName = useMemo(() => {
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    return (id: string) => names.get(id) ?? id;
  }, [agencies]);
  const value = useMemo<WorkspaceCtx | null>(() => {
    if (!answerList || !assignmentList || !linkCodes) return null;
    const evidenceCount = new Map<string, number>();
    for (const c of linkCodes) evidenceCount.set(c, (evidenceCount.get(c) ?? 0) + 1);
    return {
      ws,
      rules,
      answers: new Map(answerList.map((a) => [a.code, a])),
      assignments: new Map(assignmentList.map((a) => [a.code, a.agencies])),
      score: scoreAnswers(rules, pointsMap(answerList)),
      evidenceCount,
      unchecked,
      codesByDocument,
      agencies,
      agencyName,
    };
  }, [ws, rules, answerList, assignmentList, linkCodes, unchecked, codesByDocument, agencies, agencyName]);
  if (!value) return null;
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
