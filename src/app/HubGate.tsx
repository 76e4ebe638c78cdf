import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense } from 'react';
import { getDb } from '../db/client';
import { hubBindingKey } from '../db/hubBindingKey';

/** The sync engine (hub client, sync rounds, the reader for uploads) loads with this, for a connected workspace only. */
const HubStatus = lazy(() => import('./HubStatus').then((m) => ({ default: m.HubStatus })));

/**
 * The top bar's hub state, for a workspace connected to a hub. Most workspaces never are: for
 * them only the binding's key is read, and the sync engine never loads (start-up JS, issue 2).
 */
export function HubGate({ wsId }: { wsId: string | null }) {
  const bound = useLiveQuery(async () => (wsId ? (await getDb().settings.where('key').equals(hubBindingKey(wsId)).count()) > 0 : false), [wsId]);
  if (!wsId || !bound) return null;
  return (
    <Suspense fallback={null}>
      <HubStatus wsId={wsId} />
    </Suspense>
  );
}
