/**
 * Progress views derived from answers: per agency, largest gaps, unanswered counts.
 * Pure functions of (rules, answers, assignments); the UI and the summary print call them.
 */
import { dec, sum, toNumber } from './decimal';
import type { Answer, AnswerStatus } from './model';
import type { Rules } from './rules/load';
import type { ScoreResult } from './scoring';

export interface AgencyProgress {
  agency: string;
  questions: number;
  ready: number;
  inProgress: number;
  notStarted: number;
  points: number;
  maxPoints: number;
}

export function agencyOf(rules: Rules, assignments: ReadonlyMap<string, string[]>, code: string): string[] {
  return assignments.get(code) ?? rules.questionByCode.get(code)?.agencies ?? [];
}

/**
 * Where the status and the points of an answer say different things: "ready" without points, or
 * points while the status still says "not started". Shown beside the answer, never silent.
 */
export type Disagreement = 'ready-without-points' | 'points-not-started';

export function disagreement(a: Pick<Answer, 'status' | 'points'> | undefined): Disagreement | null {
  if (!a) return null;
  if (a.status === 'ready' && a.points == null) return 'ready-without-points';
  if (a.status === 'not-started' && a.points != null && a.points > 0) return 'points-not-started';
  return null;
}

export function statusOf(answers: ReadonlyMap<string, Answer>, code: string): AnswerStatus {
  return answers.get(code)?.status ?? 'not-started';
}

export function agencyProgress(rules: Rules, answers: ReadonlyMap<string, Answer>, assignments: ReadonlyMap<string, string[]>): AgencyProgress[] {
  const by = new Map<string, { p: AgencyProgress; pts: ReturnType<typeof dec>[]; max: number[] }>();
  for (const a of rules.agencies) {
    by.set(a.id, { p: { agency: a.id, questions: 0, ready: 0, inProgress: 0, notStarted: 0, points: 0, maxPoints: 0 }, pts: [], max: [] });
  }
  for (const q of rules.questionByCode.values()) {
    for (const ag of agencyOf(rules, assignments, q.code)) {
      const e = by.get(ag);
      if (!e) continue;
      e.p.questions++;
      const st = statusOf(answers, q.code);
      if (st === 'ready') e.p.ready++;
      else if (st === 'in-progress') e.p.inProgress++;
      else e.p.notStarted++;
      e.pts.push(dec(answers.get(q.code)?.points ?? 0));
      e.max.push(q.maxPoints);
    }
  }
  return [...by.values()]
    .filter((e) => e.p.questions > 0)
    .map((e) => ({ ...e.p, points: toNumber(sum(e.pts)), maxPoints: toNumber(sum(e.max)) }));
}

/** Indicators by points still missing, largest first. */
export function largestGaps(score: ScoreResult, limit = 5): { code: string; group: string; missing: number }[] {
  return score.indicators
    .map((i) => ({ code: i.code, group: i.group, missing: toNumber(dec(i.max).minus(i.score)) }))
    .filter((g) => g.missing > 0)
    .sort((a, b) => b.missing - a.missing)
    .slice(0, limit);
}

/** Agencies with the most questions not yet ready. */
export function agenciesBehind(progress: AgencyProgress[], limit = 5): { agency: string; open: number }[] {
  return progress
    .map((p) => ({ agency: p.agency, open: p.questions - p.ready }))
    .filter((p) => p.open > 0)
    .sort((a, b) => b.open - a.open)
    .slice(0, limit);
}
