/**
 * The search worker's part in the misfile flags: one FlagsEngine per workspace and rules file
 * the tab shows flags of (db/flagsEngine.ts), dropped when the tab stops showing them.
 */
import { FlagsEngine, type FlagsInput, type FlagsOutput } from '../db/flagsEngine';
import type { KlaDb } from '../db/schema';
import type { Model } from '../domain/classifier/model';
import type { Rules } from '../domain/rules/load';

export type Compiled = { rules: Rules; model: Model } | null;

export function flagsWork(db: () => KlaDb, compiled: (rulesHash: string) => Promise<Compiled>) {
  const engines = new Map<string, FlagsEngine>();
  const keyOf = (workspaceId: string, rulesHash: string) => `${workspaceId}|${rulesHash}`;
  return {
    /** The flags of these links; null when this browser does not hold the rules file (the page works them out). */
    async flags(workspaceId: string, rulesHash: string, input: FlagsInput): Promise<FlagsOutput | null> {
      const c = await compiled(rulesHash);
      if (!c) return null;
      const key = keyOf(workspaceId, rulesHash);
      let engine = engines.get(key);
      if (engine?.model !== c.model) engines.set(key, (engine = new FlagsEngine(workspaceId, c.rules, c.model, db)));
      return engine.compute(input);
    },
    /** Nobody in the tab shows this workspace's flags: what was kept for them goes. */
    flagsEnd(workspaceId: string, rulesHash: string): void {
      engines.delete(keyOf(workspaceId, rulesHash));
    },
    /** The engines kept (tests). */
    engines: () => [...engines.values()],
  };
}
