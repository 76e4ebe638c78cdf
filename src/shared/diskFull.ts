/**
 * After the disk ran full, stop writing into it: on a full disk Chromium's IndexedDB can lose the
 * whole database (seen in test/e2e/quota.spec.ts: after a few more refused writes the database
 * was gone). The rest of a batch whose file hit the limit is refused at once (neither read nor
 * stored; only its queue states are recorded), and an import within a minute of it is refused
 * before it starts.
 */
const IMPORT_PAUSE_MS = 60_000;

let fullAt = 0;
const batches = new Set<string>();

export function noteDiskFull(batchId?: string, now = Date.now()): void {
  fullAt = now;
  if (batchId) batches.add(batchId);
}

/** True for the files of a batch in which the disk ran full. */
export const batchHitFullDisk = (batchId: string): boolean => batches.has(batchId);

/** Throws the quota error an import would meet, without writing, for a minute after the disk ran full. */
export function refuseWhileDiskFull(now = Date.now()): void {
  if (now - fullAt < IMPORT_PAUSE_MS) throw new DOMException('the disk ran full a moment ago', 'QuotaExceededError');
}
