/**
 * A hub for a test: PGlite in memory by default; a fresh database on a real PostgreSQL server
 * when HUB_TEST_DATABASE_URL is set (`npm run test:hub:pg`, run by .ci/run against Debian's
 * postgresql). Each hub gets its own data folder and its own database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openPglite, openPostgres, type HubDb } from '../../../src/hub/db.ts';
import { WRITE_HEADER, buildHub, setSetupCode } from '../../../src/hub/server.ts';

export const PG_URL = process.env.HUB_TEST_DATABASE_URL;
export const ENGINE = PG_URL ? 'postgresql' : 'pglite';

export async function freshDb(): Promise<{ db: HubDb; drop: () => Promise<void> }> {
  if (!PG_URL) {
    const db = await openPglite();
    return { db, drop: () => db.close() };
  }
  const name = `hub_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  return {
    db,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name}`);
      await c.end();
    },
  };
}

export const SETUP_CODE = 'TEST-SETU-PCOD-E234';
export const PASSWORD = 'kata-sandi-yang-panjang';

export interface TestHub {
  app: Awaited<ReturnType<typeof buildHub>>['app'];
  db: HubDb;
  dataDir: string;
  clock: { now: Date };
  close(): Promise<void>;
}

const TABLES = 'assignment_state, reviews, province_codes, audit_log, applied_ops, changes, links, answer_fields, documents, assignments, sessions, invites, users, workspaces, hub_settings';

/** Starts a hub on `db` (emptied first) with a fresh data folder. */
export async function startHub(db: HubDb, dataDir = mkdtempSync(joinPath(tmpdir(), 'kla-hub-'))): Promise<TestHub> {
  const clock = { now: new Date('2026-12-02T03:00:00Z') };
  const { app } = await buildHub({ db, dataDir, now: () => clock.now, maxUpload: 64 * 1024 * 1024, signInsPerAddress: 20 });
  await db.exec(`truncate ${TABLES} restart identity cascade`);
  await setSetupCode(db, SETUP_CODE);
  return {
    app,
    db,
    dataDir,
    clock,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Stops the hub as a crash would (connections cut, no goodbye) and starts it again on the same
 *  database and data folder. */
export async function restartHub(hub: TestHub): Promise<TestHub> {
  hub.app.server.closeAllConnections();
  await hub.app.close();
  const { app } = await buildHub({ db: hub.db, dataDir: hub.dataDir, now: () => hub.clock.now, maxUpload: 64 * 1024 * 1024 });
  return { ...hub, app };
}

/** Listens on a loopback port; returns the base address. */
export async function listen(hub: TestHub): Promise<string> {
  await hub.app.listen({ host: '127.0.0.1', port: 0 });
  const a = hub.app.server.address() as { port: number };
  return `http://127.0.0.1:${a.port}`;
}

/**
 * One database per test file (made once: PGlite takes seconds to start), a fresh hub per test.
 * Returns a getter for the current test's hub.
 */
export function useHub(): () => TestHub {
  let fresh: Awaited<ReturnType<typeof freshDb>>;
  let hub: TestHub;
  beforeAll(async () => {
    fresh = await freshDb();
  }, 60_000);
  beforeEach(async () => {
    hub = await startHub(fresh.db);
  });
  afterEach(() => hub.close());
  afterAll(() => fresh.drop());
  return () => hub;
}

/** A signed-in client: its cookie, and JSON calls with the write header. */
export interface Client {
  cookie: string;
  call(method: string, url: string, body?: unknown): Promise<{ status: number; json: any; headers: Record<string, unknown> }>;
}

export function client(hub: TestHub, cookie = ''): Client {
  const c: Client = {
    cookie,
    async call(method, url, body) {
      const res = await hub.app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: c.cookie, [WRITE_HEADER]: '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
      const set = res.cookies.find((k) => k.name === 'kla_hub');
      if (set) c.cookie = `kla_hub=${set.value}`;
      return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : null, headers: res.headers };
    },
  };
  return c;
}

/** A city workspace with its officer signed in. */
export async function setupCity(hub: TestHub, name = 'Kota Contoh'): Promise<Client> {
  const officer = client(hub);
  const r = await officer.call('POST', '/api/setup', {
    setupCode: SETUP_CODE.toLowerCase(),
    workspace: { name, province: 'Jawa Tengah' },
    admin: { username: 'petugas', displayName: 'Petugas DP3AKB', password: PASSWORD },
  });
  if (r.status !== 201) throw new Error(`setup: ${r.status} ${JSON.stringify(r.json)}`);
  return officer;
}

/** Invites and signs in a user of the given role (and agency). */
export async function join(hub: TestHub, officer: Client, role: 'agency' | 'evaluator' | 'admin', username: string, agencyId?: string): Promise<Client> {
  const inv = await officer.call('POST', '/api/invites', { role, agencyId });
  if (inv.status !== 201) throw new Error(`invite: ${inv.status} ${JSON.stringify(inv.json)}`);
  const c = client(hub);
  const r = await c.call('POST', '/api/join', { code: inv.json.code, username, displayName: username.toUpperCase(), password: PASSWORD });
  if (r.status !== 201) throw new Error(`join: ${r.status} ${JSON.stringify(r.json)}`);
  return c;
}
