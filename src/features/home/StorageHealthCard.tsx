import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getStorageHealth, requestPersistence } from '../../db/storage';
import { useFmt } from '../../shared/useFmt';

export function StorageHealthCard({ lastBackup }: { lastBackup: number | null }) {
  const { t, bytes, pct, dt } = useFmt();
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['storage-health'], queryFn: getStorageHealth, refetchInterval: 30000 });
  return (
    <section className="card storage-health" aria-labelledby="storage-h">
      <h2 id="storage-h">{t('storage.title')}</h2>
      {data && (
        <>
          <p data-testid="persisted" data-persisted={String(data.persisted)}>
            {data.persisted ? '✓ ' + t('storage.persistent') : '⚠ ' + t('storage.notPersistent')}
          </p>
          {!data.persisted && data.supported && (
            <button
              type="button"
              onClick={async () => {
                await requestPersistence();
                await qc.invalidateQueries({ queryKey: ['storage-health'] });
              }}
            >
              {t('storage.request')}
            </button>
          )}
          <p data-testid="usage">
            {data.usage != null && data.quota ? t('storage.used', { used: bytes(data.usage), quota: bytes(data.quota), pct: pct(data.usage / data.quota) }) : t('storage.unknown')}
          </p>
        </>
      )}
      <p className="muted">{lastBackup ? t('storage.lastBackup', { when: dt(lastBackup) }) : t('storage.noBackup')}</p>
    </section>
  );
}
