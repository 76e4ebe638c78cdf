/**
 * Where each agency stands in the pack round trip, from the workspace's activity log: the packs
 * the city made for it (exports logged with role 'pack') and the responses taken from it
 * (imports logged with role 'agency'). The officer's Wednesday questions: to whom did I send a
 * pack, when, who has answered, who is still waiting and for how long, what did each one send.
 * Read from the log rather than kept apart, so a restored backup or a city file brings it along.
 */
import type { Activity } from './model';

export type AgencyLogRow = Pick<Activity, 'at' | 'kind' | 'detail'>;

export interface AgencyExchange {
  packs: number;
  lastPackAt: number | null;
  responses: number;
  lastResponseAt: number | null;
  /** What the last response brought (documents stored, answers changed, questions set aside). */
  lastResponse: { documents: number; answers: number; setAside: number } | null;
  /** 'waiting': the last pack is newer than the last response (or none came). */
  state: 'not-sent' | 'waiting' | 'answered';
  /** Whole days since the last pack, while waiting. */
  waitingDays: number | null;
}

const DAY = 86_400_000;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Is this log row a pack made for the agency (by id; by name in entries written before ids were logged)? */
const isPackFor = (r: AgencyLogRow, a: { id: string; name: string }) => r.kind === 'export' && r.detail.role === 'pack' && (r.detail.forId !== undefined ? r.detail.forId === a.id : r.detail.for === a.name);
/** Is this log row a response taken from the agency? */
const isResponseFrom = (r: AgencyLogRow, a: { id: string; name: string }) => r.kind === 'import' && r.detail.role === 'agency' && (r.detail.agencyId !== undefined ? r.detail.agencyId === a.id : r.detail.agency === a.name);

export function agencyExchange(rows: readonly AgencyLogRow[], agency: { id: string; name: string }, now: number): AgencyExchange {
  const packs = rows.filter((r) => isPackFor(r, agency));
  const responses = rows.filter((r) => isResponseFrom(r, agency));
  const lastPackAt = packs.length ? Math.max(...packs.map((r) => r.at)) : null;
  const last = responses.reduce<AgencyLogRow | null>((a, r) => (!a || r.at > a.at ? r : a), null);
  const lastResponseAt = last?.at ?? null;
  const waiting = lastPackAt !== null && (lastResponseAt === null || lastPackAt > lastResponseAt);
  return {
    packs: packs.length,
    lastPackAt,
    responses: responses.length,
    lastResponseAt,
    lastResponse: last ? { documents: num(last.detail.documents), answers: num(last.detail.answers), setAside: Array.isArray(last.detail.setAside) ? last.detail.setAside.length : 0 } : null,
    state: waiting ? 'waiting' : last ? 'answered' : 'not-sent',
    waitingDays: waiting ? Math.max(0, Math.floor((now - lastPackAt!) / DAY)) : null,
  };
}

/** How many agencies were sent a pack, how many of those answered since, how many wait. */
export function exchangeTotals(all: readonly AgencyExchange[]): { sent: number; answered: number; waiting: number } {
  const sent = all.filter((e) => e.packs > 0);
  return { sent: sent.length, answered: sent.filter((e) => e.state === 'answered').length, waiting: sent.filter((e) => e.state === 'waiting').length };
}
