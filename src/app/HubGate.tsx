import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense } from 'react';
import { getDb } from '../db/client';
import { hubBindingKey } from '../db/hubBindingKey';
import { useFmt } from '../shared/useFmt';

/**
 * Where the hub status could not load (a tab left open across an update asks for a chunk the new
 * service worker no longer holds): say so in the top bar instead of failing every screen.
 */
function HubUnloaded() {
  const { t } = useFmt();
  return (
    <button type="button" className="tag hub-status" data-testid="hub-status" data-state="unloaded" onClick={() => location.reload()}>
      {t('hub.status.unloaded')}
    </button>
  );
}

/** The sync engine (hub client, sync rounds, the reader for uploads) loads with this, for a connected workspace only. */
const HubStatus = lazy(() =>
  import('./HubStatus').then(
    (m) => ({ default: m.HubStatus }),
    () => ({ default: HubUnloaded }),
  ),
);

/**
 * The top bar's hub state, for a workspace connected to a hub. Most workspaces never are: for
 * them only the binding's key is read, and the sync engine never loads (start-up JS, issue 2).
 */
export function HubGate({ wsId }: { wsId: string | null }) {
  const bound = useLiveQuery(async () => (wsId ? (await getDb().settings.get(hubBindingKey(wsId))) !== undefined : false), [wsId]);
  if (!wsId || !bound) return null;
  return (
    <Suspense fallback={null}>
      <HubStatus wsId={wsId} />
    </Suspense>
  );
}
