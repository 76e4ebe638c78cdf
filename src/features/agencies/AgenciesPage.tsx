import { useMemo } from 'react';
import { agencyProgress } from '../../domain/progress';
import { href } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

export function AgenciesPage() {
  const { ws, rules, answers, assignments } = useWorkspace();
  const { t, pts, pct } = useFmt();
  const rows = useMemo(() => agencyProgress(rules, answers, assignments).sort((a, b) => a.ready / a.questions - b.ready / b.questions), [rules, answers, assignments]);
  return (
    <div className="page">
      <h1>{t('agencies.title')}</h1>
      <table className="table" data-testid="agency-table">
        <thead>
          <tr>
            <th>{t('agencies.agency')}</th>
            <th className="num">{t('agencies.questions')}</th>
            <th className="num">{t('agencies.ready')}</th>
            <th className="num">{t('agencies.inProgress')}</th>
            <th className="num">{t('agencies.notStarted')}</th>
            <th className="num">{t('agencies.points')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const a = rules.agencies.find((x) => x.id === r.agency)!;
            return (
              <tr key={r.agency} data-agency={r.agency}>
                <td title={a.fullName}>
                  <strong>{a.name}</strong> <span className="muted small">{a.fullName}</span>
                  <div className="bar" aria-hidden="true">
                    <span style={{ width: pct(r.ready / r.questions).replace(',', '.') }} />
                  </div>
                </td>
                <td className="num">{r.questions}</td>
                <td className="num">
                  {r.ready} <span className="muted small">({pct(r.ready / r.questions)})</span>
                </td>
                <td className="num">{r.inProgress}</td>
                <td className="num">{r.notStarted}</td>
                <td className="num">
                  {pts(r.points)} / {pts(r.maxPoints)}
                </td>
                <td>
                  <a href={`${href(ws.id, 'instrumen')}?opd=${r.agency}`}>{t('agencies.showQuestions')}</a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
