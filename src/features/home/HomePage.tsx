import { useMemo } from 'react';
import { getDb } from '../../db/client';
import { setStage } from '../../db/queries';
import { STAGES, type Stage } from '../../domain/model';
import { agenciesBehind, agencyProgress, awaitsPoints, largestGaps, notReady } from '../../domain/progress';
import { BandScale } from '../../shared/components/BandScale';
import { GroupBars } from '../../shared/components/GroupBars';
import { href, navigate } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { EvidenceLines } from './EvidenceLines';
import { FirstSteps } from './FirstSteps';
import { StorageHealthCard } from './StorageHealthCard';
import { useSetting } from '../../shared/settings';
import { useFlags } from '../../shared/flags';
import { Optional } from '../../shared/components/Optional';
import { useReviewNotes } from '../../shared/reviewNotes';

export function HomePage() {
  const { ws, rules, answers, assignments, score, agencyName } = useWorkspace();
  const { t, pts, lt } = useFmt();
  const gaps = useMemo(() => largestGaps(score, 5), [score]);
  const behind = useMemo(() => agenciesBehind(agencyProgress(rules, answers, assignments), 5), [rules, answers, assignments]);
  // questions worth 0 points (26.17) are answered but never graded: say why the counts differ
  const zeroPoint = useMemo(() => [...rules.questionByCode.values()].filter((q) => q.maxPoints === 0).length, [rules]);
  const ungraded = useMemo(() => [...rules.questionByCode.keys()].filter((c) => awaitsPoints(rules, answers, c)).length, [rules, answers]);
  const lastBackup = useSetting('lastBackup');

  return (
    <div className="page home">
      <section className="card home-head">
        <div>
          <h1 tabIndex={-1}>
            {ws.city} <span className="muted">{ws.year}</span>
          </h1>
          <p className="muted">
            {ws.province ? `${ws.province} · ` : ''}{lt(rules.title)}
          </p>
        </div>
        <label>
          {t('workspace.stage')}{' '}
          <select value={ws.stage} onChange={(e) => void setStage(getDb(), ws.id, e.target.value as Stage)}>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </section>
      <FirstSteps />

      <section className="card">
        <h2>
          {t('score.total')}: <span className="num big" data-testid="home-total">{pts(score.total)}</span> <span className="muted">/ {pts(score.max)}</span> ·{' '}
          <span className={`predicate predicate-${score.band.id}`}>{lt(score.band.label)}</span>
        </h2>
        <BandScale bands={rules.bands} max={rules.maxTotal} score={score.total} />
        <p>{score.nextBand ? t('score.toNext', { points: pts(score.nextBand.pointsNeeded), band: lt(score.nextBand.label) }) : t('score.top')}</p>
      </section>

      <div className="two-col">
        <section className="card">
          <h2>{t('score.groups')}</h2>
          <GroupBars
            rules={rules}
            score={score}
            onPick={(g) => navigate(href(ws.id, 'instrumen', rules.indicators.find((i) => i.group === g)!.code))}
          />
        </section>
        <section className="card">
          <h2>{t('home.next')}</h2>
          {ungraded > 0 && (
            <p data-testid="home-ungraded">
              {t('home.unanswered', { count: ungraded })}
              {zeroPoint > 0 && ` ${t('home.zeroPointNote', { count: zeroPoint, total: rules.questionByCode.size })}`}
            </p>
          )}
          {(ws.role ?? 'city') === 'city' && (
            <>
              <OpenNotesLine />
              <Optional>
                <OpenFlagsLine />
              </Optional>
              <EvidenceLines />
            </>
          )}
          <h3>{t('home.gaps')}</h3>
          <ul className="plain">
            {gaps.map((g) => (
              <li key={g.code}>
                <a href={href(ws.id, 'instrumen', g.code)}>{t('home.gapRow', { code: g.code, missing: pts(g.missing) })}</a>{' '}
                <span className="muted small">{lt(rules.indicatorByCode.get(g.code)!.title)}</span>
              </li>
            ))}
          </ul>
          <h3>{t('home.behind')}</h3>
          {behind.length > 0 && <p className="muted small">{t('agencies.rankedBy')}</p>}
          <ul className="plain" data-testid="home-behind">
            {behind.map((b) => (
              <li key={b.agency} data-agency={b.agency}>
                <a href={`${href(ws.id, 'instrumen')}?opd=${b.agency}`}>{t('home.behindRow', { agency: agencyName(b.agency), open: notReady(b) })}</a>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <StorageHealthCard lastBackup={lastBackup[ws.id] ?? null} />
    </div>
  );
}

/** The open misfile flags among what to do next (a city's workspace: an evaluator's has no Salah klaster). */
function OpenFlagsLine() {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const open = useFlags()?.open.length ?? 0;
  if (!open) return null;
  return (
    <p data-testid="home-flags">
      <a href={href(ws.id, 'tanda')}>{t('home.flagsOpen', { count: open })}</a>
    </p>
  );
}

/** The evaluators' notes still asking for work (the revision window): first among what to do next. */
function OpenNotesLine() {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const open = useReviewNotes(ws.id).open.size;
  if (!open) return null;
  return (
    <p data-testid="home-notes">
      <a href={href(ws.id, 'revisi')}>{t('home.notesOpen', { count: open })}</a>
    </p>
  );
}
