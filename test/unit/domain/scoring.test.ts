import { describe, expect, it } from 'vitest';
import { bandFor, nextBandFor, scoreAnswers, validatePoints } from '../../../src/domain/scoring';
import type { Bands } from '../../../src/domain/rules/schema';
import { allMax, loadRules2024 } from '../helpers';

const rules = loadRules2024();
const bands = rules.bands;

describe('predicate bands under the default rule (a band starts above the previous maximum)', () => {
  it.each([
    [0, 'none'],
    [499.75, 'none'],
    [500, 'pratama'],
    [600, 'pratama'],
    [600.25, 'madya'],
    [700, 'madya'],
    [700.25, 'nindya'],
    [800, 'nindya'],
    [800.5, 'utama'],
    [900, 'utama'],
    [900.25, 'kla'],
    [1000, 'kla'],
  ])('%s -> %s', (score, id) => {
    expect(bandFor(bands, score).id).toBe(id);
  });

  it('points to the next band are exact at the step of 0.25', () => {
    expect(nextBandFor(bands, 499.75)).toMatchObject({ id: 'pratama', pointsNeeded: 0.25, threshold: 500 });
    expect(nextBandFor(bands, 600)).toMatchObject({ id: 'madya', pointsNeeded: 0.25, threshold: 600.25 });
    expect(nextBandFor(bands, 600.25)).toMatchObject({ id: 'nindya', pointsNeeded: 100, threshold: 700.25 });
    expect(nextBandFor(bands, 0.1)).toMatchObject({ id: 'pratama', pointsNeeded: 499.9 });
    expect(nextBandFor(bands, 1000)).toBeNull();
  });
});

describe('other band rules, selectable in the rules file', () => {
  const at: Bands = { ...bands, rule: 'at-previous-max' };
  const floor: Bands = { ...bands, rule: 'integer-floor' };
  it('at-previous-max: 600 is Madya (as one 2019 city page reports)', () => {
    expect(bandFor(at, 600).id).toBe('madya');
    expect(bandFor(at, 599.75).id).toBe('pratama');
    expect(nextBandFor(at, 599.5)).toMatchObject({ id: 'madya', pointsNeeded: 0.5 });
  });
  it('integer-floor: 600.75 is still Pratama, 601 is Madya', () => {
    expect(bandFor(floor, 600.75).id).toBe('pratama');
    expect(bandFor(floor, 601).id).toBe('madya');
    expect(bandFor(floor, 499.99).id).toBe('none');
  });
});

describe('scoring', () => {
  it('every question at its maximum gives exactly 1000 (indicators 19 and 21B capped)', () => {
    const r = scoreAnswers(rules, allMax(rules));
    expect(r.total).toBe(1000);
    expect(r.band.id).toBe('kla');
    expect(r.nextBand).toBeNull();
    const i19 = r.indicators.find((i) => i.code === '19')!;
    expect(i19).toMatchObject({ score: 51, raw: 54, capped: true });
    expect(r.indicators.find((i) => i.code === '21B')).toMatchObject({ score: 17, raw: 18, capped: true });
    expect(r.groups).toEqual([
      { id: 'KL', score: 164, max: 164 },
      { id: 'K1', score: 115, max: 115 },
      { id: 'K2', score: 156, max: 156 },
      { id: 'K3', score: 150, max: 150 },
      { id: 'K4', score: 110, max: 110 },
      { id: 'K5', score: 205, max: 205 },
      { id: 'KD', score: 100, max: 100 },
    ]);
  });

  it('no answers: 0, no predicate, 500 to Pratama', () => {
    const r = scoreAnswers(rules, new Map());
    expect(r.total).toBe(0);
    expect(r.band.id).toBe('none');
    expect(r.nextBand).toMatchObject({ id: 'pratama', pointsNeeded: 500 });
  });

  it('sums decimals without binary drift', () => {
    // 30 questions at 0.1 in floating point would give 3.0000000000000013
    const codes = [...rules.questionByCode.values()].filter((q) => q.maxPoints >= 1).slice(0, 30);
    const r = scoreAnswers(rules, new Map(codes.map((q) => [q.code, 0.1])));
    expect(r.total).toBe(3);
    expect(codes.reduce((s) => s + 0.1, 0)).not.toBe(3); // the drift this guards against
  });

  it('a zero-point question may be answered and adds nothing', () => {
    const r = scoreAnswers(rules, new Map([['26.17', 0], ['26.2', 1]]));
    expect(r.indicators.find((i) => i.code === '26')).toMatchObject({ score: 1, answered: 2 });
  });

  it('partial capping: 19 at 53.5 raw counts 51', () => {
    const pts = new Map([...rules.indicatorByCode.get('19')!.questions].map((q) => [q.code, q.maxPoints]));
    pts.set('19.1', pts.get('19.1')! - 0.5);
    const r = scoreAnswers(rules, pts);
    expect(r.indicators.find((i) => i.code === '19')).toMatchObject({ score: 51, raw: 53.5 });
    expect(r.total).toBe(51);
  });
});

describe('validatePoints', () => {
  it('names every offending code', () => {
    const { points, problems } = validatePoints(rules, { '1.1': 12, '1.2a': 0.75, nope: 1, '1.3a': -1, '2.1': 'x', '19.1': 99, '2.2': null });
    expect([...points.keys()]).toEqual(['1.1', '1.2a']);
    expect(problems.map((p) => [p.code, p.problem])).toEqual([
      ['nope', 'unknown-code'],
      ['1.3a', 'negative'],
      ['2.1', 'not-a-number'],
      ['19.1', 'above-max'],
      ['2.2', 'not-a-number'],
    ]);
  });
  it('refuses a non-object', () => {
    expect(validatePoints(rules, [1, 2]).problems).toHaveLength(1);
  });
});
