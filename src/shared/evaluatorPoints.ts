import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getDb } from '../db/client';
import { evaluatorPointsKey, pointsAsEvaluated, type EvaluatorPoints } from '../domain/evaluatorPoints';
import { scoreAnswers, type ScoreResult } from '../domain/scoring';
import { useWorkspace } from './workspace';

const NONE: EvaluatorPoints = {};

/** The evaluators' points kept from their responses (Revisi, a question's evaluator notes). */
export function useEvaluatorPoints(): EvaluatorPoints {
  const { ws } = useWorkspace();
  const row = useLiveQuery(() => getDb().settings.get(evaluatorPointsKey(ws.id)), [ws.id]);
  return (row?.value as EvaluatorPoints | undefined) ?? NONE;
}

/** The score with the evaluators' points in place of the city's where they gave any (null when they gave none). */
export function useEvaluatedScore(): { score: ScoreResult; count: number } | null {
  const { rules, answers } = useWorkspace();
  const evaluated = useEvaluatorPoints();
  return useMemo(() => {
    const count = Object.keys(evaluated).length;
    return count ? { score: scoreAnswers(rules, pointsAsEvaluated(answers, evaluated)), count } : null;
  }, [rules, answers, evaluated]);
}
