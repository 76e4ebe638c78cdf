import { getDb } from '../../db/client';
import { updateRevisionItem } from '../../db/review';
import { href } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useFrozen } from '../../shared/useFrozen';
import { useWorkspace } from '../../shared/workspace';
import { useReviewNotes } from '../../shared/reviewNotes';
import { useEvaluatorPoints } from '../../shared/evaluatorPoints';

/** The evaluators' verdicts and notes on this question, where the officer works on it. */
export function QuestionReview({ code }: { code: string }) {
  const { ws, rules } = useWorkspace();
  const { t, dt, pts } = useFmt();
  const frozen = useFrozen();
  const items = useReviewNotes(ws.id).byCode.get(code) ?? [];
  const evaluated = useEvaluatorPoints()[code];
  if (!items.length && !evaluated) return null;
  return (
    <section className="card review-notes" aria-label={t('instrument.reviewNotes')} data-testid="question-review">
      <h3>{t('instrument.reviewNotes')}</h3>
      {evaluated && (
        <p data-testid="question-evaluated">
          {t('instrument.reviewPoints', { points: pts(evaluated.points), max: pts(rules.questionByCode.get(code)?.maxPoints ?? 0), who: evaluated.reviewer })}
        </p>
      )}
      {items.map((i) => (
        <div key={i.id} className={`review-note${i.done ? ' done' : ''}`} data-verdict={i.verdict}>
          <p>
            <span className={`verdict verdict-${i.verdict}`}>{t(`review.verdicts.${i.verdict}`)}</span> <span className="muted small">{t('instrument.reviewBy', { who: i.reviewer, when: dt(i.notedAt, false) })}</span>
          </p>
          {i.note && <p className="note">“{i.note}”</p>}
          {i.verdict !== 'sesuai' && (
            <label className="check small">
              <input type="checkbox" checked={i.done} disabled={frozen} onChange={(e) => void updateRevisionItem(getDb(), i.id, { done: e.target.checked })} /> {t('instrument.reviewFixed')}
            </label>
          )}
        </div>
      ))}
      <p className="small">
        <a href={href(ws.id, 'revisi')}>{t('instrument.reviewAll')}</a>
      </p>
    </section>
  );
}
