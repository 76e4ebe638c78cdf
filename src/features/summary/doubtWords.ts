/**
 * How sure the score is, next to it on page 1 (sheet and PDF): the answers graded without
 * evidence, the questions not graded, the questions whose evidence looks misfiled, and how far the
 * score may fall when an evaluator checks. Without it, a page 1 printed alone showed the score
 * with no warning (the counts were on the annex's third page). Null when there is nothing to say.
 */
import type { Summary } from '../../domain/summary';
import type { PlanWords } from './planWords';

export function doubtWords(s: Summary, w: Pick<PlanWords, 't' | 'pts'>): { lead: string; text: string } | null {
  const parts = (['noEvidence', 'unanswered', 'misfiled'] as const).filter((k) => s.gaps[k].length > 0).map((k) => w.t(`summary.doubts.${k}`, { count: s.gaps[k].length }));
  // files gathered but given to no question: a head of office reads them as work not done (the eighth walk)
  if (s.unlinkedDocuments > 0) parts.push(w.t('summary.doubts.unlinked', { count: s.unlinkedDocuments }));
  // evidence the app linked by its own suggestion and nobody looked at: not yet evidence in hand (the eighth walk)
  if (s.uncheckedQuestions > 0) parts.push(w.t('summary.doubts.unchecked', { count: s.uncheckedQuestions }));
  if (!parts.length) return null;
  const close = s.pointsAtRisk > 0 ? w.t(s.scope.kind === 'all' ? 'summary.doubts.fall' : 'summary.doubts.fallScoped', { points: w.pts(s.pointsAtRisk), floor: w.pts(Math.max(0, s.total - s.pointsAtRisk)) }) : w.t('summary.doubts.change');
  return { lead: w.t('summary.doubts.lead'), text: `${parts.join(' · ')}. ${close}` };
}
