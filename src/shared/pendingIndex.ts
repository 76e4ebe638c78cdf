import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/client';

/* Apart from search.ts so that the workspace's shell counts the queue without loading the search
   client and its worker glue (the start-up budget, docs/benchmarks.md). */

/** Documents stored but not in the index yet (search may miss them for a few seconds). */
export function usePendingIndex(workspaceId: string, active = true): number {
  // inactive, the query touches no table, so the thousands of writes of an intake batch do not
  // wake it (each wake is a transaction on the page's main thread)
  return useLiveQuery(() => (active ? getDb().searchPending.where('workspaceId').equals(workspaceId).count() : 0), [workspaceId, active]) ?? 0;
}
