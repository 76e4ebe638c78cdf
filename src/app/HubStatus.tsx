import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { getDb } from '../db/client';
import { pendingCount } from '../db/hubSync';
import { changed, followWorkspace, syncNow, useHubSync } from '../shared/hubRunner';
import { useFmt } from '../shared/useFmt';

/**
 * The top bar's hub state (tersinkron / menunggu N perubahan / luring). It follows the open
 * workspace, and a change waiting for the hub starts a round shortly. Shown only when the
 * workspace is connected to a hub; it never blocks anything.
 */
export function HubStatus({ wsId }: { wsId: string }) {
  const { t } = useFmt();
  const { status, error } = useHubSync();
  const pending = useLiveQuery(() => pendingCount(getDb(), wsId), [wsId]) ?? 0;
  useEffect(() => {
    followWorkspace(wsId);
    return () => followWorkspace(null); // disconnected, or another workspace opened
  }, [wsId]);
  useEffect(() => {
    if (pending > 0) changed();
  }, [pending]);
  if (status === 'off') return null;
  const shown = status === 'synced' && pending > 0 ? 'pending' : status;
  return (
    <button type="button" className="tag hub-status" data-testid="hub-status" data-state={shown} onClick={() => void syncNow()} title={t('hub.syncNow')}>
      {t(`hub.status.${shown}`, { n: pending, error: error ?? '' })}
    </button>
  );
}
