import { describe, expect, it } from 'vitest';
import { agencyExchange, exchangeTotals, type AgencyLogRow } from '../../../src/domain/agencyExchange';

const DAY = 86_400_000;
const A = { id: 'disdukcapil', name: 'Disdukcapil' };
const B = { id: 'dinkes', name: 'Dinkes' };
const pack = (at: number, a: { id: string; name: string }, withId = true): AgencyLogRow => ({ at, kind: 'export', detail: { role: 'pack', for: a.name, ...(withId ? { forId: a.id } : {}) } });
const response = (at: number, a: { id: string; name: string }, extra: Record<string, unknown> = {}, withId = true): AgencyLogRow => ({ at, kind: 'import', detail: { role: 'agency', agency: a.name, ...(withId ? { agencyId: a.id } : {}), documents: 2, answers: 3, ...extra } });

describe('where an agency stands in the pack round trip', () => {
  it('counts its own packs and responses only; a city file or an evaluator file is not a pack', () => {
    const rows: AgencyLogRow[] = [pack(0, A), pack(DAY, B), response(2 * DAY, B), { at: 3 * DAY, kind: 'export', detail: { role: 'city' } }, { at: 3 * DAY, kind: 'import', detail: { role: 'evaluator' } }];
    expect(agencyExchange(rows, A, 5 * DAY + 1)).toEqual({ packs: 1, lastPackAt: 0, responses: 0, lastResponseAt: null, lastResponse: null, state: 'waiting', waitingDays: 5 });
    expect(agencyExchange(rows, B, 5 * DAY)).toMatchObject({ packs: 1, responses: 1, state: 'answered', lastResponse: { documents: 2, answers: 3, setAside: 0 } });
    expect(agencyExchange(rows, { id: 'dispora', name: 'Dispora' }, 5 * DAY)).toMatchObject({ state: 'not-sent', packs: 0, waitingDays: null });
  });

  it('the newest response is described; a pack after it means waiting again', () => {
    const rows = [pack(0, A), response(DAY, A, { documents: 1, answers: 0 }), response(2 * DAY, A, { documents: 4, answers: 2, setAside: ['2.1', '2.2'] }), pack(3 * DAY, A)];
    const e = agencyExchange(rows, A, 3 * DAY + 10);
    expect(e).toMatchObject({ packs: 2, responses: 2, lastResponseAt: 2 * DAY, lastResponse: { documents: 4, answers: 2, setAside: 2 }, state: 'waiting', waitingDays: 0 });
  });

  it('a response without a pack (sent another way) counts as answered', () => {
    expect(agencyExchange([response(DAY, A)], A, 2 * DAY)).toMatchObject({ packs: 0, lastPackAt: null, state: 'answered' });
  });

  it('entries logged before ids were written are matched by name; an id, once written, decides', () => {
    const rows = [pack(0, A, false), response(DAY, A, {}, false), pack(2 * DAY, { id: 'other', name: 'Disdukcapil' })];
    expect(agencyExchange(rows, A, 3 * DAY)).toMatchObject({ packs: 1, responses: 1, state: 'answered' });
  });

  it('hostile details count as nothing rather than NaN', () => {
    const rows: AgencyLogRow[] = [pack(0, A), { at: DAY, kind: 'import', detail: { role: 'agency', agencyId: A.id, documents: 'x', answers: null, setAside: 'y' } }];
    expect(agencyExchange(rows, A, DAY).lastResponse).toEqual({ documents: 0, answers: 0, setAside: 0 });
  });

  it('totals: sent, answered since, still waiting', () => {
    const rows = [pack(0, A), pack(0, B), response(DAY, B)];
    const all = [A, B, { id: 'x', name: 'X' }].map((a) => agencyExchange(rows, a, 2 * DAY));
    expect(exchangeTotals(all)).toEqual({ sent: 2, answered: 1, waiting: 1 });
  });
});
