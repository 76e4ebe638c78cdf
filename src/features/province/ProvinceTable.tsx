import { groupColumns, type CityRow } from '../../domain/province';
import type { Rules } from '../../domain/rules/load';
import { useFmt } from '../../shared/useFmt';

/**
 * Every city side by side, highest score first: score, predicate, the points to the next
 * predicate, the seven groups as bars with their numbers (never colour alone), and the questions
 * no document answers yet. Prints on one landscape page for the province's meeting.
 */
export function ProvinceTable({ rows, rules }: { rows: CityRow[]; rules: Rules | undefined }) {
  const { t, pts, dt, lt } = useFmt();
  const groups = groupColumns(rows);
  return (
    <div className="table-scroll">
      <table className="province-table" data-testid="province-table">
        <caption className="muted small">{t('province.caption', { n: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('province.city')}</th>
            <th scope="col" className="num">{t('province.score')}</th>
            <th scope="col">{t('province.band')}</th>
            {groups.map((id) => {
              const group = rules?.groupById.get(id);
              return (
                <th scope="col" key={id} title={group ? lt(group.name) : id}>
                  {group ? lt(group.short) : id}
                </th>
              );
            })}
            <th scope="col">{t('province.missing')}</th>
            <th scope="col">{t('province.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-city={r.city}>
              <td className="num">{i + 1}</td>
              <th scope="row">{r.city}</th>
              <td className="num province-score" data-testid="province-score">
                {pts(r.total)}
              </td>
              <td>
                <span className="predicate" data-band={r.band.id}>
                  {r.band.label}
                </span>
                <div className="muted small">{r.nextBand ? t('province.next', { n: pts(r.nextBand.pointsNeeded), band: r.nextBand.label }) : t('province.top')}</div>
              </td>
              {groups.map((id) => {
                const g = r.groups.find((x) => x.id === id);
                if (!g) return <td key={id} className="muted">–</td>;
                return (
                  <td key={id} className="province-group" data-group={id}>
                    <span className="gb-bar" aria-hidden="true">
                      <span style={{ width: `${g.max ? (g.score / g.max) * 100 : 0}%` }} />
                    </span>
                    <span className="num small">
                      {pts(g.score)}/{pts(g.max)}
                    </span>
                  </td>
                );
              })}
              <td data-testid="province-missing">{t('province.missingCount', { n: r.missingEvidence.questions, points: pts(r.missingEvidence.points) })}</td>
              <td className="small">{r.updatedAt ? dt(r.updatedAt, false) : '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
