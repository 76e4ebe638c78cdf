// @vitest-environment node
/** Hub sync: per-question access, per-field last writer wins, idempotent pushes, the agency's feed. */
import { beforeEach, describe, expect, it } from 'vitest';
import { ENGINE, join, setupCity, useHub, type Client, type TestHub } from './harness.ts';

const current = useHub();
let hub: TestHub;
let officer: Client;
let dinkes: Client;
let disdik: Client;
let opSeq = 0;
const opId = () => `op-${String(++opSeq).padStart(6, '0')}`;
const answer = (questionCode: string, field: string, value: unknown, editedAt: string, base?: unknown) => ({ opId: opId(), kind: 'answer', questionCode, field, value, editedAt, ...(base === undefined ? {} : { base }) });

beforeEach(async () => {
  hub = current();
  officer = await setupCity(hub);
  dinkes = await join(hub, officer, 'agency', 'dinkes', 'dinkes');
  disdik = await join(hub, officer, 'agency', 'disdik', 'disdik');
  const put = await officer.call('PUT', '/api/assignments', {
    assignments: [
      { questionCode: '12.3', agencyId: 'dinkes' },
      { questionCode: '19.1', agencyId: 'disdik' },
    ],
  });
  expect(put.status).toBe(200);
});

describe(`hub sync (${ENGINE})`, () => {
  it('lets an agency write only its own questions, and never points', async () => {
    const r = await dinkes.call('POST', '/api/sync/push', {
      ops: [answer('12.3', 'value', 87, '2026-12-02T02:00:00Z'), answer('19.1', 'note', 'bukan milik kami', '2026-12-02T02:00:00Z'), answer('12.3', 'points', 5, '2026-12-02T02:00:00Z')],
    });
    expect(r.json, JSON.stringify(r.json)).toHaveProperty('results');
    expect(r.json.results.map((x: { status: string; reason?: string }) => x.reason ?? x.status)).toEqual(['applied', 'not-assigned', 'points-admin-only']);
    const evaluator = await join(hub, officer, 'evaluator', 'evaluator');
    const e = await evaluator.call('POST', '/api/sync/push', { ops: [answer('12.3', 'note', 'catatan', '2026-12-02T02:00:00Z')] });
    expect(e.json.results[0]).toMatchObject({ status: 'refused', reason: 'not-assigned' });
  });

  it('keeps the later edit of a field and records the one it replaced, whatever order they arrive in', async () => {
    // both edited offline; the agency's edit is later but reaches the hub first
    await dinkes.call('POST', '/api/sync/push', { ops: [answer('12.3', 'note', 'versi OPD', '2026-12-02T02:30:00Z')] });
    const late = await officer.call('POST', '/api/sync/push', { ops: [answer('12.3', 'note', 'versi petugas', '2026-12-02T02:10:00Z'), answer('12.3', 'value', 90, '2026-12-02T02:10:00Z')] });
    expect(late.json.results.map((x: { status: string }) => x.status)).toEqual(['overwritten', 'applied']);
    const [note] = await hub.db.query<{ value: unknown }>("select value from answer_fields where question_code = '12.3' and field = 'note'");
    expect(note.value).toBe('versi OPD');
    // the field that lost is in the feed, for both to see
    const feed = (await officer.call('GET', '/api/sync/pull?since=0')).json.changes;
    const lost = feed.find((c: { kind: string }) => c.kind === 'answer-lost');
    expect(lost.body).toMatchObject({ value: 'versi OPD', by: 'DINKES' });
    expect(lost.overwritten).toMatchObject({ value: 'versi petugas', by: 'Petugas DP3AKB' });
    // a later edit by the officer, made without having seen the agency's, wins and keeps the
    // agency's value as overwritten
    await officer.call('POST', '/api/sync/push', { ops: [answer('12.3', 'note', 'versi akhir', '2026-12-02T02:45:00Z', 'versi petugas')] });
    const again = (await dinkes.call('GET', `/api/sync/pull?since=${lost.seq}`)).json.changes;
    expect(again.at(-1)).toMatchObject({ kind: 'answer', body: { value: 'versi akhir' }, overwritten: { value: 'versi OPD', by: 'DINKES' } });
    // an edit made after seeing the current value replaces it without a conflict
    await dinkes.call('POST', '/api/sync/push', { ops: [answer('12.3', 'note', 'versi berikut', '2026-12-02T02:50:00Z', 'versi akhir')] });
    const next = (await officer.call('GET', `/api/sync/pull?since=${again.at(-1).seq}`)).json.changes;
    expect(next.at(-1)).toMatchObject({ kind: 'answer', body: { value: 'versi berikut' }, overwritten: null });
  });

  it('applies a retried push once, and a clock in the future counts as the hub\'s now', async () => {
    const op = answer('12.3', 'value', 10, '2030-01-01T00:00:00Z');
    expect((await dinkes.call('POST', '/api/sync/push', { ops: [op] })).json.results[0].status).toBe('applied');
    expect((await dinkes.call('POST', '/api/sync/push', { ops: [op] })).json.results[0].status).toBe('duplicate');
    // the officer's edit a minute after the hub's now wins over the agency's "2030"
    hub.clock.now = new Date(hub.clock.now.getTime() + 60_000);
    await officer.call('POST', '/api/sync/push', { ops: [answer('12.3', 'value', 11, hub.clock.now.toISOString())] });
    const [v] = await hub.db.query<{ value: unknown }>("select value from answer_fields where question_code = '12.3' and field = 'value'");
    expect(v.value).toBe(11);
    expect((await hub.db.query("select 1 from changes where kind = 'answer'")).length).toBe(2);
  });

  it("sends an agency only its own questions' changes", async () => {
    await dinkes.call('POST', '/api/sync/push', { ops: [answer('12.3', 'value', 1, '2026-12-02T02:00:00Z')] });
    await disdik.call('POST', '/api/sync/push', { ops: [answer('19.1', 'value', 2, '2026-12-02T02:00:00Z')] });
    await officer.call('POST', '/api/sync/push', { ops: [answer('5.1', 'note', 'hanya petugas', '2026-12-02T02:00:00Z')] });
    const codes = async (c: Client) => (await c.call('GET', '/api/sync/pull?since=0')).json.changes.map((x: { questionCode: string | null }) => x.questionCode).filter(Boolean);
    expect(await codes(dinkes)).toEqual(['12.3']);
    // points are the officer's alone: an agency never receives them
    await officer.call('POST', '/api/sync/push', { ops: [answer('12.3', 'points', 3, '2026-12-02T02:05:00Z')] });
    const fields = (await dinkes.call('GET', '/api/sync/pull?since=0')).json.changes.map((x: { body: { field?: string } }) => x.body.field);
    expect(fields).not.toContain('points');
    expect((await officer.call('GET', '/api/sync/pull?since=0')).json.changes.map((x: { body: { field?: string } }) => x.body.field)).toContain('points');
    expect(await codes(disdik)).toEqual(['19.1']);
    expect(await codes(officer)).toEqual(['12.3', '19.1', '5.1', '12.3']);
    expect((await dinkes.call('GET', '/api/assignments')).json.assignments).toEqual([{ questionCode: '12.3', agencyId: 'dinkes' }]);
    expect((await dinkes.call('PUT', '/api/assignments', { assignments: [] })).status).toBe(403);
  });

  it("keeps operation ids apart per user: another user's same id is not a duplicate", async () => {
    const op = answer('12.3', 'note', 'dari OPD', '2026-12-02T02:00:00Z');
    expect((await dinkes.call('POST', '/api/sync/push', { ops: [op] })).json.results[0].status).toBe('applied');
    const same = { ...op, value: 'dari petugas', editedAt: '2026-12-02T02:01:00Z' };
    expect((await officer.call('POST', '/api/sync/push', { ops: [same] })).json.results[0].status).toBe('applied');
  });

  it('pages the feed with a cursor', async () => {
    const ops = Array.from({ length: 12 }, (_, i) => answer('12.3', 'note', `n${i}`, new Date(Date.parse('2026-12-02T01:00:00Z') + i * 1000).toISOString()));
    await dinkes.call('POST', '/api/sync/push', { ops });
    let since = 0;
    let pages = 0;
    const seen: string[] = [];
    for (;;) {
      const { json } = await dinkes.call('GET', `/api/sync/pull?since=${since}&limit=5`);
      pages++;
      seen.push(...json.changes.filter((c: { kind: string }) => c.kind === 'answer').map((c: { body: { value: string } }) => c.body.value));
      since = json.cursor;
      if (!json.more) break;
    }
    expect(seen).toEqual(ops.map((o) => o.value));
    expect(pages).toBe(3);
    expect((await dinkes.call('GET', '/api/sync/pull?since=-1')).status).toBe(400);
  });

  it('refuses malformed operations with a 400 and changes nothing', async () => {
    const bad = await dinkes.call('POST', '/api/sync/push', { ops: [{ opId: 'x', kind: 'answer' }] });
    expect(bad.status).toBe(400);
    expect((await hub.db.query('select 1 from answer_fields')).length).toBe(0);
  });
});
