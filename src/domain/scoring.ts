/**
 * The scoring engine: question points -> indicator (capped) -> group -> total -> predicate band.
 * Pure and exact (big.js); the app, the workers and the `kla` command all call it.
 */
import Big from 'big.js';
import { dec, minDec, sum, toNumber, ZERO } from './decimal';
import type { Rules } from './rules/load';
import type { Band, Bands, LocalText } from './rules/schema';

export interface BandRef {
  id: string;
  label: LocalText;
}
export interface NextBand extends BandRef {
  /** Lowest score that reaches this band under the band rule and step. */
  threshold: number;
  pointsNeeded: number;
}
export interface IndicatorScore {
  code: string;
  group: string;
  score: number;
  max: number;
  /** Sum of the question points before capping. */
  raw: number;
  capped: boolean;
  answered: number;
  questions: number;
}
export interface GroupScore {
  id: string;
  score: number;
  max: number;
}
export interface ScoreResult {
  rules: string;
  total: number;
  max: number;
  band: BandRef;
  nextBand: NextBand | null;
  groups: GroupScore[];
  indicators: IndicatorScore[];
}

export interface PointsProblem {
  code: string;
  problem: 'unknown-code' | 'not-a-number' | 'negative' | 'above-max';
  message: string;
}

/**
 * Check an untrusted `{code: points}` object against the rules. Returns every problem, not only the first.
 */
export function validatePoints(rules: Rules, input: unknown): { points: Map<string, number>; problems: PointsProblem[] } {
  const points = new Map<string, number>();
  const problems: PointsProblem[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.push({ code: '(file)', problem: 'not-a-number', message: 'expected a JSON object mapping question codes to points' });
    return { points, problems };
  }
  for (const [code, value] of Object.entries(input as Record<string, unknown>)) {
    const q = rules.questionByCode.get(code);
    if (!q) {
      problems.push({ code, problem: 'unknown-code', message: `${code}: unknown question code in ${rules.id}` });
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({ code, problem: 'not-a-number', message: `${code}: points must be a number, got ${JSON.stringify(value)}` });
      continue;
    }
    if (value < 0) {
      problems.push({ code, problem: 'negative', message: `${code}: points must be >= 0, got ${value}` });
      continue;
    }
    if (value > q.maxPoints) {
      problems.push({ code, problem: 'above-max', message: `${code}: ${value} is above the question's maximum of ${q.maxPoints}` });
      continue;
    }
    points.set(code, value);
  }
  return { points, problems };
}

/** Does `score` reach band index `k` under the rule? */
function reaches(bands: Bands, k: number, score: Big): boolean {
  const b = bands.items[k];
  if (k === 0) return bands.rule === 'integer-floor' ? score.round(0, Big.roundDown).gte(b.min) : score.gte(b.min);
  const prevMax = bands.items[k - 1].max;
  switch (bands.rule) {
    case 'above-previous-max':
      return score.gt(prevMax);
    case 'at-previous-max':
      return score.gte(prevMax);
    case 'integer-floor':
      return score.round(0, Big.roundDown).gte(b.min);
  }
}

/** Lowest score (a multiple of `step`) in band `k`. */
export function bandThreshold(bands: Bands, k: number): Big {
  const b = bands.items[k];
  if (k === 0 || bands.rule === 'integer-floor') return dec(b.min);
  const prevMax = dec(bands.items[k - 1].max);
  return bands.rule === 'above-previous-max' ? prevMax.plus(bands.step) : prevMax;
}

export function bandIndex(bands: Bands, score: Big | number): number {
  const s = dec(score);
  let found = -1;
  for (let k = 0; k < bands.items.length; k++) if (reaches(bands, k, s)) found = k;
  return found;
}

const ref = (b: Band | Bands['none']): BandRef => ({ id: b.id, label: b.label });

export function bandFor(bands: Bands, score: Big | number): BandRef {
  const k = bandIndex(bands, score);
  return k < 0 ? ref(bands.none) : ref(bands.items[k]);
}

export function nextBandFor(bands: Bands, score: Big | number): NextBand | null {
  const k = bandIndex(bands, score) + 1;
  if (k >= bands.items.length) return null;
  const threshold = bandThreshold(bands, k);
  return { ...ref(bands.items[k]), threshold: toNumber(threshold), pointsNeeded: toNumber(threshold.minus(score)) };
}

/** Score a set of already validated points (missing codes count as 0). */
export function scoreAnswers(rules: Rules, points: ReadonlyMap<string, number>): ScoreResult {
  const groupTotals = new Map<string, Big>(rules.groups.map((g) => [g.id, ZERO]));
  const indicators: IndicatorScore[] = rules.indicators.map((ind) => {
    let answered = 0;
    const raw = sum(
      ind.questions.map((q) => {
        const p = points.get(q.code);
        if (p !== undefined) answered++;
        return p ?? 0;
      }),
    );
    const capped = minDec(raw, dec(ind.maxPoints));
    groupTotals.set(ind.group, (groupTotals.get(ind.group) ?? ZERO).plus(capped));
    return {
      code: ind.code,
      group: ind.group,
      score: toNumber(capped),
      max: ind.maxPoints,
      raw: toNumber(raw),
      capped: raw.gt(ind.maxPoints),
      answered,
      questions: ind.questions.length,
    };
  });
  const total = sum(groupTotals.values());
  return {
    rules: rules.id,
    total: toNumber(total),
    max: rules.maxTotal,
    band: bandFor(rules.bands, total),
    nextBand: nextBandFor(rules.bands, total),
    groups: rules.groups.map((g) => ({ id: g.id, score: toNumber(groupTotals.get(g.id)!), max: rules.groupMax.get(g.id)! })),
    indicators,
  };
}
