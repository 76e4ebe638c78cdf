import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { agencyLog } from '../../db/agencyLog';
import { getDb } from '../../db/client';
import { agencyExchange, exchangeTotals, type AgencyExchange } from '../../domain/agencyExchange';
import { useFmt } from '../../shared/useFmt';
import { useNow } from '../../shared/useNow';

/**
 * Where each agency stands in the pack round trip (by agency id), read live from the workspace's
 * log; "belum dijawab, N hari" follows the clock (hourly, and when the laptop wakes), not only
 * the log: a tab left open over the weekend said Friday's count on Monday.
 */
export function useAgencyExchanges(workspaceId: string, agencies: readonly { id: string; name: string }[]): Map<string, AgencyExchange> | undefined {
  const log = useLiveQuery(() => agencyLog(getDb(), workspaceId), [workspaceId]);
  const now = useNow(HOUR);
  return useMemo(() => {
    if (!log) return undefined;
    return new Map(agencies.map((a) => [a.id, agencyExchange(log, a, now)]));
  }, [log, agencies, now]);
}
const HOUR = 3_600_000;

/** Waiting agencies named on the totals line before "+N". */
const NAMED_WAITING = 6;

/** "Paket dibuat untuk 3 perangkat daerah: 1 sudah menjawab, 2 belum. Belum menjawab: Kominfo, DLH." */
export function ExchangeTotals({ exchanges, names }: { exchanges: Map<string, AgencyExchange>; names: ReadonlyMap<string, string> }) {
  const { t } = useFmt();
  const totals = exchangeTotals([...exchanges.values()]);
  // the longest wait first: who to call
  const waiting = [...exchanges].filter(([, e]) => e.state === 'waiting').sort((a, b) => (a[1].lastPackAt ?? 0) - (b[1].lastPackAt ?? 0)).map(([id]) => names.get(id) ?? id);
  const shown = waiting.length > NAMED_WAITING + 1 ? [...waiting.slice(0, NAMED_WAITING), `+${waiting.length - NAMED_WAITING}`] : waiting;
  return (
    <p data-testid="exchange-totals" role="status">
      {totals.sent ? t('agencies.totals', totals) : t('agencies.totalsNone')}
      {waiting.length > 0 && ` ${t('agencies.totalsWaiting', { names: shown.join(', ') })}`}
    </p>
  );
}

/** One agency's line: nothing before a pack; the pack sent and how long it has waited; or the last response and what it brought. */
export function ExchangeCell({ exchange: e, inline = false }: { exchange: AgencyExchange | undefined; inline?: boolean }) {
  const { t, dt } = useFmt();
  // nothing on the rows of agencies never sent a pack: 32 rows saying so would bury the few that were (the totals say how many)
  if (!e || e.state === 'not-sent') return null;
  const days = e.waitingDays ?? 0;
  const wait = days === 0 ? t('agencies.waitingToday') : days === 1 ? t('agencies.waitingOneDay') : t('agencies.waitingDays', { days });
  return (
    <div className={inline ? 'inline-block' : 'small'} data-state={e.state}>
      {e.lastPackAt !== null && (
        <div>
          {t('agencies.packSent', { date: dt(e.lastPackAt, false) })}
          {e.state === 'waiting' && (
            <>
              {' · '}
              <strong className={days >= 7 ? 'warn' : undefined}>{wait}</strong>
            </>
          )}
        </div>
      )}
      {e.lastResponse && e.lastResponseAt !== null && (
        <div className={e.state === 'answered' ? 'ok' : 'muted'}>
          {t('agencies.answered', { date: dt(e.lastResponseAt, false), documents: e.lastResponse.documents, answers: e.lastResponse.answers })}
          {e.lastResponse.setAside > 0 && <> · {t('agencies.setAside', { count: e.lastResponse.setAside })}</>}
        </div>
      )}
    </div>
  );
}
