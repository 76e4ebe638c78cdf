import { memo, useMemo } from 'react';
import { cancelAll, useIntake, type IntakeItem } from '../../shared/intake';
import { useFmt } from '../../shared/useFmt';
import { UnfinishedIntake } from './UnfinishedIntake';

const ICON: Record<IntakeItem['state'], string> = {
  queued: '…',
  reading: '⟳',
  storing: '⟳',
  stored: '✓',
  duplicate: '=',
  rejected: '✗',
  failed: '✗',
  cancelled: '–',
};

/** At most this many rows are drawn; the rest are summed up (a folder can hold thousands). */
const MAX_ROWS = 60;
const ACTIVE = new Set(['queued', 'reading', 'storing']);
const NEEDS_EYES = new Set(['rejected', 'failed', 'duplicate']);

/**
 * Files an interrupted batch never stored (after a crash), then the queue of this tab. Memoised:
 * it takes no props, and re-rendering it with the Bukti page on each keystroke of a search walked
 * and sorted the whole queue (5,000 files after a kabupaten's intake).
 */
export const IntakePanel = memo(function IntakePanel() {
  return (
    <>
      <UnfinishedIntake />
      <IntakeQueue />
    </>
  );
});

/**
 * One file of the queue. Memoised on the item: a flush replaces only the items that changed, so
 * only their rows render again (the rest of a long batch costs nothing on the main thread).
 */
const IntakeRow = memo(function IntakeRow({ item: i }: { item: IntakeItem }) {
  const { t, bytes } = useFmt();
  return (
    <li className={`intake-item state-${i.state}`} data-state={i.state} data-name={i.name}>
      <span aria-hidden="true">{ICON[i.state]}</span>
      <span className="intake-name" title={i.name}>
        {i.name}
      </span>
      <span className="muted small num">{bytes(i.size)}</span>
      <span className="intake-state">
        {t(`evidence.intake.states.${i.state}`)}
        {i.progress && ` · ${t(`evidence.intake.stage.${i.progress.stage}`, { page: i.progress.page, pages: i.progress.pages })}`}
      </span>
      {i.message && <span className={`intake-msg small${i.state === 'rejected' || i.state === 'failed' ? ' error' : ''}`}>{t(i.message.key, i.message.params)}</span>}
    </li>
  );
});

/** What the queue shows: counts, and the rows to draw (problems, then work in progress, then the rest). */
function queueView(items: IntakeItem[]): { done: number; stored: number; shown: IntakeItem[] } {
  const done = items.filter((i) => !ACTIVE.has(i.state)).length;
  const stored = items.filter((i) => i.state === 'stored').length;
  const rank = (i: IntakeItem) => (NEEDS_EYES.has(i.state) || (i.message && i.state === 'stored') ? 0 : i.state === 'reading' || i.state === 'storing' ? 1 : 2);
  const shown = items.length <= MAX_ROWS ? items : [...items].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_ROWS);
  return { done, stored, shown };
}

/** The intake queue: overall and per-file progress, reasons for refusals, cancel. */
function IntakeQueue() {
  const { t } = useFmt();
  const { items, running, clearFinished } = useIntake();
  const { done, stored, shown } = useMemo(() => queueView(items), [items]);
  if (!items.length) return null;
  const hidden = items.length - shown.length;
  return (
    <section className="card intake" aria-label={t('evidence.intake.title')} data-testid="intake">
      <header className="intake-head">
        <h2>{t('evidence.intake.title')}</h2>
        <progress max={items.length} value={done} aria-label={t('evidence.intake.overall', { done, total: items.length })} />
        <span className="small" data-testid="intake-overall" data-stored={stored} data-done={done}>
          {t('evidence.intake.overall', { done, total: items.length })}
        </span>
        {running ? (
          <button type="button" onClick={cancelAll}>
            {t('evidence.intake.cancel')}
          </button>
        ) : (
          <button type="button" onClick={clearFinished}>
            {t('evidence.intake.clear')}
          </button>
        )}
      </header>
      <ol className="intake-list">
        {shown.map((i) => (
          <IntakeRow key={i.id} item={i} />
        ))}
      </ol>
      {hidden > 0 && <p className="muted small">{t('evidence.intake.more', { count: hidden })}</p>}
    </section>
  );
}
