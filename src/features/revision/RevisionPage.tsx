import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getDb } from '../../db/client';
import { updateRevisionItem } from '../../db/review';
import { countdown, formatRemaining } from '../../domain/countdown';
import type { Activity, RevisionItem } from '../../domain/model';
import { useActivityWords } from '../../shared/activityWords';
import { changesOn, isFrozen } from '../../domain/revision';
import { href } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useNow } from '../../shared/useNow';
import { useWorkspace } from '../../shared/workspace';
import { useEvaluatedScore, useEvaluatorPoints } from '../../shared/evaluatorPoints';
import type { EvaluatorPoint } from '../../domain/evaluatorPoints';

/** Revisi: the countdown large and clear in WIB, and the checklist of evaluator notes. */
export function RevisionPage() {
  const { ws, rules, answers } = useWorkspace();
  const { t, dt, lt } = useFmt();
  const evaluated = useEvaluatorPoints();
  const now = useNow(1000);
  const db = getDb();
  const items = useLiveQuery(() => db.revisionItems.where('workspaceId').equals(ws.id).toArray(), [ws.id]);
  const since = ws.revision?.notesAt ?? 0;
  const activity = useLiveQuery(() => db.activity.where('[workspaceId+at]').between([ws.id, since], [ws.id, Infinity]).toArray(), [ws.id, since]);
  const rev = ws.revision;
  const state = rev ? countdown(rev.deadline, now) : null;
  const frozen = isFrozen(ws, now);
  const sorted = [...(items ?? [])].sort((a, b) => Number(a.done) - Number(b.done) || (a.code < b.code ? -1 : 1));
  const open = sorted.filter((i) => !i.done && i.verdict !== 'sesuai').length;
  // what needs work first (open before fixed); the "sesuai" ones folded below
  const needsWork = sorted.filter((i) => i.verdict !== 'sesuai');
  const fine = sorted.filter((i) => i.verdict === 'sesuai');
  const describe = useActivityWords(activity);
  const row = (i: RevisionItem) => (
    <ChecklistItem key={i.id} item={i} evaluated={evaluated[i.code]} max={rules.questionByCode.get(i.code)?.maxPoints} cityPoints={answers.get(i.code)?.points ?? null} frozen={frozen} changes={changesOn(activity ?? [], i.code)} describe={describe} title={lt(rules.questionByCode.get(i.code)?.prompt ?? { id: i.code, en: i.code })} indicator={rules.questionByCode.get(i.code)?.indicator ?? ''} wsId={ws.id} />
  );

  return (
    <div className="page revision-page">
      <h1>{t('revision.title')}</h1>
      {!rev ? (
        <p className="muted">{t('revision.none')}</p>
      ) : (
        <section className={`card countdown${frozen ? ' closed' : state?.level ? ` warn-${state.level}` : ''}`} data-testid="countdown">
          <div className="countdown-big num" data-testid="countdown-time">
            {frozen ? t('revision.closed') : formatRemaining(state!.remainingMs)}
          </div>
          <p>
            {t('revision.deadline')}: <strong data-testid="deadline">{dt(rev.deadline)}</strong>
          </p>
          <p className="muted small">{t('revision.started', { when: dt(rev.notesAt), hours: rev.hours })}</p>
          <p data-testid="open-count">{t('revision.openItems', { count: open })}</p>
          {frozen && <p className="error">{t('revision.frozen')}</p>}
        </section>
      )}
      <EvaluatedScore />
      <section className="card">
        <h2>{t('revision.checklist')}</h2>
        {sorted.length === 0 && <p className="muted">{t('revision.noItems')}</p>}
        <ol className="checklist">{needsWork.map(row)}</ol>
        {fine.length > 0 && (
          <details className="fine-items" data-testid="fine-items">
            <summary>{t('revision.fine', { count: fine.length })}</summary>
            <ol className="checklist">{fine.map(row)}</ol>
          </details>
        )}
      </section>
    </div>
  );
}

/** The total as the evaluators scored it, beside the city's: it is theirs that decides the predicate. */
function EvaluatedScore() {
  const { score } = useWorkspace();
  const evaluated = useEvaluatedScore();
  const { t, pts, lt } = useFmt();
  if (!evaluated) return null;
  return (
    <section className="card" data-testid="evaluated-score">
      <p>
        {t('revision.evaluatedScore')}: <strong className="num">{pts(evaluated.score.total)}</strong> ({lt(evaluated.score.band.label)}) · {t('revision.cityScore')}:{' '}
        <span className="num">{pts(score.total)}</span> ({lt(score.band.label)})
      </p>
      <p className="muted small">{t('revision.evaluatedHow', { count: evaluated.count })}</p>
    </section>
  );
}

interface ItemProps {
  item: RevisionItem;
  evaluated?: EvaluatorPoint;
  max?: number;
  cityPoints: number | null;
  frozen: boolean;
  changes: Activity[];
  describe: (a: Activity) => string;
  title: string;
  indicator: string;
  wsId: string;
}

function ChecklistItem({ item, evaluated, max, cityPoints, frozen, changes, describe, title, indicator, wsId }: ItemProps) {
  const { t, pts, dt } = useFmt();
  const [response, setResponse] = useState(item.response);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(item.done);
  useEffect(() => setDone(item.done), [item.done]);
  const save = async (patch: Partial<Pick<RevisionItem, 'response' | 'done'>>) => {
    try {
      await updateRevisionItem(getDb(), item.id, patch);
      setError(null);
    } catch (e) {
      setError((e as Error).name === 'FrozenError' ? t('revision.frozen') : (e as Error).message);
    }
  };
  return (
    <li className={`check-item${item.done ? ' done' : ''}`} data-item={item.code}>
      <div className="check-head">
        <a href={href(wsId, 'instrumen', indicator, item.code)}>
          <strong>{item.code}</strong>
        </a>
        {/* a visible word beside the box: a bare box said nothing to a sighted officer (the walk of 6 Dec 2026) */}
        <label className="check small">
          <input
            type="checkbox"
            checked={done}
            disabled={frozen}
            onChange={(e) => {
              setDone(e.target.checked);
              void save({ done: e.target.checked });
            }}
            aria-label={t('revision.done', { code: item.code })}
          />
          {t('revision.doneShort')}
        </label>
        <span className={`verdict verdict-${item.verdict}`}>{t(`review.verdicts.${item.verdict}`)}</span>
        <span className="muted small">{item.reviewer}</span>
        {!changes.length && <span className="small">{t('revision.unchanged')}</span>}
      </div>
      <p className="small muted">{title}</p>
      {changes.length > 0 && (
        <details className="small item-changes" data-testid="item-changes">
          <summary>{t('revision.changed', { count: changes.length })}</summary>
          <ul>
            {changes.map((a) => (
              <li key={a.seq ?? `${a.at}-${a.kind}`}>
                <span className="muted">{dt(a.at)}</span> · {describe(a)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="note">“{item.note}”</p>
      {evaluated && (
        <p className="small" data-testid="item-points">
          {t('revision.itemPoints', { points: pts(evaluated.points), max: max === undefined ? '?' : pts(max), city: cityPoints === null ? '–' : pts(cityPoints) })}
        </p>
      )}
      <label className="block small">
        {t('revision.response')}
        <textarea rows={2} value={response} disabled={frozen} onChange={(e) => setResponse(e.target.value)} onBlur={() => response !== item.response && void save({ response })} />
      </label>
      {error && <p className="error">{error}</p>}
    </li>
  );
}
