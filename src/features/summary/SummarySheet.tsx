import type { Rules } from '../../domain/rules/load';
import type { Summary } from '../../domain/summary';
import { formatRemaining } from '../../domain/countdown';
import { BandScale } from '../../shared/components/BandScale';
import { href } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';

/**
 * The readiness summary as one A4 document (screen and print). Black-and-white safe: the band
 * scale and bars carry numbers and labels, never colour alone. On paper, links print as codes.
 */
export function SummarySheet({ summary: s, rules, workspaceId, printedAt, scopeLabel }: { summary: Summary; rules: Rules; workspaceId: string; printedAt: number; scopeLabel: string }) {
  const { t, pts, dt, lt, pct } = useFmt();
  const agencyName = (id: string) => rules.agencies.find((a) => a.id === id)?.name ?? id;
  const qLink = (code: string) => href(workspaceId, 'instrumen', rules.questionByCode.get(code)!.indicator, code);
  const gapList = (key: keyof Summary['gaps']) => {
    const items = s.gaps[key];
    return (
      <div className="gap" data-gap={key}>
        <h3>
          {t(`summary.gaps.${key}`)} <span className="num">({items.length})</span>
        </h3>
        {items.length === 0 ? (
          <p className="muted small">–</p>
        ) : (
          <p className="gap-codes small">
            {items.slice(0, 60).map((g, i) => (
              <span key={g.code}>
                {i > 0 && ', '}
                <a href={qLink(g.code)}>{g.code}</a>
              </span>
            ))}
            {items.length > 60 && ` … (+${items.length - 60})`}
          </p>
        )}
      </div>
    );
  };
  return (
    <article className="summary-sheet" data-testid="summary-sheet">
      <header className="sheet-head">
        <div>
          <h1>{t('summary.title')}</h1>
          <p className="sheet-city">
            <strong>{s.city}</strong> · {s.province} · {t('summary.year', { year: s.year })}
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

      <section className="sheet-section">
        <BandScale bands={rules.bands} max={rules.maxTotal} score={s.total} />
        <p>{s.nextBand ? t('score.toNext', { points: pts(s.nextBand.pointsNeeded), band: lt(s.nextBand.label) }) : t('score.top')}</p>
      </section>

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

      <section className="sheet-section" data-testid="sheet-plan">
        <h2>{t('summary.plan.title')}</h2>
        {!s.plan.target ? (
          <p>{t('score.top')}</p>
        ) : (
          <>
            <p>
              {t('summary.plan.intro', {
                band: lt(rules.bands.items.find((b) => b.id === s.plan.target!.id)!.label),
                points: pts(s.plan.pointsNeeded),
                count: s.plan.items.length,
                threshold: pts(s.plan.target.threshold),
              })}
              {!s.plan.reachable && ` ${t('summary.plan.unreachable')}`}
            </p>
            <table className="table sheet-table">
              <thead>
                <tr>
                  <th>{t('summary.col.question')}</th>
                  <th>{t('summary.col.agency')}</th>
                  <th className="num">{t('summary.col.now')}</th>
                  <th className="num">{t('summary.col.gain')}</th>
                  <th>{t('summary.col.document')}</th>
                </tr>
              </thead>
              <tbody>
                {s.plan.items.map((i) => (
                  <tr key={i.code} data-plan={i.code}>
                    <td>
                      <a href={qLink(i.code)}>
                        <strong>{i.code}</strong>
                      </a>{' '}
                      <span className="small">{lt(rules.questionByCode.get(i.code)!.prompt)}</span>
                    </td>
                    <td className="small">{i.agencies.map(agencyName).join(', ') || t('summary.kecDesa')}</td>
                    <td className="num">
                      {pts(i.current)} / {pts(i.max)}
                    </td>
                    <td className="num">+{pts(i.gain)}</td>
                    <td className="small">{i.missingDocuments ? t('summary.plan.needsDoc') : t('summary.plan.hasDoc')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section className="sheet-section">
        <h2>{t('summary.gaps.title')}</h2>
        <div className="gaps">
          {gapList('unanswered')}
          {gapList('noEvidence')}
          {gapList('misfiled')}
          {gapList('openNotes')}
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
        <table className="table sheet-table" data-testid="sheet-agencies">
          <thead>
            <tr>
              <th>{t('agencies.agency')}</th>
              <th className="num">{t('agencies.questions')}</th>
              <th className="num">{t('agencies.ready')}</th>
              <th className="num">{t('agencies.points')}</th>
            </tr>
          </thead>
          <tbody>
            {[...s.agencies]
              .sort((a, b) => a.ready / a.questions - b.ready / b.questions)
              .map((a) => (
                <tr key={a.agency}>
                  <td>{agencyName(a.agency)}</td>
                  <td className="num">{a.questions}</td>
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
      </section>

      <section className="sheet-sign">
        <div>
          <p>{t('summary.sign.prepared')}</p>
          <div className="sign-space" />
          <p>(....................................)</p>
          <p className="small">{t('summary.sign.officer')}</p>
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
    </article>
  );
}
