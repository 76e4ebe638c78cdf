/**
 * The path to the next predicate: the smallest set of questions whose points would lift the total
 * to the next band, exact under the band rule and the indicator caps.
 *
 * Each question below its maximum can gain (max - current). Gains inside one indicator share the
 * indicator's headroom (cap - current indicator score), so the value of choosing m questions of an
 * indicator, best first, is min(headroom, sum of the m largest gains): concave in m. Maximising a
 * sum of concave functions under a budget of k picks is solved exactly by taking, k times, the pick
 * with the largest marginal gain; so the greedy below finds the fewest questions that reach the
 * target (and, for that number, the largest total gain). Decimal arithmetic throughout (big.js).
 *
 * The chosen questions are then presented ordered by points gained per missing document: questions
 * that already have evidence (only the grading or the answer is missing) come first.
 */
import Big from 'big.js';
import { dec, toNumber } from './decimal';
import type { Answer } from './model';
import type { Rules } from './rules/load';
import { bandIndex, bandThreshold, type ScoreResult } from './scoring';

export interface PlanItem {
  code: string;
  indicator: string;
  group: string;
  agencies: string[];
  current: number;
  max: number;
  /** What this question adds to the total (capped by its indicator). */
  gain: number;
  /** 1 when the question has no evidence yet, else 0. */
  missingDocuments: number;
  /**
   * What is left, and so who acts: `grade` when its evidence is in hand (the city's officer
   * completes the answer and its points, which only the city sets); `check` when its only
   * evidence was linked from the app's suggestions and nobody has said it was checked (the
   * officer opens it first: it may not answer the question); `evidence` when the agencies (or
   * kecamatan/desa) still owe documents.
   */
  step: 'grade' | 'check' | 'evidence';
  /** gain per missing document (gain itself when nothing is missing). */
  gainPerDocument: number;
}

export interface Plan {
  target: { id: string; threshold: number } | null;
  pointsNeeded: number;
  items: PlanItem[];
  totalGain: number;
  /** False when even every open question at its maximum would not reach the target. */
  reachable: boolean;
}

export function planToNextBand(
  rules: Rules,
  score: ScoreResult,
  answers: ReadonlyMap<string, Answer>,
  evidenceCount: ReadonlyMap<string, number>,
  agenciesOf: (code: string) => string[],
  /** Questions whose every link came from a suggestion not checked since. */
  unchecked: ReadonlySet<string> = new Set(),
): Plan {
  const k = bandIndex(rules.bands, score.total) + 1;
  if (k >= rules.bands.items.length) return { target: null, pointsNeeded: 0, items: [], totalGain: 0, reachable: true };
  const threshold = bandThreshold(rules.bands, k);
  const needed = threshold.minus(score.total);

  // per indicator: remaining headroom and candidate gains, largest first
  const headroom = new Map<string, Big>();
  const lists = new Map<string, { code: string; gain: Big }[]>();
  for (const ind of rules.indicators) {
    const s = score.indicators.find((x) => x.code === ind.code)!;
    headroom.set(ind.code, dec(ind.maxPoints).minus(s.score));
    const cands = ind.questions
      .map((q) => ({ code: q.code, gain: dec(q.maxPoints).minus(answers.get(q.code)?.points ?? 0) }))
      .filter((c) => c.gain.gt(0))
      .sort((a, b) => b.gain.cmp(a.gain) || (a.code < b.code ? -1 : 1));
    lists.set(ind.code, cands);
  }
  const used = new Map<string, Big>(); // points already taken from each indicator's headroom
  const pos = new Map<string, number>();
  const chosen: { code: string; indicator: string; gain: Big }[] = [];
  let total = dec(0);
  while (total.lt(needed)) {
    let best: { ind: string; gain: Big; code: string } | null = null;
    for (const [ind, cands] of lists) {
      const i = pos.get(ind) ?? 0;
      if (i >= cands.length) continue;
      const room = headroom.get(ind)!.minus(used.get(ind) ?? 0);
      if (room.lte(0)) continue;
      const g = cands[i].gain.lt(room) ? cands[i].gain : room;
      if (!best || g.gt(best.gain) || (g.eq(best.gain) && cands[i].code < best.code)) best = { ind, gain: g, code: cands[i].code };
    }
    if (!best) break;
    pos.set(best.ind, (pos.get(best.ind) ?? 0) + 1);
    used.set(best.ind, (used.get(best.ind) ?? dec(0)).plus(best.gain));
    total = total.plus(best.gain);
    chosen.push({ code: best.code, indicator: best.ind, gain: best.gain });
  }
  const items: PlanItem[] = chosen.map((c) => {
    const q = rules.questionByCode.get(c.code)!;
    const missing = (evidenceCount.get(c.code) ?? 0) > 0 ? 0 : 1;
    const gain = toNumber(c.gain);
    return {
      code: c.code,
      indicator: c.indicator,
      group: q.group,
      agencies: agenciesOf(c.code),
      current: answers.get(c.code)?.points ?? 0,
      max: q.maxPoints,
      gain,
      missingDocuments: missing,
      step: missing ? 'evidence' : unchecked.has(c.code) ? 'check' : 'grade',
      gainPerDocument: missing ? gain / missing : gain,
    };
  });
  items.sort((a, b) => a.missingDocuments - b.missingDocuments || b.gainPerDocument - a.gainPerDocument || (a.code < b.code ? -1 : 1));
  return {
    target: { id: rules.bands.items[k].id, threshold: toNumber(threshold) },
    pointsNeeded: toNumber(needed),
    items,
    totalGain: toNumber(total),
    reachable: total.gte(needed),
  };
}
