import { notReady } from '../../domain/progress';
import type { Rules } from '../../domain/rules/load';
import type { Summary } from '../../domain/summary';
import { clipWords } from '../../shared/format';
import { useFmt } from '../../shared/useFmt';
import { agencyName, planIntro, stepWords, whoActs } from './planWords';

type PlanItem = Summary['plan']['items'][number];
type AgencyRow = Summary['agencies'][number];

/** Codes listed per gap before "and N more" (the CSV has every one). */
const GAP_CODES = 30;

export function PlanTable({ items, rules, qLink, short = false, office }: { items: PlanItem[]; rules: Rules; qLink: (code: string) => string; short?: boolean; office?: string }) {
  const { t, pts, lt } = useFmt();
  return (
    <table className="table sheet-table">
      <thead>
        <tr>
          <th>{t('summary.col.question')}</th>
          <th>{t('summary.col.who')}</th>
          <th className="num">{t('summary.col.now')}</th>
          <th className="num">{t('summary.col.gain')}</th>
          <th>{t('summary.col.document')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => {
          const prompt = lt(rules.questionByCode.get(i.code)!.prompt);
          return (
            <tr key={i.code} data-plan={i.code}>
              <td>
                <a href={qLink(i.code)}>
                  <strong>{i.code}</strong>
                </a>{' '}
                <span className="small">{short ? clipWords(prompt, 80) : prompt}</span>
              </td>
              <td className="small">{whoActs(i, rules, t, short, office)}</td>
              <td className="num">
                {pts(i.current)} / {pts(i.max)}
              </td>
              <td className="num">+{pts(i.gain)}</td>
              <td className="small" data-step={i.step}>
                {stepWords(i, t)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Agencies in the summary's order (`rankByWorkOwed`), which the caption names. */
export function AgencyTable({ agencies, rules, testId, office }: { agencies: AgencyRow[]; rules: Rules; testId?: string; office?: string }) {
  const { t, pts, pct } = useFmt();
  return (
    <table className="table sheet-table" data-testid={testId}>
      <caption className="small muted">{t('agencies.rankedBy')}</caption>
      <thead>
        <tr>
          <th>{t('agencies.agency')}</th>
          <th className="num">{t('agencies.questions')}</th>
          <th className="num">{t('agencies.notReady')}</th>
          <th className="num">{t('agencies.ready')}</th>
          <th className="num">{t('agencies.points')}</th>
        </tr>
      </thead>
      <tbody>
        {agencies.map((a) => (
          <tr key={a.agency} data-agency={a.agency}>
            <td>{agencyName(rules, a.agency, office)}</td>
            <td className="num">{a.questions}</td>
            <td className="num">{notReady(a)}</td>
            <td className="num">
              {a.ready} ({pct(a.ready / a.questions)})
            </td>
            <td className="num">
              {pts(a.points)} / {pts(a.maxPoints)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The detail after page 1: the whole plan, the gaps, every indicator and every agency. */
export function SummaryAnnex({ summary: s, rules, qLink }: { summary: Summary; rules: Rules; qLink: (code: string) => string }) {
  const { t, pts, lt, pct } = useFmt();
  return (
    <div className="sheet-annex" data-testid="sheet-annex">
      <h1 className="annex-title">{t('summary.annex.title')}</h1>
      <section className="sheet-section">
        <h2>{t('score.groups')}</h2>
        <svg className="group-chart" viewBox={`0 0 720 ${s.groups.length * 26 + 6}`} role="img" aria-label={t('score.groups')}>
          {s.groups.map((g, i) => {
            const y = i * 26 + 4;
            const w = g.max ? (g.score / g.max) * 330 : 0;
            return (
              <g key={g.id} data-group={g.id}>
                <text x="0" y={y + 14} fontSize="12">
                  {lt(rules.groupById.get(g.id)!.short)}
                </text>
                <rect x="150" y={y} width="330" height="18" fill="#fff" stroke="#000" />
                <rect x="150" y={y} width={w} height="18" fill="#555" />
                <text x="490" y={y + 14} fontSize="12">
                  {pts(g.score)} / {pts(g.max)} ({pct(g.max ? g.score / g.max : 0)})
                </text>
              </g>
            );
          })}
        </svg>
      </section>

      {s.plan.target && s.plan.items.length > 0 && (
        <section className="sheet-section">
          <h2>{t('summary.plan.title')}</h2>
          <p className="small">{planIntro(s, rules, { t, pts, lt }, 'annex')}</p>
          <PlanTable items={s.plan.items} rules={rules} qLink={qLink} office={s.office} />
        </section>
      )}
      <section className="sheet-section">
        <h2>{t('summary.gaps.title')}</h2>
        <div className="gaps">
          {(['unanswered', 'noEvidence', 'misfiled', 'openNotes'] as const).map((key) => (
            <div className="gap" data-gap={key} key={key}>
              <h3>
                {t(`summary.gaps.${key}`)} <span className="num">({s.gaps[key].length})</span>
              </h3>
              <p className="gap-codes small">
                {s.gaps[key].length === 0 ? '–' : s.gaps[key].slice(0, GAP_CODES).map((g) => g.code).join(', ')}
                {s.gaps[key].length > GAP_CODES && ` ${t('summary.gaps.more', { count: s.gaps[key].length - GAP_CODES })}`}
              </p>
            </div>
          ))}
        </div>
      </section>
      <section className="sheet-section">
        <h2>{t('summary.indicators')}</h2>
        <table className="table sheet-table" data-testid="sheet-indicators">
          <thead>
            <tr>
              <th>{t('instrument.indicator')}</th>
              <th className="num">{t('summary.col.score')}</th>
              <th className="num">{t('summary.col.max')}</th>
              <th className="num">{t('summary.col.ready')}</th>
              <th className="num">{t('summary.col.evidence')}</th>
              <th className="num">{t('summary.col.flags')}</th>
              <th className="num">{t('summary.col.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {s.indicators.map((i) => (
              <tr key={i.code} data-indicator-row={i.code}>
                <td>
                  <strong>{i.code}</strong> <span className="small">{lt(i.title)}</span>
                </td>
                <td className="num">{pts(i.score)}</td>
                <td className="num">{pts(i.max)}</td>
                <td className="num">
                  {i.ready}/{i.questions}
                </td>
                <td className="num">{i.evidence}</td>
                <td className="num">{i.flags || ''}</td>
                <td className="num">{i.notes ? `${i.openNotes}/${i.notes}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="sheet-section">
        <h2>{t('agencies.title')}</h2>
        <AgencyTable agencies={s.agencies} rules={rules} testId="sheet-agencies" office={s.office} />
      </section>
    </div>
  );
}
