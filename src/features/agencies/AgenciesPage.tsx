import { Fragment, useMemo, useState } from 'react';
import type { Problem } from '../../domain/exchange';
import { agencyProgress, rankByWorkOwed } from '../../domain/progress';
import { ProblemList } from '../../shared/components/ProblemList';
import { exportToFile } from '../../shared/exchangeIo';
import { exportFileName } from '../../shared/format';
import { href } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import type { AgencyExchange } from '../../domain/agencyExchange';
import { ExchangeCell, ExchangeTotals, useAgencyExchanges } from './AgencyExchange';
import { officeName } from '../../domain/model';

export function AgenciesPage() {
  const { ws, rules, answers, assignments, agencies } = useWorkspace();
  const { t, pts, pct } = useFmt();
  const rows = useMemo(() => rankByWorkOwed(agencyProgress(rules, answers, assignments)), [rules, answers, assignments]);
  const [busy, setBusy] = useState<string | null>(null);
  // what a pack came to is said under its agency's row: at the top of the page it was off-screen (the sixth walk)
  const [done, setDone] = useState<{ agency: string; text: string } | null>(null);
  const [problems, setProblems] = useState<{ agency: string; file: string; list: Problem[] } | null>(null);
  const exchanges = useAgencyExchanges(ws.id, agencies);

  /** The city's pack for one agency (issue 12): written, read back and verified before it is reported. */
  async function makePack(agency: { id: string; name: string }, questions: number) {
    setBusy(agency.id);
    setDone(null);
    setProblems(null);
    const fileBase = exportFileName(`paket-${agency.id}`, ws.city, ws.year, 'kla').replace(/\.kla$/, '');
    try {
      const r = await exportToFile({ workspaceId: ws.id, fileBase, role: 'city', name: `${officeName(ws)} ${ws.city}`, agencyPack: agency });
      if (r.ok) setDone({ agency: agency.id, text: t('agencies.packDone', { name: agency.name, file: r.fileName, count: questions }) });
      else if (!r.cancelled) setProblems({ agency: agency.id, file: fileBase, list: r.problems });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="page">
      <h1>{t('agencies.title')}</h1>
      <p className="muted small">{t('agencies.packHelp')}</p>
      {exchanges && <ExchangeTotals exchanges={exchanges} names={new Map(agencies.map((a) => [a.id, a.name]))} />}
      <table className="table" data-testid="agency-table">
        <caption className="small muted">{t('agencies.rankedBy')}</caption>
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
            const a = agencies.find((x) => x.id === r.agency)!;
            return (
              <Fragment key={r.agency}>
                <tr data-agency={r.agency}>
                  <td title={a.fullName}>
                    <strong>{a.name}</strong> <span className="muted small">{a.fullName}</span>
                    <div className="bar" aria-hidden="true">
                      <span style={{ width: pct(r.ready / r.questions).replace(',', '.') }} />
                    </div>
                    <div data-testid="agency-exchange">
                      <ExchangeCell exchange={exchanges?.get(a.id)} />
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
                    <a href={`${href(ws.id, 'instrumen')}?opd=${r.agency}`}>{t('agencies.showQuestions')}</a>{' '}
                    <button type="button" className="link" aria-label={t('agencies.packFor', { name: a.name })} disabled={busy !== null} onClick={() => void makePack({ id: a.id, name: a.name }, r.questions)}>
                      {t('agencies.pack')}
                    </button>
                  </td>
                </tr>
                {(done?.agency === r.agency || problems?.agency === r.agency) && (
                  <tr className="row-notice">
                    <td colSpan={7}>
                      {done?.agency === r.agency && (
                        <p className="ok" role="status" data-testid="pack-done">
                          ✓ {done.text}
                        </p>
                      )}
                      {problems?.agency === r.agency && <ProblemList fileName={problems.file} problems={problems.list} />}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <WithoutQuestions agencies={agencies.filter((a) => !rows.some((r) => r.agency === a.id))} exchanges={exchanges} />
    </div>
  );
}

/**
 * Agencies holding no question: named under the table, not dropped from it without a word (the
 * fifth walk's Dispora); one that was sent a pack keeps its line with the round trip (the sixth
 * walk: the totals counted an answer no row showed).
 */
function WithoutQuestions({ agencies, exchanges }: { agencies: { id: string; name: string }[]; exchanges: Map<string, AgencyExchange> | undefined }) {
  const { t } = useFmt();
  if (!agencies.length) return null;
  const traded = agencies.filter((a) => exchanges?.get(a.id)?.packs || exchanges?.get(a.id)?.responses);
  const quiet = agencies.filter((a) => !traded.includes(a));
  return (
    <div className="muted small" data-testid="agencies-without-questions">
      {traded.map((a) => (
        <div key={a.id} data-agency={a.id}>
          {t('agencies.withoutQuestionsOne', { name: a.name })} · <ExchangeCell exchange={exchanges?.get(a.id)} inline />
        </div>
      ))}
      {quiet.length > 0 && <p>{t('agencies.withoutQuestions', { names: quiet.map((a) => a.name).join(', ') })}</p>}
    </div>
  );
}
