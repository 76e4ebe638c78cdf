// @vitest-environment node
/** Hub migrations: applied once, in order, and a shipped migration that changed stops the hub. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { HubDb } from '../../../src/hub/db.ts';
import { migrate, migrations } from '../../../src/hub/migrate.ts';
import { ENGINE, freshDb } from './harness.ts';

let db: HubDb;
let drop: () => Promise<void>;
beforeEach(async () => {
  ({ db, drop } = await freshDb());
}, 60_000);
afterEach(() => drop());

it(`applies every migration once, in order (${ENGINE})`, async () => {
  const all = migrations();
  // numbered from 1 with no gap or repeat, in the order they will run
  expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));
  expect(await migrate(db)).toEqual(all.map((m) => m.version));
  expect(await migrate(db)).toEqual([]);
  const rows = await db.query<{ version: number }>('select version from schema_migrations order by version');
  expect(rows.map((r) => r.version)).toEqual(all.map((m) => m.version));
});

it('refuses to run on a schema whose migration was edited after it shipped', async () => {
  await migrate(db);
  const edited = migrations().map((m, i) => (i === 0 ? { ...m, sql: m.sql + '\n-- edited' } : m));
  await expect(migrate(db, edited)).rejects.toThrow(/changed after it was applied/);
});

it('rolls a failing migration back whole', async () => {
  await migrate(db);
  const bad = { version: 9999, name: '9999_bad.sql', sql: 'create table half_done (id int); select no_such_function();' };
  await expect(migrate(db, [...migrations(), bad])).rejects.toThrow();
  expect(await db.query("select 1 from information_schema.tables where table_name = 'half_done'")).toEqual([]);
  expect(await db.query('select 1 from schema_migrations where version = 9999')).toEqual([]);
});
