// @vitest-environment node
/** The province view on the hub: province accounts, and every city of the province side by side. */
import { beforeEach, describe, expect, it } from 'vitest';
import { addProvinceCode, rulesFor } from '../../../src/hub/province.ts';
import { setSetupCode } from '../../../src/hub/server.ts';
import { ENGINE, PASSWORD, SETUP_CODE, client, join, useHub, type Client, type TestHub } from './harness.ts';

const current = useHub();
let hub: TestHub;
const PROVINCE_CODE = 'PROV-JATE-NGAH-2345';
let ops = 0;
const points = (questionCode: string, value: number) => ({ opId: `device01-${++ops}`, kind: 'answer', questionCode, field: 'points', value, editedAt: '2026-12-02T02:00:00Z' });

async function city(name: string, province: string, username: string): Promise<Client> {
  await setSetupCode(hub.db, SETUP_CODE);
  const officer = client(hub);
  const r = await officer.call('POST', '/api/setup', { setupCode: SETUP_CODE, workspace: { name, province }, admin: { username, displayName: `Petugas ${name}`, password: PASSWORD } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return officer;
}

async function provinceUser(code = PROVINCE_CODE, username = 'prov.jateng'): Promise<Client> {
  const c = client(hub);
  const r = await c.call('POST', '/api/join', { code, username, displayName: 'Tim Provinsi', password: PASSWORD });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return c;
}

async function linkDocument(officer: Client, questionCode: string, suggested = false) {
  const me = (await officer.call('GET', '/api/me')).json;
  const id = `doc-${me.workspace.id.slice(0, 8)}-${questionCode.replace(/\./g, '_')}`;
  await hub.db.query("insert into documents (id, workspace_id, sha256, name, size, uploaded_by) values ($1, $2, $3, 'bukti.pdf', 10, $4)", [id, me.workspace.id, 'a'.repeat(64), me.user.id]);
  const r = await officer.call('POST', '/api/sync/push', { ops: [{ opId: `device01-${++ops}`, kind: 'link', documentId: id, questionCode, removed: false, editedAt: '2026-12-02T02:00:00Z', ...(suggested ? { suggested } : {}) }] });
  expect(r.json?.results?.[0]?.status, JSON.stringify(r.json)).toBe('applied');
  return id;
}

beforeEach(async () => {
  hub = current();
  await addProvinceCode(hub.db, PROVINCE_CODE, 'Jawa Tengah', hub.clock.now);
});

describe(`the province view (${ENGINE})`, () => {
  it("shows every city of the account's province, scored, and none of another province", async () => {
    const rules = await rulesFor('kla-2024');
    const [q1, q2, q3, q4] = [...rules.questionByCode.values()].filter((q) => q.maxPoints >= 2);
    const semarang = await city('Kota Semarang', 'Jawa Tengah', 'petugas.smg');
    const solo = await city('Kota Surakarta', 'provinsi  jawa tengah', 'petugas.solo');
    const bandung = await city('Kota Bandung', 'Jawa Barat', 'petugas.bdg');
    await semarang.call('POST', '/api/sync/push', { ops: [points(q1.code, q1.maxPoints), points(q2.code, 1)] });
    await solo.call('POST', '/api/sync/push', { ops: [points(q3.code, 2)] });
    await bandung.call('POST', '/api/sync/push', { ops: [points(q1.code, q1.maxPoints), points(q2.code, q2.maxPoints), points(q3.code, q3.maxPoints)] });
    const linked = await linkDocument(semarang, q1.code);
    await linkDocument(semarang, q2.code);
    const gone = await linkDocument(semarang, q3.code);
    await hub.db.query('update documents set deleted_at = now() where id = $1', [gone]);
    // a link made from the app's suggestion and not checked is not evidence the city vouched for
    await linkDocument(semarang, q4.code, true);
    // a link removed again, and a deleted document, are not evidence
    await semarang.call('POST', '/api/sync/push', { ops: [{ opId: `device01-${++ops}`, kind: 'link', documentId: linked, questionCode: q1.code, removed: true, editedAt: '2026-12-02T02:05:00Z' }] });

    const prov = await provinceUser();
    const me = (await prov.call('GET', '/api/me')).json;
    expect(me.user).toMatchObject({ role: 'province', province: 'Jawa Tengah', workspaceId: null });
    const view = await prov.call('GET', '/api/province');
    expect(view.status).toBe(200);
    expect(view.json.province).toBe('Jawa Tengah');
    expect(view.json.cities.map((c: { city: string }) => c.city)).toEqual(['Kota Semarang', 'Kota Surakarta']);
    const [smg, slo] = view.json.cities;
    expect(smg.total).toBe(q1.maxPoints + 1);
    expect(slo.total).toBe(2);
    expect(smg.groups).toHaveLength(7);
    expect(smg.band.label).toBeTruthy();
    const all = rules.questionByCode.size;
    expect(smg.missingEvidence.questions).toBe(all - 1);
    expect(slo.missingEvidence.questions).toBe(all);
    expect(smg.updatedAt).toBeGreaterThan(0);
    // an evaluator's drafts and deliveries are not the city's work: they do not move its date
    const smgId = (await hub.db.query<{ id: string }>("select id from workspaces where name = 'Kota Semarang'"))[0].id;
    for (const kind of ['review', 'reviews-delivered']) await hub.db.query("insert into changes (workspace_id, kind, body, at) values ($1, $2, '{}'::jsonb, $3)", [smgId, kind, new Date(smg.updatedAt + 86_400_000)]);
    expect((await prov.call('GET', '/api/province')).json.cities[0].updatedAt).toBe(smg.updatedAt);
    const [entry] = await hub.db.query<{ action: string; target: string }>("select action, target from audit_log where action = 'province.view'");
    expect(entry).toEqual({ action: 'province.view', target: 'Jawa Tengah' });
  });

  it('lets a province account read scores only: no feed, no evidence, no invitations, no edits', async () => {
    const officer = await city('Kota Semarang', 'Jawa Tengah', 'petugas.smg');
    const docId = await linkDocument(officer, '12.3');
    const prov = await provinceUser();
    expect((await prov.call('GET', '/api/sync/pull?since=0')).status).toBe(403);
    expect((await prov.call('POST', '/api/sync/push', { ops: [points('12.3', 1)] })).status).toBe(403);
    expect((await prov.call('GET', `/api/documents/${docId}/content`)).status).toBe(403);
    expect((await prov.call('GET', '/api/documents')).status).toBe(403);
    expect((await prov.call('POST', '/api/invites', { role: 'evaluator' })).status).toBe(403);
    // and a city's users never see the province view
    expect((await officer.call('GET', '/api/province')).status).toBe(403);
    const evaluator = await join(hub, officer, 'evaluator', 'penilai');
    expect((await evaluator.call('GET', '/api/province')).status).toBe(403);
    expect((await client(hub).call('GET', '/api/province')).status).toBe(401);
  });

  it('takes a province code once, and not after it expires', async () => {
    await provinceUser();
    const again = await client(hub).call('POST', '/api/join', { code: PROVINCE_CODE, username: 'prov.kedua', displayName: 'Kedua', password: PASSWORD });
    expect(again.status).toBe(403);
    await addProvinceCode(hub.db, 'PROV-LAMA-KODE-2345', 'Jawa Tengah', new Date(hub.clock.now.getTime() - 31 * 86400_000));
    const old = await client(hub).call('POST', '/api/join', { code: 'prov-lama-kode-2345', username: 'prov.lama', displayName: 'Lama', password: PASSWORD });
    expect(old.status).toBe(403);
    const used = await hub.db.query<{ province: string; username: string | null }>('select c.province, u.username from province_codes c left join users u on u.id = c.used_by order by c.created_at');
    expect(used).toEqual([
      { province: 'Jawa Tengah', username: null },
      { province: 'Jawa Tengah', username: 'prov.jateng' },
    ]);
  });
});
