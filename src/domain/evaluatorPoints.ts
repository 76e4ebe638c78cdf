/**
 * The points an evaluator gave, as the city keeps them from the evaluator's response file. They
 * decide the predicate, so the city sees them beside its own (the evaluator walk of 6 Dec 2026
 * found them dropped on import). Kept per question, the latest note winning; pure.
 */
import type { Answer } from './model';
import type { Rules } from './rules/load';

export interface EvaluatorPoint {
  points: number;
  reviewer: string;
  /** When the evaluator wrote it (ms). */
  at: number;
}
export type EvaluatorPoints = Record<string, EvaluatorPoint>;

/** The settings row that holds a workspace's evaluator points (purged with the workspace: its key ends in `.id`). */
export const evaluatorPointsKey = (workspaceId: string) => `evaluatorPoints.${workspaceId}`;

/** `current` with the reviews' points taken in: per question, the later one stays; a question unknown to the rules or points above its maximum are left out. */
export function mergeEvaluatorPoints(rules: Rules | null, current: EvaluatorPoints, reviews: { code: string; points: number | null; reviewer: string; updatedAt: number }[]): EvaluatorPoints {
  const out = { ...current };
  for (const r of reviews) {
    if (r.points == null) continue;
    const q = rules?.questionByCode.get(r.code);
    if (rules && (!q || r.points > q.maxPoints)) continue;
    const had = out[r.code];
    if (!had || r.updatedAt >= had.at) out[r.code] = { points: r.points, reviewer: r.reviewer, at: r.updatedAt };
  }
  return out;
}

/**
 * The city's points with the evaluator's in their place where the evaluator gave any: the score
 * as evaluated. `evaluated`: what the city kept (EvaluatorPoints) or the evaluator's own reviews.
 */
export function pointsAsEvaluated(answers: ReadonlyMap<string, Pick<Answer, 'points'>>, evaluated: EvaluatorPoints | readonly { code: string; points: number | null }[]): Map<string, number> {
  const pts = new Map<string, number>();
  for (const [code, a] of answers) if (a.points != null) pts.set(code, a.points);
  const given = Array.isArray(evaluated) ? evaluated.map((r) => [r.code, r.points] as const) : Object.entries(evaluated as EvaluatorPoints).map(([code, e]) => [code, e.points] as const);
  for (const [code, p] of given) if (p != null) pts.set(code, p);
  return pts;
}
