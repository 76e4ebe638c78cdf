/**
 * After the disk ran full, stop writing into it: on a full disk Chromium's IndexedDB can lose the
 * whole database (seen in test/e2e/quota.spec.ts: after a few more refused writes the database
 * was gone; once more in CI on 6 Dec 2026 with only the batch's rest and the import held back).
 * For a minute after a write failed for lack of space nothing optional is written, in any of the
 * origin's contexts (tabs, the search worker): the rest of the batch is refused at once (neither
 * read nor stored), an import is refused before it starts, the search index, first-page pictures
 * and the batch's failed states wait. Each context hears of a full disk on a BroadcastChannel.
 */
const PAUSE_MS = 60_000;
const CHANNEL = 'siap-kla.disk-full';

let fullAt = -Infinity;
const batches = new Set<string>();
let channel: BroadcastChannel | null = null;

function listen(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL);
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

/** Resolves once optional writes may be tried again (at once if the disk has not run full). */
export async function afterDiskFullPause(): Promise<void> {
  for (let wait = diskFullWait(); wait > 0; wait = diskFullWait()) await new Promise((r) => setTimeout(r, wait));
}
