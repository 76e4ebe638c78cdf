// @vitest-environment node
/** Hub accounts: setup code, sign-in, sessions, invitations, rate limit, write header, audit. */
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_TRIES, addressKey } from '../../../src/hub/routes/account.ts';
import { WRITE_HEADER, setSetupCode } from '../../../src/hub/server.ts';
import { ENGINE, PASSWORD, SETUP_CODE, client, join, setupCity, useHub, type TestHub } from './harness.ts';

const current = useHub();
let hub: TestHub;
beforeEach(() => {
  hub = current();
});

describe(`hub accounts (${ENGINE})`, () => {
  it('creates a workspace only with the one-time setup code, and signs its officer in', async () => {
    const stranger = client(hub);
    const bad = await stranger.call('POST', '/api/setup', {
      setupCode: 'AAAA-BBBB-CCCC-DDDD',
      workspace: { name: 'Kota X' },
      admin: { username: 'x-admin', displayName: 'X', password: PASSWORD },
    });
    expect(bad.status).toBe(403);
    const officer = await setupCity(hub);
    const me = await officer.call('GET', '/api/me');
    expect(me.json.user).toMatchObject({ username: 'petugas', role: 'admin' });
    expect(me.json.workspace.name).toBe('Kota Contoh');
    // used once: the same code creates nothing more
    const again = await client(hub).call('POST', '/api/setup', {
      setupCode: SETUP_CODE,
      workspace: { name: 'Kota Y' },
      admin: { username: 'y-admin', displayName: 'Y', password: PASSWORD },
    });
    expect(again.status).toBe(403);
  });

  it("keeps the city's name for its office given at setup: /api/me says it, and the feed gives it to a device signing in", async () => {
    const officer = client(hub);
    const r = await officer.call('POST', '/api/setup', { setupCode: SETUP_CODE, workspace: { name: 'Kota Kantor', office: '  DP3A  ' }, admin: { username: 'petugas', displayName: 'Petugas', password: PASSWORD } });
    expect(r.status).toBe(201);
    expect((await officer.call('GET', '/api/me')).json.workspace.office).toBe('DP3A');
    const feed = (await officer.call('GET', '/api/sync/pull?since=0')).json.changes;
    expect(feed.filter((c: { kind: string }) => c.kind === 'office').map((c: { body: { office: string } }) => c.body.office)).toEqual(['DP3A']);
    // an agency sees it too (its copy names the office as the city does)
    const dinkes = await join(hub, officer, 'agency', 'dinkes', 'dinkes');
    expect((await dinkes.call('GET', '/api/sync/pull?since=0')).json.changes.some((c: { kind: string }) => c.kind === 'office')).toBe(true);
    // too long for the app's field: refused at setup like any bad field
    const long = await client(hub).call('POST', '/api/setup', { setupCode: SETUP_CODE, workspace: { name: 'Kota Lain', office: 'D'.repeat(41) }, admin: { username: 'lain', displayName: 'Lain', password: PASSWORD } });
    expect(long.status).toBe(400);
  });

  it('keeps the session in an httpOnly, SameSite=Strict cookie and stores only hashes', async () => {
    await setupCity(hub);
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/login',
      headers: { 'x-kla-hub': '1', 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'Petugas', password: PASSWORD }),
    });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((k) => k.name === 'kla_hub')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const [u] = await hub.db.query<{ password_hash: string }>("select password_hash from users where username = 'petugas'");
    expect(u.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const sessions = await hub.db.query<{ token_hash: string }>('select token_hash from sessions');
    expect(sessions.map((s) => s.token_hash)).not.toContain(c.value);
  });

  it("limits guesses per user name and address, so one name's guesses do not lock another out", async () => {
    await setupCity(hub);
    const guesser = client(hub);
    for (let i = 0; i < 6; i++) await guesser.call('POST', '/api/login', { username: 'bukan-siapa-siapa', password: `salah-${i}-xxxxxxxx` });
    expect((await guesser.call('POST', '/api/login', { username: 'bukan-siapa-siapa', password: 'salah-lagi-xxxxxxx' })).status).toBe(429);
    expect((await client(hub).call('POST', '/api/login', { username: 'petugas', password: PASSWORD })).status).toBe(200);
    // and an address trying many names is stopped too (the test hub allows 20 a minute)
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await guesser.call('POST', '/api/login', { username: `nama-${i}`, password: 'salah-xxxxxxxxxx' })).status);
    expect(statuses).toContain(429);
  }, 90_000);

  it('counts an IPv6 /64 as one address, and limits one account guessed from many addresses', async () => {
    await setupCity(hub);
    const login = (remoteAddress: string, username: string, password = 'salah-xxxxxxxxxx') =>
      hub.app.inject({ method: 'POST', url: '/api/login', remoteAddress, headers: { [WRITE_HEADER]: '1', 'content-type': 'application/json' }, payload: JSON.stringify({ username, password }) }).then((r) => r.statusCode);
    // one /64, a new address and a new name each time: stopped by the per-address limit (20 here)
    const rotating: number[] = [];
    for (let i = 0; i < 24; i++) rotating.push(await login(`2001:db8:1:2:${(i + 1).toString(16)}::9`, `nama-${i}`));
    expect(rotating.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(rotating.slice(20)).toEqual([429, 429, 429, 429]);
    // another /64 is another client
    expect(await login('2001:db8:1:3::9', 'nama-lain')).toBe(401);
    // signing in does not use up the account's allowance
    for (let i = 0; i < 3; i++) expect(await login(`192.0.2.${i + 1}`, 'petugas', PASSWORD)).toBe(200);
    // one account guessed from many IPv4 addresses: ACCOUNT_TRIES failures in 15 minutes, then it
    // waits (429), the right password included, until the window passes
    const spread: number[] = [];
    for (let i = 0; i < ACCOUNT_TRIES + 2; i++) spread.push(await login(`198.51.100.${i + 1}`, 'petugas'));
    expect(spread.filter((s) => s === 401)).toHaveLength(ACCOUNT_TRIES);
    expect(spread.slice(ACCOUNT_TRIES)).toEqual([429, 429]);
    expect(await login('203.0.113.7', 'petugas', PASSWORD)).toBe(429);
    // a city's setup is never held back by it (it names no account being guessed)
    await setSetupCode(hub.db, SETUP_CODE);
    const setup = await hub.app.inject({ method: 'POST', url: '/api/setup', remoteAddress: '203.0.113.9', headers: { [WRITE_HEADER]: '1', 'content-type': 'application/json' }, payload: JSON.stringify({ setupCode: SETUP_CODE, workspace: { name: 'Kota Kedua' }, admin: { username: 'petugas2', displayName: 'Petugas 2', password: PASSWORD } }) });
    expect(setup.statusCode).toBe(201);
    hub.clock.now = new Date(hub.clock.now.getTime() + 16 * 60_000);
    expect(await login('203.0.113.7', 'petugas', PASSWORD)).toBe(200);
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:db8:0:0:1::1')).toBe('2001:db8:0:0::/64');
  }, 120_000);

  it('refuses a wrong password, and rate-limits guessing', async () => {
    await setupCity(hub);
    const guesser = client(hub);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await guesser.call('POST', '/api/login', { username: 'petugas', password: `salah-${i}-xxxxxxxx` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const failed = await hub.db.query("select 1 from audit_log where action = 'login.failed'");
    expect(failed.length).toBe(5);
  });

  it('invites an agency user with a one-time code that expires', async () => {
    const officer = await setupCity(hub);
    const dinkes = await join(hub, officer, 'agency', 'dinkes', 'dinkes');
    expect((await dinkes.call('GET', '/api/me')).json.user).toMatchObject({ role: 'agency', agencyId: 'dinkes' });
    // an agency user cannot invite
    expect((await dinkes.call('POST', '/api/invites', { role: 'admin' })).status).toBe(403);
    // a code works once
    const inv = await officer.call('POST', '/api/invites', { role: 'evaluator' });
    const first = await client(hub).call('POST', '/api/join', { code: inv.json.code, username: 'evaluator1', displayName: 'E', password: PASSWORD });
    expect(first.status).toBe(201);
    const second = await client(hub).call('POST', '/api/join', { code: inv.json.code, username: 'evaluator2', displayName: 'E', password: PASSWORD });
    expect(second.status).toBe(403);
    // and not after a week
    const late = await officer.call('POST', '/api/invites', { role: 'evaluator' });
    hub.clock.now = new Date(hub.clock.now.getTime() + 8 * 86400_000);
    const expired = await client(hub).call('POST', '/api/join', { code: late.json.code, username: 'evaluator3', displayName: 'E', password: PASSWORD });
    expect(expired.status).toBe(403);
    // an agency invitation names its agency
    expect((await officer.call('POST', '/api/invites', { role: 'agency' })).status).toBe(400);
  });

  it('refuses short passwords and taken user names', async () => {
    const officer = await setupCity(hub);
    const inv = await officer.call('POST', '/api/invites', { role: 'evaluator' });
    expect((await client(hub).call('POST', '/api/join', { code: inv.json.code, username: 'eva', displayName: 'E', password: 'pendek' })).json.error).toBe('password-too-short:10');
    expect((await client(hub).call('POST', '/api/join', { code: inv.json.code, username: 'petugas', displayName: 'E', password: PASSWORD })).status).toBe(409);
  });

  it('refuses a write without the hub header (a cross-site form) and any call without a session', async () => {
    const officer = await setupCity(hub);
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/invites',
      headers: { cookie: officer.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ role: 'evaluator' }),
    });
    expect(res.statusCode).toBe(403);
    expect((await client(hub).call('GET', '/api/me')).status).toBe(401);
    await officer.call('POST', '/api/logout');
    expect((await officer.call('GET', '/api/me')).status).toBe(401);
  });

  it('keeps an append-only audit log', async () => {
    await setupCity(hub);
    const rows = await hub.db.query<{ action: string }>('select action from audit_log order by seq');
    expect(rows.map((r) => r.action)).toContain('workspace.create');
    await expect(hub.db.query("update audit_log set action = 'x'")).rejects.toThrow(/append-only/);
    await expect(hub.db.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});
