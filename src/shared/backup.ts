/**
 * Automatic rotating backups to a folder on the laptop (File System Access API, Chromium): the
 * officer picks the folder once (Berkas -> Cadangan otomatis); while the app is open, a verified
 * city `.kla` file is written there when the last one is a day old, and only the newest `keep`
 * are kept. The browser's own storage can be cleared by the browser or a cleaning tool; this
 * folder cannot. Rules (names, when, which to delete): src/domain/backup.ts.
 *
 * After the browser restarts, Chromium asks again for write access to the folder: that needs a
 * click, so the reminder banner and the card offer one.
 */
import { getDb } from '../db/client';
import { backupDue, backupFileName, BACKUP_DEFAULTS, toRotate } from '../domain/backup';
import type { Problem } from '../domain/exchange';
import { textsDeflater } from './deflateWorker';
import { batchedSink } from './exchangeIo';
import { getSetting, setSetting } from './settings';

const FOLDER_KEY = 'backupFolder';

type Permission = 'granted' | 'prompt' | 'denied';
export type BackupFolder = FileSystemDirectoryHandle & {
  queryPermission?(d: { mode: 'readwrite' }): Promise<Permission>;
  requestPermission?(d: { mode: 'readwrite' }): Promise<Permission>;
  entries?(): AsyncIterable<[string, FileSystemHandle]>;
};
type DirectoryPicker = (o: { id?: string; mode: 'readwrite' }) => Promise<BackupFolder>;

export const canChooseFolder = (): boolean => typeof (globalThis as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';

export async function getBackupFolder(): Promise<BackupFolder | null> {
  return ((await getDb().settings.get(FOLDER_KEY))?.value as BackupFolder | undefined) ?? null;
}

/** Ask the officer for a folder (a click); null when she cancels. */
export async function chooseBackupFolder(): Promise<BackupFolder | null> {
  const pick = (globalThis as unknown as { showDirectoryPicker: DirectoryPicker }).showDirectoryPicker;
  try {
    const dir = await pick({ id: 'siap-kla-cadangan', mode: 'readwrite' });
    await getDb().settings.put({ key: FOLDER_KEY, value: dir });
    return dir;
  } catch (e) {
    if ((e as Error).name === 'AbortError') return null;
    throw e;
  }
}

/** Write access to the folder; `ask` only from a click (Chromium shows its prompt). */
export async function folderPermission(dir: BackupFolder, ask = false): Promise<Permission> {
  const q = (await dir.queryPermission?.({ mode: 'readwrite' })) ?? 'granted';
  if (q === 'granted' || !ask) return q;
  return (await dir.requestPermission?.({ mode: 'readwrite' })) ?? 'denied';
}

export type BackupOutcome =
  | { ok: true; name: string; bytes: number; removed: string[] }
  | { ok: false; reason: 'no-folder' | 'permission' | 'refused' | 'failed'; detail?: string; problems?: Problem[] };

/** Write, verify and rotate one backup of the workspace now. */
export async function backupNow(workspaceId: string, now = Date.now()): Promise<BackupOutcome> {
  const db = getDb();
  const ws = await db.workspaces.get(workspaceId);
  const dir = await getBackupFolder();
  if (!ws || !dir) return { ok: false, reason: 'no-folder' };
  if ((await folderPermission(dir)) !== 'granted') return { ok: false, reason: 'permission' };
  const name = backupFileName(ws.city, ws.year, now);
  try {
    const [{ exportWorkspace, recordExport }, { verifyExchange }] = await Promise.all([import('../db/exchange'), import('../domain/exchange')]);
    const file = await dir.getFileHandle(name, { create: true });
    // evidence goes to the file by reference (the browser copies the stored Blobs), texts are deflated in a worker
    const sink = batchedSink((await file.createWritable()) as WritableStream<Uint8Array | Blob>) as WritableStream<Uint8Array>;
    const result = await exportWorkspace(db, workspaceId, sink, { createdBy: { name: 'Cadangan otomatis', role: 'city' }, appVersion: '0.1.0', now, sinkTakesBlobs: true, textsDeflater });
    // only a file that reads back whole counts as a backup
    const report = await verifyExchange(await file.getFile());
    if (!report.ok) {
      await dir.removeEntry(name).catch(() => undefined);
      return { ok: false, reason: 'refused', problems: report.problems };
    }
    await recordExport(db, workspaceId, result, now);
    await setSetting('lastBackup', { ...(await getSetting('lastBackup')), [workspaceId]: now });
    const names: string[] = [];
    for await (const [n] of dir.entries?.() ?? []) names.push(n);
    const removed = toRotate(names, ws.city, ws.year, await getSetting('backupKeep'));
    for (const n of removed) await dir.removeEntry(n);
    return { ok: true, name, bytes: result.bytesWritten, removed };
  } catch (e) {
    await dir.removeEntry(name).catch(() => undefined);
    return { ok: false, reason: 'failed', detail: (e as Error)?.message ?? String(e) };
  }
}

/** The automatic part: a backup when one is due, the folder chosen and writable (no prompt). */
export async function backupIfDue(workspaceId: string, now = Date.now()): Promise<BackupOutcome | null> {
  const ws = await getDb().workspaces.get(workspaceId);
  if (!ws || ws.role === 'evaluator' || ws.deletedAt != null) return null;
  if (!backupDue((await getSetting('lastBackup'))[workspaceId], now, BACKUP_DEFAULTS.everyHours)) return null;
  const dir = await getBackupFolder();
  if (!dir || (await folderPermission(dir)) !== 'granted') return null;
  return backupNow(workspaceId, now);
}
