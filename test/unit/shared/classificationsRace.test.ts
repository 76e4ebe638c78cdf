// @vitest-environment node
/**
 * A classification forgotten while it is being read (another tab opened the PDF with its password
 * at that moment) is used for that read but not kept: the next read fetches the new one. Before,
 * the late read put the old classification back and it stayed until the next forget.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/db/client', () => ({ getDb: () => ({}) }));

import { rowClassifications, forgetRowClassification, forgetRowClassifications } from '../../../src/shared/classifications';
import type { KlaDb } from '../../../src/db/schema';

/** A database whose reads wait for `release`, returning what `stored` held when they were asked. */
function slowDb(stored: Map<string, string>) {
  let release = () => {};
  const db = {
    classifications: {
      bulkGet: (ids: string[]) => {
        const rows = ids.map((id) => (stored.has(id) ? { id, classification: { indicator: stored.get(id) } } : undefined));
        return new Promise((done) => (release = () => done(rows)));
      },
    },
  } as unknown as KlaDb;
  return { db, release: () => release() };
}

describe('a classification forgotten during its read', () => {
  it('is used once and not kept (one document, then all)', async () => {
    for (const forget of [() => forgetRowClassification('d1'), () => forgetRowClassifications()]) {
      forgetRowClassifications(); // nothing kept from the round before: this round reads both
      const stored = new Map([['d1', '4'], ['d2', '19']]);
      const { db, release } = slowDb(stored);
      const reading = rowClassifications(['d1', 'd2'], db);
      stored.set('d1', '21A'); // read again elsewhere, then forgotten
      forget();
      release();
      const first = await reading;
      expect(first.map((d) => [d.id, d.classification])).toEqual([['d1', { indicator: '4' }], ['d2', { indicator: '19' }]]); // the old one, used once
      // the next read fetches it afresh (kept, it would give the old one without asking)
      const next = slowDb(stored);
      const again = rowClassifications(['d1', 'd2'], next.db);
      next.release();
      expect((await again).find((d) => d.id === 'd1')?.classification).toEqual({ indicator: '21A' });
    }
  });

  it('a read that was not overtaken keeps what it read', async () => {
    const { db, release } = slowDb(new Map([['d3', '7']]));
    const reading = rowClassifications(['d3'], db);
    release();
    await reading;
    // asked again, it answers without reading (a database that holds nothing and never answers)
    const never = { classifications: { bulkGet: () => new Promise(() => undefined) } } as unknown as KlaDb;
    expect(await rowClassifications(['d3'], never)).toEqual([{ id: 'd3', classification: { indicator: '7' } }]);
  });
});
