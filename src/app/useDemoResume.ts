import { useEffect } from 'react';
import { getDb } from '../db/client';
import type { Workspace } from '../domain/model';
import { demoPending } from '../shared/demoPending';
import { heldBatches } from '../shared/intakeStore';
import type { Rules } from '../domain/rules/load';

/** Workspaces whose demo documents this tab has looked at (once a tab is enough). */
const looked = new Set<string>();

/**
 * A demo workspace whose documents were still being added when its tab closed: the ones never
 * stored are made and added again (features/workspace/api.ts resumeDemoEvidence), and nobody is
 * asked to pick files they never had (the sixth walk).
 */
export function useDemoResume(ws: Workspace | null | undefined, rules: Rules | undefined): void {
  useEffect(() => {
    if (!ws || !rules || ws.role === 'evaluator' || looked.has(ws.id)) return;
    const resume = async () => {
      // the intake queue's code (it stores documents) loads here, not at start
      const { unfinishedBatches } = await import('../db/intakeQueue');
      const open = (await unfinishedBatches(getDb(), ws.id, await heldBatches())).flatMap((b) => b.records).filter((r) => r.demo);
      const all = demoPending(ws.id);
      if (!open.length && !all) return;
      const { resumeDemoEvidence } = await import('../features/workspace/api');
      await resumeDemoEvidence(ws, rules, open, all);
    };
    // a moment after the start (not on its path), one tab at a time (two tabs restored together
    // would each add the missing documents)
    const t = setTimeout(() => {
      // marked when it runs: a re-render before then (the record changes often) clears and sets the timer again
      looked.add(ws.id);
      const locks = globalThis.navigator?.locks;
      const run = locks ? locks.request(`siap-kla.demo:${ws.id}`, { ifAvailable: true }, (lock) => (lock ? resume() : undefined)) : resume();
      void Promise.resolve(run).catch((e) => console.warn('demo documents: could not add the rest', e));
    }, 3000);
    return () => clearTimeout(t);
  }, [ws, rules]);
}
