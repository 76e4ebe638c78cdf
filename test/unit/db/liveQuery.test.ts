// @vitest-environment node
/**
 * Dexie's live queries, as patched in patches/dexie+4.4.7.patch: a subscriber whose query is not
 * running no longer merges every change of every table into a set it keeps until its next query
 * (the page merged each worker transaction's keys into each of its ~15 live queries, ~1.3 s of
 * main thread in an intake of 400 files, and the sets grew with every file). It checks the change
 * against what it observes and forgets it. While its query runs it still collects changes, so a
 * write that lands mid-query is not missed.
 */
import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';

interface Row {
  id: number;
  v: string;
}
class Db extends Dexie {
  a!: Dexie.Table<Row, number>;
  b!: Dexie.Table<Row, number>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ a: 'id', b: 'id' });
  }
}

let n = 0;
const dbs: Db[] = [];
const freshDb = () => {
  const db = new Db(`livequery-${n++}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
const until = (ok: () => boolean) => vi.waitFor(() => expect(ok()).toBe(true), { timeout: 5000, interval: 5 });

describe('live queries (patched Dexie)', () => {
  it('runs the patched code', () => {
    // the installed Dexie is the one patch-package patched at npm install (postinstall)
    expect(liveQuery.toString()).toContain('if (!querying)');
    // (the two tests below hold with or without the patch: they guard what it must keep)
  });

  it('re-runs for a change to what it read, and only then', async () => {
    const db = freshDb();
    await db.a.put({ id: 1, v: 'old' });
    let runs = 0;
    const seen: (string | undefined)[] = [];
    const sub = liveQuery(async () => {
      runs++;
      return (await db.a.get(1))?.v;
    }).subscribe((v) => seen.push(v));
    await until(() => seen.length === 1);
    // other rows, other tables: checked and forgotten, no new query
    for (let i = 0; i < 50; i++) await db.b.put({ id: i, v: 'x' });
    await db.a.put({ id: 2, v: 'other row' });
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(1);
    await db.a.put({ id: 1, v: 'new' });
    await until(() => seen.at(-1) === 'new');
    expect(runs).toBe(2);
    sub.unsubscribe();
  });

  it('does not miss a change that lands while its query runs', async () => {
    const db = freshDb();
    await db.a.put({ id: 1, v: 'old' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const seen: (string | undefined)[] = [];
    const sub = liveQuery(async () => {
      runs++;
      const v = (await db.a.get(1))?.v;
      if (runs === 1) await gate; // the first query is still running when the write lands
      return v;
    }).subscribe((v) => seen.push(v));
    await until(() => runs === 1);
    await new Promise((r) => setTimeout(r, 20));
    await db.a.put({ id: 1, v: 'new' });
    release();
    await until(() => seen.at(-1) === 'new');
    expect(runs).toBe(2);
    sub.unsubscribe();
  });

});
