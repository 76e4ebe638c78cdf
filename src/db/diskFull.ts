/**
 * After the disk ran full, stop writing into it: on a full disk Chromium's IndexedDB can lose the
 * whole database (seen in test/e2e/quota.spec.ts: after a few more refused writes the database
 * was gone; once more in CI on 6 Dec 2026 with only the batch's rest and the import held back).
 * For a minute after a write failed for lack of space nothing optional is written, in any of the
 * origin's contexts (tabs, the search worker): the rest of the batch is refused at once (neither
 * read nor stored), an import is refused before it starts, the search index waits (and, when it
 * meets the full disk itself, tries again after 1, 2, 4... minutes, at most 30), first-page
 * pictures are shown but not stored. The batch's failed states are still written (one small
 * write): until they are, the batch would read as cut off. Each context hears of a full disk on a
 * BroadcastChannel; the pause lives in memory, so a reload forgets it (not kept in localStorage,
 * which is written to the same disk). Not covered: hub sync and settings writes.
 */
const PAUSE_MS = 60_000;
const CHANNEL = 'siap-kla.disk-full';

let fullAt = -Infinity;
const batches = new Set<string>();
let channel: BroadcastChannel | null = null;

function listen(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  try {
    channel = new BroadcastChannel(CHANNEL);
  } catch {
    return null; // the pause then holds in this context only
  }
  channel.onmessage = (e: MessageEvent<{ at?: unknown }>) => {
    if (typeof e.data?.at === 'number') fullAt = Math.max(fullAt, e.data.at);
  };
  return channel;
}
listen();

/** A write failed for lack of space, here or (batchId) in an intake batch: tell every context. */
export function noteDiskFull(batchId?: string, now = Date.now()): void {
  fullAt = Math.max(fullAt, now);
  if (batchId) batches.add(batchId);
  listen()?.postMessage({ at: now });
}

/** True for the files of a batch in which the disk ran full. */
export const batchHitFullDisk = (batchId: string): boolean => batches.has(batchId);

/** Milliseconds until optional writes may be tried again (0: now). */
export const diskFullWait = (now = Date.now()): number => Math.max(0, fullAt + PAUSE_MS - now);

/** Throws the quota error an import would meet, without writing, for a minute after the disk ran full. */
export function refuseWhileDiskFull(now = Date.now()): void {
  if (diskFullWait(now) > 0) throw new DOMException('the disk ran full a moment ago', 'QuotaExceededError');
}
