/**
 * Versioned SQL migrations: src/hub/migrations/NNNN_name.sql, applied in order, each in its own
 * transaction, recorded in schema_migrations. A shipped migration is never edited: its checksum
 * is kept, and a changed one stops the hub rather than run on a schema it does not describe.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HubDb } from './db.ts';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrations(dir = DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(dir + f, 'utf8') }));
}

const sum = (sql: string) => createHash('sha256').update(sql).digest('hex');

/** Applies what is missing; returns the versions applied now. */
export async function migrate(db: HubDb, list = migrations()): Promise<number[]> {
  await db.exec(`create table if not exists schema_migrations (
    version int primary key, name text not null, checksum text not null,
    applied_at timestamptz not null default now())`);
  const done = new Map(
    (await db.query<{ version: number; checksum: string; name: string }>('select version, checksum, name from schema_migrations')).map((r) => [r.version, r]),
  );
  const applied: number[] = [];
  for (const m of list) {
    const had = done.get(m.version);
    if (had) {
      if (had.checksum !== sum(m.sql)) throw new Error(`migration ${m.name} changed after it was applied (${had.name})`);
      continue;
    }
    await db.tx(async (sql) => {
      await sql.exec(m.sql);
      await sql.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, sum(m.sql)]);
    });
    applied.push(m.version);
  }
  return applied;
}
