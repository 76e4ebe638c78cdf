// @vitest-environment node
/**
 * The browser closing the database under the app (src/db/client.ts): on a full disk Chromium
 * closes every connection of the origin (CI, 7 Dec 2026: the intake's screen fell to "AbortError:
 * The connection was closed"). The app hears it on every connection Dexie opens, not on its own
 * close(); Dexie opens the database again on the
 * next use, and what was stored is there.
 */
import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';

class Db extends Dexie {
  rows!: Dexie.Table<{ id: number }, number>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ rows: 'id' });
  }
}

const load = async () => {
  vi.resetModules();
  return { client: await import('../../../src/db/client'), disk: await import('../../../src/db/diskFull') };
};
/** What the browser does to a connection it closes ("forced flag" in the standard); its event comes once the transactions end. */
const closeByBrowser = async (db: Dexie) => {
  forceCloseDatabase(db.backendDB() as unknown as Parameters<typeof forceCloseDatabase>[0]);
  await new Promise((r) => setTimeout(r, 20));
};

let n = 0;
const dbs: Db[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('a connection the browser closes', () => {
  it('is heard on each connection Dexie opens, never on the app closing its own', async () => {
    const { client } = await load();
    const db = new Db(`forced-${n++}`);
    dbs.push(db);
    const heard = vi.fn();
    client.watchForcedClose(db, heard);
    await db.rows.put({ id: 1 });
    await closeByBrowser(db);
    expect(heard).toHaveBeenCalledTimes(1);
    // Dexie opens it again on the next use: the row is there, and a second close is heard too
    expect(await db.rows.get(1)).toEqual({ id: 1 });
    await closeByBrowser(db);
    expect(heard).toHaveBeenCalledTimes(2);
    await db.rows.count();
    db.close({ disableAutoOpen: false });
    await db.rows.count();
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('the app\'s own watch notes the time of the close, as a number', async () => {
    const { client } = await load();
    const db = new Db(`forced-${n++}`);
    dbs.push(db);
    client.watchForcedClose(db, client.noteForcedClose);
    await db.rows.count();
    const before = Date.now();
    await closeByBrowser(db);
    expect(client.lastForcedClose()).toBeGreaterThanOrEqual(before);
    expect(client.lastForcedClose()).toBeLessThanOrEqual(Date.now());
  });

  it('tells the screens when; optional writes and imports go on (the cause is not known: a full disk pauses them itself)', async () => {
    const { client, disk } = await load();
    const told = vi.fn();
    const stop = client.onForcedClose(told);
    expect(client.lastForcedClose()).toBe(0);
    const now = Date.now();
    client.noteForcedClose(now);
    expect(told).toHaveBeenCalledWith(now);
    expect(client.lastForcedClose()).toBe(now);
    expect(disk.diskFullWait(now + 1_000)).toBe(0);
    expect(() => disk.refuseWhileDiskFull(now + 1_000)).not.toThrow();
    stop();
    client.noteForcedClose(now + 5);
    expect(told).toHaveBeenCalledTimes(1);
  });

  it('an operation it cut off is told apart from other failures, as Dexie wraps it or not', async () => {
    const { client } = await load();
    const native = new DOMException('The connection was closed.', 'AbortError');
    expect(client.isConnectionClosed(native)).toBe(true);
    expect(client.isConnectionClosed(new Dexie.AbortError('The connection was closed.', native))).toBe(true);
    expect(client.isConnectionClosed({ name: 'AbortError', message: 'Transaction aborted', inner: native })).toBe(true);
    expect(client.isConnectionClosed(new DOMException('The transaction was aborted.', 'AbortError'))).toBe(false);
    expect(client.isConnectionClosed(new DOMException('the disk ran full', 'QuotaExceededError'))).toBe(false);
    expect(client.isConnectionClosed(null)).toBe(false);
  });
});
