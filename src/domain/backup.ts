/**
 * Automatic local backups, the rules without the browser: what a backup file is called, when one
 * is due, when the officer must be reminded, and which old files go. The browser side (the folder
 * the officer chose, writing, verifying, deleting) is src/shared/backup.ts.
 *
 * A backup is a verified city `.kla` file in a folder on the laptop's disk (outside the browser's
 * storage, which the browser may clear). Names carry the time in WIB, so sorting them sorts by age.
 */

export const BACKUP_PREFIX = 'siap-kla-cadangan-';
export const BACKUP_DEFAULTS = { everyHours: 24, keep: 7, remindAfterDays: 7 } as const;

const WIB_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** A file-name-safe slug of the city ("Kota Serang" -> "kota-serang"). */
export const citySlug = (city: string): string =>
  city
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'kota';

/** `siap-kla-cadangan-kota-serang-2024-20261201-143005.kla` (the time in WIB, to the second). */
export function backupFileName(city: string, year: number, at: number): string {
  return `${BACKUP_PREFIX}${citySlug(city)}-${year}-${wibStamp(at)}.kla`;
}

/** A moment in WIB for a file name, to the second: "20261201-143005" (sorts by time). */
export function wibStamp(at: number): string {
  const d = new Date(at + WIB_MS);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** The backups of one workspace among the names in a folder, oldest first. */
export function backupsOf(names: string[], city: string, year: number): string[] {
  const head = `${BACKUP_PREFIX}${citySlug(city)}-${year}-`;
  return names.filter((n) => n.startsWith(head) && /-\d{8}-\d{6}\.kla$/.test(n)).sort();
}

/** Which backups to delete so that `keep` remain (the newest). */
export function toRotate(names: string[], city: string, year: number, keep: number): string[] {
  const mine = backupsOf(names, city, year);
  return mine.slice(0, Math.max(0, mine.length - Math.max(1, keep)));
}

/** A backup is due when none was verified in the last `everyHours`. */
export const backupDue = (lastVerified: number | null | undefined, now: number, everyHours: number = BACKUP_DEFAULTS.everyHours): boolean =>
  !lastVerified || now - lastVerified >= everyHours * 3600_000;

/** Remind the officer when the last verified backup is older than `days` (or there is none). */
export function backupReminder(lastVerified: number | null | undefined, now: number, days: number = BACKUP_DEFAULTS.remindAfterDays): { due: boolean; days: number | null } {
  if (!lastVerified) return { due: true, days: null };
  const age = Math.floor((now - lastVerified) / 86_400_000);
  return { due: age >= days, days: age };
}
