import { memo, useEffect, useMemo, useState } from 'react';
import { isUnfinished } from '../../db/intakeQueue';
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
const NEEDS_EYES: ReadonlySet<string> = new Set(['rejected', 'failed', 'duplicate']);

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
const IntakeRow = memo(function IntakeRow({ item: i, folded }: { item: IntakeItem; folded: boolean }) {
  const { t, bytes } = useFmt();
  return (
    <li className={`intake-item state-${i.state}`} data-state={i.state} data-name={i.name} hidden={folded}>
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

type Tally = Record<'stored' | 'duplicate' | 'problem' | 'cancelled', number>;

/** A file the officer should look at: refused, failed, already there, or stored with a note. */
const needsEyes = (i: IntakeItem) => NEEDS_EYES.has(i.state) || (!!i.message && i.state === 'stored');

/**
 * What the queue shows: counts, a tally by outcome, and the rows to draw. Once the batch is over
 * (or when it is too long to draw) the files that need the officer's eyes come first: after 43
 * files "43 dari 43 selesai" and a full bar hid an empty file's refusal and three duplicates in a
 * box showing 8 rows (the fifth walk).
 */
function queueView(items: IntakeItem[], running: boolean): { done: number; tally: Tally; shown: IntakeItem[]; sorted: boolean; eyes: number } {
  const tally: Tally = { stored: 0, duplicate: 0, problem: 0, cancelled: 0 };
  let done = 0;
  let eyes = 0;
  for (const i of items) {
    if (needsEyes(i)) eyes++;
    if (isUnfinished(i.state)) continue;
    done++;
    if (i.state === 'stored' || i.state === 'duplicate' || i.state === 'cancelled') tally[i.state]++;
    else tally.problem++;
  }
  const rank = (i: IntakeItem) => (needsEyes(i) ? 0 : i.state === 'reading' || i.state === 'storing' ? 1 : 2);
  const sorted = items.length > MAX_ROWS || (!running && tally.duplicate + tally.problem > 0);
  const shown = sorted ? [...items].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_ROWS) : items;
  return { done, tally, shown, sorted, eyes };
}

/** "39 tersimpan · 3 sudah ada · 1 ditolak atau gagal": the outcomes with files in them. */
function TallyLine({ tally }: { tally: Tally }) {
  const { t } = useFmt();
  const parts = (Object.keys(tally) as (keyof Tally)[]).filter((k) => tally[k] > 0).map((k) => t(`evidence.intake.tally.${k}`, { count: tally[k] }));
  return parts.length ? (
    <p className="small" data-testid="intake-tally">
      {parts.join(' · ')}
    </p>
  ) : null;
}

/**
 * The intake queue: overall and per-file progress, reasons for refusals, cancel. A finished batch
 * folds to its tally and the files that need the officer (the rest one click away): its whole
 * list took the room of Bukti's own list at 768 px (the tenth walk). Folded rows stay in the
 * page, hidden, so what was stored can still be read from it.
 */
export function IntakeQueue() {
  const { t } = useFmt();
  const { items, running, clearFinished } = useIntake();
  const { done, tally, shown, sorted, eyes } = useMemo(() => queueView(items, running), [items, running]);
  const [unfolded, setUnfolded] = useState(false);
  // each batch ends folded, whatever the officer chose for the last one
  useEffect(() => void (running && setUnfolded(false)), [running]);
  if (!items.length) return null;
  const hidden = items.length - shown.length;
  const folded = !running && !unfolded;
  return (
    <section className={`card intake${running ? '' : ' done'}`} aria-label={t('evidence.intake.title')} data-testid="intake" data-folded={folded || undefined}>
      <header className="intake-head">
        <h2>{t('evidence.intake.title')}</h2>
        <progress max={items.length} value={done} aria-label={t('evidence.intake.overall', { done, total: items.length })} />
        <span className="small" data-testid="intake-overall" data-stored={tally.stored} data-done={done}>
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
      <div className="intake-sub">
        <TallyLine tally={tally} />
        {!running && (
          <button type="button" className="link small" aria-expanded={!folded} data-testid="intake-unfold" onClick={() => setUnfolded(!unfolded)}>
            {folded ? t('evidence.intake.showAll', { count: items.length }) : t(eyes ? 'evidence.intake.showProblemsOnly' : 'evidence.intake.hideList')}
          </button>
        )}
      </div>
      {sorted && !running && !folded && <p className="muted small">{t('evidence.intake.problemsFirst')}</p>}
      <ol className="intake-list" hidden={folded && !eyes}>
        {shown.map((i) => (
          <IntakeRow key={i.id} item={i} folded={folded && !needsEyes(i)} />
        ))}
      </ol>
      {hidden > 0 && <p className="muted small">{t('evidence.intake.more', { count: hidden })}</p>}
    </section>
  );
}
