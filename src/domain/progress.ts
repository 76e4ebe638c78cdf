/**
 * Progress views derived from answers: per agency, largest gaps, unanswered counts.
 * Pure functions of (rules, answers, assignments); the UI and the summary print call them.
 */
import { dec, sum, toNumber } from './decimal';
import { MAX_OFFICE, type Answer, type AnswerStatus } from './model';
import type { Rules } from './rules/load';
import type { Agency } from './rules/schema';
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

/**
 * The agency the officer works in: it runs the Gugus Tugas KLA, keeps the workspace and alone sets
 * points. The rules name it (DPPPAPPKB in 2024); the page names the officer by that name.
 */
export const CITY_OFFICE = 'dp3akb';

/**
 * The rules' agencies as this city names them: its office under the name set in Pengaturan
 * (`Workspace.office`: DP3A, DPPPAPPKB…), the rules' name when unset, as on the printed summary.
 * The same list when nothing is renamed.
 */
export function cityAgencies(agencies: readonly Agency[], office: string | undefined): readonly Agency[] {
  const name = office?.trim().slice(0, MAX_OFFICE);
  if (!name) return agencies;
  return agencies.map((a) => (a.id === CITY_OFFICE && a.name !== name ? { ...a, name } : a));
}

export function agencyOf(rules: Rules, assignments: ReadonlyMap<string, string[]>, code: string): string[] {
  return assignments.get(code) ?? rules.questionByCode.get(code)?.agencies ?? [];
}

/**
 * Where the status and the points of an answer say different things: "ready" without points, or
 * points while the status still says "not started". Shown beside the answer, never silent.
 * A question worth 0 points (26.17 in 2024) has nothing to grade: ready without points is right.
 */
export type Disagreement = 'ready-without-points' | 'points-not-started';

export function disagreement(a: Pick<Answer, 'status' | 'points'> | undefined, max?: number): Disagreement | null {
  if (!a) return null;
  if (a.status === 'ready' && a.points == null && max !== 0) return 'ready-without-points';
  if (a.status === 'not-started' && a.points != null && a.points > 0) return 'points-not-started';
  return null;
}

/** A question still waiting for its points: it has none yet, and carries some (one worth 0, 26.17 in 2024, has nothing to grade). */
export function awaitsPoints(rules: Rules, answers: ReadonlyMap<string, Answer>, code: string): boolean {
  return (rules.questionByCode.get(code)?.maxPoints ?? 0) > 0 && answers.get(code)?.points == null;
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

/** The questions an agency still owes: assigned to it and not yet ready. */
export const notReady = (p: AgencyProgress): number => p.questions - p.ready;

/**
 * The one order in which agencies are ranked as behind, wherever they are listed (Beranda, the
 * summary and its PDF, Perangkat Daerah): most questions not yet ready first (the work still owed,
 * which a share would hide: 1 open question of 1 is not further behind than 40 of 60); ties go to
 * the lower share ready, then to the agency id.
 */
export function rankByWorkOwed<T extends AgencyProgress>(progress: readonly T[]): T[] {
  const share = (p: AgencyProgress) => (p.questions ? p.ready / p.questions : 1);
  return [...progress].sort((a, b) => notReady(b) - notReady(a) || share(a) - share(b) || (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
}

/** The agencies behind: those that still owe questions, in the order of `rankByWorkOwed`. */
export function agenciesBehind<T extends AgencyProgress>(progress: readonly T[], limit = Infinity): T[] {
  return rankByWorkOwed(progress)
    .filter((p) => notReady(p) > 0)
    .slice(0, limit);
}
