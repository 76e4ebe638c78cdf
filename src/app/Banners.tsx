import { useEffect, useState, useSyncExternalStore } from 'react';
import { getDbHealth, lastForcedClose, onDbHealth, onForcedClose, type DbHealth } from '../db/client';
import { useFmt } from '../shared/useFmt';

export function useDbHealth(): DbHealth {
  const [h, setH] = useState(getDbHealth());
  useEffect(() => onDbHealth(setH), []);
  return h;
}

/** Shown when another tab runs a newer schema, or the database cannot open: never write on. */
export function DbHealthBanner({ health }: { health: DbHealth }) {
  const { t } = useFmt();
  if (health.state === 'ok') return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="db-banner">
      {health.state === 'newer-version' ? t('errors.newerVersion') : t('errors.dbOpen', { reason: health.reason })}{' '}
      <button type="button" onClick={() => location.reload()}>
        {t('errors.reload')}
      </button>
    </div>
  );
}

/**
 * The browser closed the database under the app and Dexie opened it again (db/client.ts): said
 * once, with when, until dismissed; the screens go on working.
 */
let dismissedAt = 0;

export function StorageClosedNotice() {
  const { t, dt } = useFmt();
  const [at, setAt] = useState(lastForcedClose);
  useEffect(() => onForcedClose(setAt), []);
  // dismissed, it stays away for this close (another workspace or screen mounts it again)
  if (!at || at <= dismissedAt) return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="storage-closed">
      {t('errors.storageClosed', { when: dt(at, false) })}{' '}
      <button type="button" onClick={() => ((dismissedAt = at), setAt(0))}>
        {t('common.close')}
      </button>
    </div>
  );
}

const subscribeOnline = (cb: () => void) => {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
};

export function OfflineBadge() {
  const { t } = useFmt();
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  if (online) return null;
  return (
    <span className="offline-badge" data-testid="offline">
      ⚡ {t('offline.offline')}
    </span>
  );
}
