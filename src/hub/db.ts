/**
 * The hub's database: one narrow interface over two engines.
 * - PGlite (PostgreSQL compiled to WASM, in-process): `npm run hub` with no set-up keeps its data
 *   in a folder; tests use it in memory.
 * - A real PostgreSQL server (node-postgres) when DATABASE_URL is set, for real use.
 * Both speak the same SQL, so the migrations and queries are written once.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements in one string, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface HubDb extends Sql {
  /** Runs fn in one transaction: all of it lands or none of it. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly engine: 'pglite' | 'postgresql';
}

/** dataDir undefined: in memory (tests). */
export async function openPglite(dataDir?: string): Promise<HubDb> {
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    engine: 'pglite',
    async query<T extends Row>(text: string, params?: unknown[]) {
      return (await db.query<T>(text, params)).rows;
    },
    tx: (fn) =>
      db.transaction((t) =>
        fn({
          query: async <T extends Row>(q: string, p?: unknown[]) => (await t.query<T>(q, p)).rows,
          exec: async (q) => void (await t.exec(q)),
        }),
      ),
    async exec(text) {
      await db.exec(text);
    },
    close: () => db.close(),
  };
}

export async function openPostgres(url: string): Promise<HubDb> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('select 1'); // fail at start, not on the first request
  const on = (c: pg.Pool | pg.PoolClient): Sql => ({
    query: async <T extends Row>(q: string, p?: unknown[]) => (await c.query(q, p)).rows as T[],
    exec: async (q) => void (await c.query(q)), // no parameters: the simple protocol runs them all
  });
  return {
    engine: 'postgresql',
    ...on(pool),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn(on(client));
        await client.query('commit');
        return out;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function openDb(opts: { databaseUrl?: string; dataDir?: string }): Promise<HubDb> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
