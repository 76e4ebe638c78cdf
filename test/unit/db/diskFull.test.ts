// @vitest-environment node
/**
 * The pause after a full disk (src/db/diskFull.ts): for a minute nothing optional is written, in
 * this context and in the others (tabs, the search worker), which hear of it on a BroadcastChannel.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const CHANNEL = 'siap-kla.disk-full';
const load = async () => {
  vi.resetModules();
  return import('../../../src/db/diskFull');
};
const nextMessage = (ch: BroadcastChannel) => new Promise<MessageEvent>((r) => (ch.onmessage = r));

describe('after the disk ran full', () => {
  let other: BroadcastChannel;
  beforeEach(() => (other = new BroadcastChannel(CHANNEL)));
  afterEach(() => other.close());

  it('optional writes wait a minute, an import is refused with a quota error, then both go on', async () => {
    const m = await load();
    expect(m.diskFullWait(1_000)).toBe(0);
    expect(() => m.refuseWhileDiskFull(1_000)).not.toThrow();
    m.noteDiskFull('batch-1', 1_000);
    expect(m.diskFullWait(31_000)).toBe(30_000);
    expect(() => m.refuseWhileDiskFull(31_000)).toThrow(expect.objectContaining({ name: 'QuotaExceededError' }));
    expect(m.batchHitFullDisk('batch-1')).toBe(true);
    expect(m.batchHitFullDisk('batch-2')).toBe(false);
    expect(m.diskFullWait(61_000)).toBe(0);
    expect(() => m.refuseWhileDiskFull(61_000)).not.toThrow();
  });

  it('the other contexts are told, and a context told by another waits too', async () => {
    const m = await load();
    const told = nextMessage(other);
    const now = Date.now();
    m.noteDiskFull(undefined, now);
    expect((await told).data).toEqual({ at: now });

    const fresh = await load(); // another context: it has not met the full disk itself
    expect(fresh.diskFullWait()).toBe(0);
    const heard = new Promise((r) => setTimeout(r, 50));
    other.postMessage({ at: Date.now() });
    await heard;
    expect(fresh.diskFullWait()).toBeGreaterThan(50_000);
    // a malformed message changes nothing
    const third = await load();
    other.postMessage({ at: 'soon' });
    await new Promise((r) => setTimeout(r, 50));
    expect(third.diskFullWait()).toBe(0);
  });
});
