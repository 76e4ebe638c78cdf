import { useEffect } from 'react';
import { countdown, formatRemaining } from '../domain/countdown';
import { isFrozen } from '../domain/revision';
import { getDb } from '../db/client';
import { href } from '../shared/route';
import { useFmt } from '../shared/useFmt';
import { useNow } from '../shared/useNow';
import { useWorkspace } from '../shared/workspace';

/**
 * The revision countdown on every screen of a city workspace in the revision stage: the deadline
 * in WIB and the time left; warnings at 24 h, 6 h and 1 h (in the app, and as a system
 * notification when permitted, once per threshold); at the deadline, the frozen notice.
 */
/** `onRevisi`: Revisi itself is open, so the banner does not offer to open it. */
export function RevisionBanner({ onRevisi = false }: { onRevisi?: boolean }) {
  const { ws } = useWorkspace();
  const { t, dt } = useFmt();
  const now = useNow(1000);
  const rev = ws.revision;
  const active = ws.role !== 'evaluator' && ws.stage === 'revisi' && !!rev;
  const state = rev ? countdown(rev.deadline, now) : null;

  useEffect(() => {
    if (!active || !state || !rev) return;
    const key = `notified:${ws.id}:${rev.deadline}`;
    const db = getDb();
    void (async () => {
      const done = new Set(((await db.settings.get(key))?.value as number[] | undefined) ?? []);
      const due = [...state.crossed.filter((h) => !done.has(h)), ...(state.closed && !done.has(0) ? [0] : [])];
      if (!due.length) return;
      if ('Notification' in window && Notification.permission === 'granted') {
        const h = due[due.length - 1];
        new Notification('Siap KLA', { body: h === 0 ? t('revision.closedNotice', { when: dt(rev.deadline) }) : t('revision.warn', { hours: h, when: dt(rev.deadline) }), tag: key });
      }
      await db.settings.put({ key, value: [...done, ...due] });
    })();
    // thresholds change rarely; `state.level` and `closed` capture them
  }, [active, state?.level, state?.closed, ws.id, rev?.deadline]);

  if (!active || !state || !rev) return null;
  const frozen = isFrozen(ws, now);
  const cls = frozen ? 'banner-error' : state.level ? `banner-warn banner-warn-${state.level}` : 'banner-info';
  return (
    <div className={`banner revision-banner ${cls}`} role={state.level || frozen ? 'alert' : 'status'} data-testid="revision-banner" data-level={frozen ? 'closed' : (state.level ?? 'none')}>
      {frozen ? (
        <span>🔒 {t('revision.closedNotice', { when: dt(rev.deadline) })}</span>
      ) : (
        <span>
          {t('revision.banner', { left: formatRemaining(state.remainingMs), when: dt(rev.deadline) })}
          {state.level && <strong> {t('revision.warn', { hours: state.level, when: dt(rev.deadline) })}</strong>}
        </span>
      )}{' '}
      {!onRevisi && <a href={href(ws.id, 'revisi')}>{t('revision.open')}</a>}
      {'Notification' in window && Notification.permission === 'default' && !frozen && (
        <button type="button" onClick={() => void Notification.requestPermission()}>
          {t('revision.notify')}
        </button>
      )}
    </div>
  );
}

