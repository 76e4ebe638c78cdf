/**
 * Deleted documents (db/trash.ts), under Bukti's list: each can be put back, file, reading and
 * links, for 30 days after its deletion, or deleted for good. Shown only when there are some.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '../../db/client';
import { emptyTrash, listTrash, restoreFromTrash, TRASH_DAYS, type TrashRow } from '../../db/trash';
import { showToast } from '../../shared/toast';
import { useFmt } from '../../shared/useFmt';

export function TrashCard({ workspaceId, editable }: { workspaceId: string; editable: boolean }) {
  const { t } = useFmt();
  const rows = useLiveQuery(() => listTrash(getDb(), workspaceId), [workspaceId]);
  if (!rows?.length) return null;
  return (
    <details className="trash small" data-testid="trash">
      <summary>{t('evidence.trash.title', { count: rows.length })}</summary>
      <p className="muted">{t('evidence.trash.help', { days: TRASH_DAYS })}</p>
      <ul className="plain">
        {rows.map((r) => (
          <TrashItem key={r.id} row={r} workspaceId={workspaceId} editable={editable} />
        ))}
      </ul>
      {editable && (
        <button type="button" className="link danger" onClick={() => confirm(t('evidence.trash.confirmAll', { count: rows.length })) && void emptyTrash(getDb(), workspaceId)}>
          {t('evidence.trash.purgeAll')}
        </button>
      )}
    </details>
  );
}

function TrashItem({ row, workspaceId, editable }: { row: TrashRow; workspaceId: string; editable: boolean }) {
  const { t, dt } = useFmt();
  const [busy, setBusy] = useState(false);
  const name = row.doc.name;
  async function restore() {
    setBusy(true);
    try {
      const outcome = await restoreFromTrash(getDb(), workspaceId, row.id);
      showToast({ message: t(outcome === 'restored' ? 'evidence.restored' : outcome === 'present' ? 'evidence.restorePresent' : 'evidence.restoreFailed', { name }) });
    } catch (e) {
      showToast({ message: t('evidence.trash.failed', { name, reason: (e as Error).message }) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <li data-testid="trash-row" data-doc={name}>
      <strong>{name}</strong> <span className="muted">{t('evidence.trash.deletedAt', { when: dt(row.deletedAt, false), count: row.links.length })}</span>{' '}
      {editable && (
        <>
          <button type="button" className="link" disabled={busy} onClick={() => void restore()}>
            {t('evidence.trash.restore')}
          </button>{' '}
          <button type="button" className="link danger" disabled={busy} onClick={() => confirm(t('evidence.trash.confirmOne', { name })) && void emptyTrash(getDb(), workspaceId, row.id)}>
            {t('evidence.trash.purge')}
          </button>
        </>
      )}
    </li>
  );
}
