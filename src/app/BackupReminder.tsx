import { useEffect } from 'react';
import { backupReminder } from '../domain/backup';
import { href } from '../shared/route';
import { useSetting } from '../shared/settings';
import { useFmt } from '../shared/useFmt';
import { useNow } from '../shared/useNow';
import { useWorkspace } from '../shared/workspace';

/** A minute after the workspace opens, then every hour: the automatic backup when one is due. */
const FIRST_MS = 60_000;
const EVERY_MS = 3600_000;

/**
 * On every screen of a city workspace: runs the automatic backup in the background, and reminds
 * the officer when the last verified backup is a week old (or there is none), with the way to
 * set it up.
 */
export function BackupReminder() {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const now = useNow(60_000);
  const last = useSetting('lastBackup')[ws.id];
  const city = ws.role !== 'evaluator';

  useEffect(() => {
    if (!city) return;
    let timer = setTimeout(function tick() {
      // the writer (zip, deflate worker) loads only when a backup may run, not with the first screen
      void import('../shared/backup').then((b) => b.backupIfDue(ws.id)).catch(() => undefined);
      timer = setTimeout(tick, EVERY_MS);
    }, FIRST_MS);
    return () => clearTimeout(timer);
  }, [ws.id, city]);

  const r = backupReminder(last, now);
  if (!city || !r.due) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="backup-reminder">
      {r.days === null ? t('backup.reminderNever') : t('backup.reminder', { days: r.days })} <a href={`${href(ws.id, 'berkas')}`}>{t('backup.setUp')}</a>
    </div>
  );
}
