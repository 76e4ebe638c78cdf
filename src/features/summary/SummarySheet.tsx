import type { Rules } from '../../domain/rules/load';
import type { Summary } from '../../domain/summary';
import { formatRemaining } from '../../domain/countdown';
import { agenciesBehind } from '../../domain/progress';
import { BandScale } from '../../shared/components/BandScale';
import { href } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { AgencyTable, PlanTable, SummaryAnnex } from './SummaryAnnex';
import { doubtWords } from './doubtWords';
import { noQuestions, officer, planIntro } from './planWords';

/** Plan items on page 1: the week's work. Agencies named as behind on page 1. */
const WEEK = 5;
const BEHIND = 5;

/**
 * The readiness summary (screen and print). Page 1 stands alone for the official: score and
 * predicate, the gap, the five things to do this week and who owes them, the agencies behind,
 * signatures. The detail tables follow as an annex that can be left out (SummaryAnnex.tsx).
 * Black-and-white safe: the band scale and bars carry numbers and labels, never colour alone.
 * On paper, links print as codes.
 */
export function SummarySheet({ summary: s, rules, workspaceId, printedAt, scopeLabel, annex }: { summary: Summary; rules: Rules; workspaceId: string; printedAt: number; scopeLabel: string; annex: boolean }) {
  const { t, pts, dt, lt } = useFmt();
  const qLink = (code: string) => href(workspaceId, 'instrumen', rules.questionByCode.get(code)!.indicator, code);
  return (
    <article className="summary-sheet" data-testid="summary-sheet">
      <header className="sheet-head">
        <div>
          <h1>{t('summary.title')}</h1>
          <p className="sheet-city">
            <strong>{s.city}</strong> · {[s.province, t('summary.year', { year: s.year })].filter(Boolean).join(' · ')}
          </p>
          <p className="small">
            {t('workspace.stage')}: {t(`stage.${s.stage}`)} · {scopeLabel}
          </p>
        </div>
        <div className="sheet-total">
          <div className="small muted">{t('score.total')}</div>
          <div className="sheet-score num" data-testid="sheet-total">
            {pts(s.total)}
            <span className="small"> / {pts(s.max)}</span>
          </div>
          <div className={`predicate predicate-${s.band.id}`} data-testid="sheet-predicate">
            {t('score.predicate')}: {lt(s.band.label)}
          </div>
        </div>
      </header>
      {s.deadline && (
        <p className="sheet-deadline" data-testid="sheet-deadline">
          {t('summary.deadline', { when: dt(s.deadline), left: formatRemaining(s.deadline - printedAt) })}
        </p>
      )}

      <SheetDoubts summary={s} />

      <section className="sheet-section">
        <BandScale bands={rules.bands} max={rules.maxTotal} score={s.total} rule={false} />
      </section>

      <section className="sheet-section" data-testid="sheet-plan">
        <h2>{t('summary.brief.week')}</h2>
        {!s.plan.target ? (
          <p>{t('score.top')}</p>
        ) : (
          <>
            <p data-testid="plan-intro">{planIntro(s, rules, { t, pts, lt }, 'brief')}</p>
            {s.plan.items.length > 0 && <PlanTable items={s.plan.items.slice(0, WEEK)} rules={rules} qLink={qLink} short office={s.office} />}
            {s.plan.items.length > WEEK && <p className="small muted">{t('summary.plan.more', { count: s.plan.items.length - WEEK })}</p>}
          </>
        )}
      </section>

      <section className="sheet-section" data-testid="sheet-behind">
        <h2>{t('summary.brief.behind')}</h2>
        {s.agencies.length ? (
          <AgencyTable agencies={agenciesBehind(s.agencies, BEHIND)} rules={rules} testId="sheet-behind-table" office={s.office} />
        ) : (
          <p data-testid="sheet-no-questions">{noQuestions(s, rules, t)}</p>
        )}
      </section>

      <section className="sheet-sign">
        <div>
          <p>{t('summary.sign.prepared')}</p>
          <div className="sign-space" />
          <p>(....................................)</p>
          <p className="small">{officer(rules, t, s.office)}</p>
        </div>
        <div>
          <p>
            {s.city}, {dt(printedAt, false).replace(/,? \d{2}[.:]\d{2} WIB$/, '')}
          </p>
          <p>{t('summary.sign.approved')}</p>
          <div className="sign-space" />
          <p>(....................................)</p>
          <p className="small">{t('summary.sign.head')}</p>
        </div>
      </section>
      <footer className="sheet-foot small muted">{t('summary.printed', { when: dt(printedAt) })}</footer>
      {annex && <SummaryAnnex summary={s} rules={rules} qLink={qLink} />}
    </article>
  );
}

/** Next to the score: how sure it is (doubtWords.ts, the PDF says the same). */
function SheetDoubts({ summary }: { summary: Summary }) {
  const { t, pts } = useFmt();
  const d = doubtWords(summary, { t, pts });
  if (!d) return null;
  return (
    <p className="sheet-doubts" data-testid="sheet-doubts">
      <strong>{d.lead}</strong> {d.text}
    </p>
  );
}
