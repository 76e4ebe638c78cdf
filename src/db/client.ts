/**
 * The app's one database connection, and what happens when another tab upgrades the schema.
 *
 * - This tab is old and another tab opens a newer version: Dexie fires `versionchange`; we close
 *   our connection (so the other tab's upgrade can run) and tell the user to reload. Nothing more
 *   is written from this tab.
 * - This tab is old and the database on disk is already newer: `open()` fails with VersionError,
 *   or (Dexie 4 opens newer databases when it can) the native version is above SCHEMA_VERSION; either way
 *   we close and show the same message.
 * Both tabs on the same version stay consistent through Dexie's live queries, which Dexie
 * propagates between tabs of the same origin.
 */
import Dexie from 'dexie';
import { KlaDb, SCHEMA_VERSION } from './schema';

export type DbHealth = { state: 'ok' } | { state: 'newer-version' } | { state: 'error'; reason: string };

type Listener = (h: DbHealth) => void;
const listeners = new Set<Listener>();
let health: DbHealth = { state: 'ok' };

function setHealth(h: DbHealth) {
  health = h;
  listeners.forEach((l) => l(h));
}

export function onDbHealth(l: Listener): () => void {
  listeners.add(l);
  l(health);
  return () => listeners.delete(l);
}

export const getDbHealth = () => health;

let instance: KlaDb | null = null;

export function getDb(): KlaDb {
  if (instance) return instance;
  const db = new KlaDb();
  watchForcedClose(db, noteForcedClose);
  db.on('versionchange', () => {
    db.close();
    setHealth({ state: 'newer-version' });
    return false;
  });
  db.open()
    .then(() => {
      // Dexie stores version n as native n*10 (+1 when it patches a schema in place).
      if (Math.floor(db.backendDB().version / 10) > SCHEMA_VERSION) {
        db.close();
        setHealth({ state: 'newer-version' });
      }
    })
    .catch((e: unknown) => {
    if (e instanceof Dexie.VersionError || (e as Error)?.name === 'VersionError') setHealth({ state: 'newer-version' });
    else setHealth({ state: 'error', reason: (e as Error)?.message ?? String(e) });
  });
  instance = db;
  return db;
}

/**
 * The browser may close a connection itself ("loss of access to the file system", says the
 * standard; Chromium does it when its storage fails on a full disk: CI, 7 Dec 2026, quota.spec).
 * Dexie opens it again on the next use; what was in flight fails with an AbortError "The
 * connection was closed". Calls `onClose` each time (the native event fires only for such a
 * close, never for the app's own `close()`), on every connection Dexie opens.
 */
export function watchForcedClose(db: Dexie, onClose: () => void): void {
  // onClose takes no event (noteForcedClose would read it as the time)
  db.on('ready', (vip) => void vip.backendDB().addEventListener('close', () => onClose()), true);
}

let forcedCloseAt = 0;
const closeListeners = new Set<(at: number) => void>();

/**
 * The page's connection was closed by the browser: screens are told (a notice; a screen whose
 * read failed is drawn again). The optional writes do not pause for it: the cause is not known
 * here, and when it is a full disk the next write meets it and pauses them (db/diskFull.ts);
 * pausing on a guess refused imports as "storage full" on a disk with room.
 */
export function noteForcedClose(now = Date.now()): void {
  forcedCloseAt = now;
  closeListeners.forEach((l) => l(now));
}

/** When the browser last closed the page's connection (0: never, this visit). */
export const lastForcedClose = () => forcedCloseAt;

export function onForcedClose(l: (at: number) => void): () => void {
  closeListeners.add(l);
  return () => void closeListeners.delete(l);
}

/** An operation that failed because the browser closed the connection under it. */
export function isConnectionClosed(e: unknown): boolean {
  const one = (x: { name?: string; message?: string } | null | undefined) =>
    x?.name === 'AbortError' && /connection (was|is) clos/i.test(x.message ?? '');
  const err = e as { name?: string; message?: string; inner?: { name?: string; message?: string } } | null;
  return one(err) || one(err?.inner);
}

/** Human message for a failed write; quota errors get their own words. */
export function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; message?: string; inner?: { name?: string; message?: string }; failures?: unknown };
  if (isDiskFull(err) || isDiskFull(err?.inner)) return true;
  // a Dexie BulkError lists the failed operations
  const failures = err?.failures && typeof err.failures === 'object' ? Object.values(err.failures as Record<string, { name?: string; message?: string }>) : [];
  return failures.some(isDiskFull);
}

/**
 * The quota, or the disk itself: when the disk is really full Chromium's storage reports an
 * UnknownError "IO error: ... FILE_ERROR_NO_SPACE" (and closes the connection), or, when the
 * evidence bytes were being written, a DataError "Failed to write blobs (IOError)"; not a quota
 * error. Both seen on a 40 MB disk (test/e2e/quota.spec.ts).
 */
const isDiskFull = (e: { name?: string; message?: string } | null | undefined): boolean =>
  e?.name === 'QuotaExceededError' || ((e?.name === 'UnknownError' || e?.name === 'DataError') && /NO_SPACE|no space|disk full|failed to write blobs/i.test(e.message ?? ''));

/**
 * When a transaction dies because the disk is full, IndexedDB aborts it and each pending request
 * fails with an AbortError: the QuotaExceededError is only on the transaction. Run `work` and, if
 * it fails that way, throw the real cause so the officer reads "storage full", not "aborted".
 */
export async function revealQuota<T>(work: (keep: (tx: { idbtrans?: IDBTransaction } | null) => void) => Promise<T>): Promise<T> {
  let idb: IDBTransaction | undefined;
  try {
    return await work((tx) => void (idb = tx?.idbtrans ?? idb));
  } catch (e) {
    if (isDiskFull(idb?.error)) throw idb!.error;
    throw e;
  }
}
