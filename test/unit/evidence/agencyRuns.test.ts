import { describe, expect, it } from 'vitest';
import { agencyRuns } from '../../../src/features/evidence/docSort';
import type { EvidenceDoc } from '../../../src/domain/model';

const doc = (id: string, agency?: string, agencyGuessed?: boolean) => ({ id, agency, agencyGuessed }) as EvidenceDoc;

describe('agency runs in a list sorted by agency', () => {
  it('starts a run where the agency or its certainty changes, and counts it', () => {
    const rows = [doc('a', 'dinkes'), doc('b', 'dinkes'), doc('c', 'dinsos'), doc('d', 'dinsos', true), doc('e', 'dinsos', true), doc('f'), doc('g', undefined, true)];
    expect([...agencyRuns(rows)]).toEqual([
      [0, { agency: 'dinkes', guessed: false, count: 2 }],
      [2, { agency: 'dinsos', guessed: false, count: 1 }],
      [3, { agency: 'dinsos', guessed: true, count: 2 }],
      // no agency is one run, whatever a stale guess mark says
      [5, { agency: undefined, guessed: false, count: 2 }],
    ]);
    expect(agencyRuns([]).size).toBe(0);
  });
});
