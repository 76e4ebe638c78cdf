// @vitest-environment node
/**
 * A classification forgotten while it is being read (another tab opened the PDF with its password
 * at that moment) is used for that read but not kept: the next read fetches the new one. Before,
 * the late read put the old classification back and it stayed until the next forget.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/db/client', () => ({ getDb: () => ({}) }));

import { classificationsKept, forgetRowClassification, forgetRowClassifications } from '../../../src/shared/classifications';
import type { KlaDb } from '../../../src/db/schema';

/** A database whose reads wait for `release`, returning what `stored` holds at that moment. */
function slowDb(stored: Map<string, string>) {
  let release = () => {};
  const db = {
    classifications: {
      bulkGet: (ids: string[]) =>
        new Promise((done) => (release = () => done(ids.map((id) => (stored.has(id) ? { id, classification: { indicator: stored.get(id) } } : undefined))))),
    },
  } as unknown as KlaDb;
  return { db, release: () => release() };
}

describe('a classification forgotten during its read', () => {
  it('is used once and not kept (one document, then all)', async () => {
    for (const forget of [() => forgetRowClassification('d1'), () => forgetRowClassifications()]) {
      const stored = new Map([['d1', '4'], ['d2', '19']]);
      const kept = new Map();
      const { db, release } = slowDb(stored);
      const reading = classificationsKept(['d1', 'd2'], kept, db);
      stored.set('d1', '21A'); // read again elsewhere, then forgotten
      forget();
      release();
      const first = await reading;
      expect(first.map((d) => d.id)).toEqual(['d1', 'd2']);
      expect(kept.has('d1')).toBe(false);
      // the next read fetches it afresh
      const next = slowDb(stored);
      const again = classificationsKept(['d1', 'd2'], kept, next.db);
      next.release();
      expect((await again).find((d) => d.id === 'd1')?.classification).toEqual({ indicator: '21A' });
    }
  });

  it('a read that was not overtaken keeps what it read', async () => {
    const kept = new Map();
    const { db, release } = slowDb(new Map([['d3', '7']]));
    const reading = classificationsKept(['d3'], kept, db);
    release();
    await reading;
    expect(kept.get('d3')).toEqual({ indicator: '7' });
  });
});
