import { useEffect, useState } from 'react';
import { backupNow, canChooseFolder, chooseBackupFolder, folderPermission, getBackupFolder, type BackupFolder, type BackupOutcome } from '../../shared/backup';
import { ProblemList } from '../../shared/components/ProblemList';
import { setSetting, useSetting } from '../../shared/settings';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

/** Berkas -> Cadangan otomatis: the folder, its permission, "back up now", how many to keep. */
export function BackupCard() {
  const { ws } = useWorkspace();
  const { t, dt, bytes } = useFmt();
  const last = useSetting('lastBackup')[ws.id];
  const keep = useSetting('backupKeep');
  const [folder, setFolder] = useState<BackupFolder | null>(null);
  const [permission, setPermission] = useState<string>('prompt');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BackupOutcome | null>(null);

  useEffect(() => {
    void getBackupFolder().then(async (f) => {
      setFolder(f);
      if (f) setPermission(await folderPermission(f));
    });
  }, []);

  async function pick() {
    const f = await chooseBackupFolder();
    if (!f) return;
    setFolder(f);
    setPermission(await folderPermission(f, true));
  }

  async function run() {
    setBusy(true);
    setOutcome(null);
    try {
      if (folder && permission !== 'granted') setPermission(await folderPermission(folder, true));
      setOutcome(await backupNow(ws.id));
    } finally {
      setBusy(false);
    }
  }

  if (!canChooseFolder()) {
    return (
      <section className="card" id="cadangan">
        <h2>{t('backup.title')}</h2>
        <p className="muted">{t('backup.unsupported')}</p>
      </section>
    );
  }
  return (
    <section className="card" id="cadangan" data-testid="backup-card">
      <h2>{t('backup.title')}</h2>
      <p className="muted small">{t('backup.intro', { keep })}</p>
      <p data-testid="backup-folder">{folder ? t('backup.folder', { name: folder.name }) : t('backup.noFolder')}</p>
      <p className="muted small">{last ? t('storage.lastBackup', { when: dt(last) }) : t('storage.noBackup')}</p>
      <div className="actions">
        <button type="button" onClick={() => void pick()}>
          {folder ? t('backup.change') : t('backup.choose')}
        </button>
        {folder && (
          <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
            {permission === 'granted' ? t('backup.now') : t('backup.allowAndRun')}
          </button>
        )}
        <label className="small">
          {t('backup.keep')}{' '}
          <input type="number" min={1} max={100} defaultValue={keep} key={keep} onBlur={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 100) void setSetting('backupKeep', n);
            else e.target.value = String(keep);
          }} />
        </label>
      </div>
      {busy && <p className="muted">{t('backup.running')}</p>}
      {outcome?.ok && (
        <p className="ok" role="status" data-testid="backup-done">
          ✓ {t('backup.done', { name: outcome.name, size: bytes(outcome.bytes) })} {outcome.removed.length > 0 && t('backup.rotated', { count: outcome.removed.length })}
        </p>
      )}
      {outcome && !outcome.ok && outcome.reason === 'refused' && outcome.problems && <ProblemList fileName={t('backup.title')} problems={outcome.problems} />}
      {outcome && !outcome.ok && outcome.reason !== 'refused' && (
        <p className="error" role="alert">
          {t(`backup.failed.${outcome.reason}`, { detail: outcome.detail ?? '' })}
        </p>
      )}
    </section>
  );
}
