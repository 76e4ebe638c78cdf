// Companion pairs (fit-companions.ts): counted from labels, written into the rules file's filing line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRules } from '../../../src/domain/rules/load';
import { companionPairs, MIN_COUNT, PROBABILITY, SHARE, tuneLabels, withCompanions } from './fit-companions';

const label = (...accept: string[]) => ({ file: 'x', accept });

describe('companion pairs', () => {
  it('keeps a pair read from the first code when the share and the count both reach their minimum', () => {
    const labels = [label('21A', '26'), label('21A', '26'), label('21A', '26'), ...Array.from({ length: 27 }, () => label('21A')), label('26', '21A'), ...Array.from({ length: 30 }, () => label('26'))];
    // both ways four times: of the 31 accepting 21A (0.129), of the 34 accepting 26 (0.118)
    expect(companionPairs(labels, 0.05, 3)).toEqual([
      ['21A', '26'],
      ['26', '21A'],
    ]);
    expect(companionPairs(labels, 0.12, 3)).toEqual([['21A', '26']]);
    expect(companionPairs(labels, 0.05, 5)).toEqual([]);
  });

  it('writes them into the one-line filing object, and the rules file still reads', () => {
    const text = readFileSync(new URL('../../../scoring-rules/kla-2024.json', import.meta.url), 'utf8');
    const written = withCompanions(text, { probability: 0.002, pairs: [['7', '8']] });
    const r = parseRules(JSON.parse(written), 'test');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.rules.classifier?.filing.companions).toEqual({ probability: 0.002, pairs: [['7', '8']] });
    expect(written.split('\n').length).toBe(text.split('\n').length);
    expect(() => withCompanions('{}', { probability: 0, pairs: [] })).toThrow(/no one-line "filing"/);
  });
});

describe('the rules file', () => {
  it('holds the companion pairs of the tuning labels as they stand (run fit-companions.ts --write after a batch lands)', () => {
    const rules = JSON.parse(readFileSync(new URL('../../../scoring-rules/kla-2024.json', import.meta.url), 'utf8'));
    expect(rules.classifier.filing.companions).toEqual({ probability: PROBABILITY, pairs: companionPairs(tuneLabels(), SHARE, MIN_COUNT) });
  });
});
