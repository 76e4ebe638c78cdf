import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../src/domain/model';
import { changesOn } from '../../../src/domain/revision';
import { mergeEvaluatorPoints, pointsAsEvaluated } from '../../../src/domain/evaluatorPoints';

const entry = (kind: Activity['kind'], code: string | undefined, detail: Record<string, unknown> = {}): Activity => ({ workspaceId: 'w', at: 1, kind, code, detail });

describe('what was done on a noted question', () => {
  it('counts its own entries and evidence moved out of it, not imports or the checklist itself', () => {
    const log = [
      entry('evidence-moved', '19.7', { documentId: 'd1', from: '4.1', to: '19.7' }), // moved away from 4.1
      entry('answer-changed', '4.1', { notes: { from: '', to: 'x' } }),
      entry('evidence-linked', '6.1', { documentId: 'd2' }),
      entry('import', undefined),
      entry('revision-item-changed', '4.1'),
    ];
    expect(changesOn(log, '4.1').map((a) => a.kind)).toEqual(['evidence-moved', 'answer-changed']);
    expect(changesOn(log, '19.7').map((a) => a.kind)).toEqual(['evidence-moved']);
    expect(changesOn(log, '6.1')).toHaveLength(1);
    expect(changesOn(log, '1.1')).toEqual([]);
  });
});

describe("the evaluator's points", () => {
  it('the later point wins per question; without rules every point is kept; the score as evaluated replaces the city\'s', () => {
    const merged = mergeEvaluatorPoints(null, { '1.1': { points: 6, reviewer: 'A', at: 20 } }, [
      { code: '1.1', points: 3, reviewer: 'B', updatedAt: 10 }, // older: ignored
      { code: '2.1', points: 1, reviewer: 'B', updatedAt: 30 },
      { code: '3.1', points: null, reviewer: 'B', updatedAt: 30 },
    ]);
    expect(merged).toEqual({ '1.1': { points: 6, reviewer: 'A', at: 20 }, '2.1': { points: 1, reviewer: 'B', at: 30 } });
    const answers = new Map([['1.1', { points: 12 }], ['2.1', { points: null }], ['4.1', { points: 1 }]]);
    expect([...pointsAsEvaluated(answers, merged)].sort()).toEqual([['1.1', 6], ['2.1', 1], ['4.1', 1]]);
    // the evaluator's own reviews read the same way (his total in Tinjauan)
    expect([...pointsAsEvaluated(answers, [{ code: '1.1', points: 6 }, { code: '4.1', points: null }])].sort()).toEqual([['1.1', 6], ['4.1', 1]]);
  });
});
