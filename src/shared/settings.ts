/** App-wide settings kept in the database (so every tab sees the same), with defaults. */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/client';

export const SETTING_DEFAULTS = {
  /** Per-file size limit for evidence, in MB. */
  maxFileMB: 50,
  /** Read scanned pages and images with OCR. */
  ocr: true,
  /** At most this many pages are OCRed per document (memory and time bound). */
  ocrMaxPages: 20,
  /**
   * Time limit for reading one file, in seconds; each OCR page begun adds a quarter of it. A
   * reader past its limit is ended and replaced, the file marked failed (src/shared/intake.ts).
   */
  readTimeoutSec: 120,
  /** When the last exchange/backup file was written and verified (ms), per workspace id. */
  lastBackup: {} as Record<string, number>,
  /** Workspaces whose first steps card the officer hid (features/home/FirstSteps.tsx), by id. */
  firstStepsHidden: {} as Record<string, boolean>,
  /** Automatic backups kept in the backup folder, per workspace (src/shared/backup.ts). */
  backupKeep: 7,
};
export type Settings = typeof SETTING_DEFAULTS;
export type SettingKey = keyof Settings;

export async function getSetting<K extends SettingKey>(key: K): Promise<Settings[K]> {
  const row = await getDb().settings.get(key);
  return (row?.value as Settings[K]) ?? SETTING_DEFAULTS[key];
}

export async function setSetting<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
  await getDb().settings.put({ key, value });
}

export function useSetting<K extends SettingKey>(key: K): Settings[K] {
  const v = useLiveQuery(() => getDb().settings.get(key), [key]);
  return (v?.value as Settings[K]) ?? SETTING_DEFAULTS[key];
}
