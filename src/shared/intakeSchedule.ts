/**
 * Pure decisions of the intake queue (no workers, no DOM, no database), so they can be tested in
 * Node: which lane a file starts in, which waiting file a free reader takes, and when the watchdog
 * gives up on a reader.
 */

/** 'text': read without OCR (fast); 'scan': needs OCR (slow, seconds to minutes a page). */
export type Lane = 'text' | 'scan';

const IMAGE_EXT = /\.(jpe?g|png|webp|gif|bmp|tiff?|heic)$/i;

/**
 * The lane a file starts in. Images need OCR whole, so they go straight to the scan lane; a PDF
 * starts in the text lane and moves to the scan lane only if its reader finds pages without text.
 * With OCR off nothing is slow, so everything is text.
 */
export function initialLane(name: string, mime: string, ocr: boolean): Lane {
  if (!ocr) return 'text';
  return mime.startsWith('image/') || IMAGE_EXT.test(name) ? 'scan' : 'text';
}

export interface Waiting {
  id: string;
  lane: Lane;
}

/**
 * The file a free reader takes next, or null. While text files wait, at most pool-1 readers do
 * OCR (a scan can take minutes; at least one reader always stays with the text files); under that
 * cap a scan is taken first so the slow work overlaps the fast. With a pool of one the single
 * reader finishes the text files first. Within a lane, files go in order.
 */
export function pickNext(waiting: readonly Waiting[], busyLanes: readonly Lane[], pool: number): string | null {
  const text = waiting.find((w) => w.lane === 'text');
  const scan = waiting.find((w) => w.lane === 'scan');
  const ocrBusy = busyLanes.filter((l) => l === 'scan').length;
  if (scan && ocrBusy < scanSlots(pool, !!text)) return scan.id;
  return text?.id ?? null;
}

/** How many readers may do OCR at once, given whether text files are waiting. */
export function scanSlots(pool: number, textWaiting: boolean): number {
  return textWaiting ? Math.max(0, pool - 1) : pool;
}

export interface WatchState {
  /** When the reader was handed the file (ms). */
  startedAt: number;
  /** Last sign of life from the reader (heartbeat, progress) (ms). */
  lastSeen: number;
  /** OCR pages begun so far: each earns the file more time. */
  ocrPages: number;
  /** Being written to the database: no time limit then (ending it would gain nothing), only silence counts. */
  storing?: boolean;
}

export type Verdict = { kind: 'timeout'; sec: number } | { kind: 'silent'; sec: number };

/** A reader that sends nothing for this long is taken as dead (it beats every 2 s while working). */
export const SILENCE_MS = 30_000;

/**
 * The time a file may take: the setting, plus a quarter of it for each OCR page begun (a long
 * scan is legitimately slow; a text file never earns extra time).
 */
export function fileLimitMs(limitSec: number, ocrPages: number): number {
  return Math.round((limitSec + (ocrPages * limitSec) / 4) * 1000);
}

/** Whether the watchdog ends the reader now, and why. */
export function watchdogVerdict(s: WatchState, now: number, limitSec: number, silenceMs = SILENCE_MS): Verdict | null {
  const limit = fileLimitMs(limitSec, s.ocrPages);
  if (!s.storing && now - s.startedAt > limit) return { kind: 'timeout', sec: Math.round(limit / 1000) };
  if (now - s.lastSeen > silenceMs) return { kind: 'silent', sec: Math.round(silenceMs / 1000) };
  return null;
}

/** Reader pool size: one per core, at most 4 (each reader with its OCR engine holds 150-250 MB). */
export function poolSize(cores: number | undefined): number {
  return Math.max(1, Math.min(4, cores ?? 2));
}
