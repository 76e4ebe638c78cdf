import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getDb } from '../../db/client';
import { getQuestionActivity } from '../../db/queries';
import { dec, toNumber } from '../../domain/decimal';
import { ANSWER_STATUSES, emptyAnswer } from '../../domain/model';
import { disagreement } from '../../domain/progress';
import { activityKind, useActivityWords } from '../../shared/activityWords';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { QuestionAgencies } from './QuestionAgencies';
import { QuestionEvidence } from './QuestionEvidence';
import { QuestionFlags } from './QuestionFlags';
import { QuestionReview } from './QuestionReview';
import { usePointsField } from './usePointsField';
import { useSaveAnswer } from './useSave';
import { useFrozen } from '../../shared/useFrozen';
import { useFlushOnLeave } from '../../shared/useFlushOnLeave';
import { dropDraft, keepDraft } from '../../shared/noteDrafts';
import { officeName } from '../../domain/model';

const FRACTIONS = [0, 0.25, 0.5, 0.75, 1];


export function QuestionDetail({ code }: { code: string }) {
  const { ws, rules, answers, score } = useWorkspace();
  const { t, pts, dt, lt } = useFmt();
  const q = rules.questionByCode.get(code)!;
  const ind = rules.indicatorByCode.get(q.indicator)!;
  const answer = answers.get(code) ?? emptyAnswer(ws.id, code);
  const { save, assign, error, savedAt } = useSaveAnswer(code);
  const indScore = score.indicators.find((i) => i.code === ind.code)!;
  const frozen = useFrozen();
  // an agency's copy carries no points: they are the city's to give (issue 12)
  const agencyCopy = ws.role === 'agency';

  const savePoints = useCallback((points: number | null) => void save({ points }), [save]);
  const points = usePointsField({ stored: answer.points, max: q.maxPoints, format: pts, save: savePoints });

  const [notes, setNotes] = useState(answer.notes);
  const notesDirty = useRef(false);
  // what is typed now: a save scheduled earlier must never send an older text (a second edit made
  // in one change, a paste or one key, was once lost that way)
  const latestNotes = useRef(notes);
  latestNotes.current = notes;
  useEffect(() => {
    if (!notesDirty.current) setNotes(answer.notes);
  }, [answer.notes]);
  const flushNotes = useCallback(() => {
    if (!notesDirty.current) return;
    notesDirty.current = false;
    const text = latestNotes.current;
    void save({ notes: text }).then((ok) => ok && dropDraft(ws.id, code, text));
  }, [save, ws.id, code]);
  // typing pauses save after 600 ms
  useEffect(() => {
    if (!notesDirty.current) return;
    const h = setTimeout(flushNotes, 600);
    return () => clearTimeout(h);
  }, [notes, flushNotes]);
  // leaving the question, closing the tab or hiding it saves what was typed
  useFlushOnLeave(flushNotes);

  const [rows, setRows] = useState(() => Object.entries(answer.dataValues));
  const storedValues = JSON.stringify(answer.dataValues);
  useEffect(() => setRows(Object.entries(JSON.parse(storedValues) as Record<string, string>)), [storedValues]);
  const commitRows = (next: [string, string][]) => {
    const clean = Object.fromEntries(next.filter(([k]) => k.trim()).map(([k, v]) => [k.trim(), v]));
    void save({ dataValues: clean });
  };

  // Optimistic status: the radio moves at once, the stored value follows from the live query.
  const [statusShown, setStatusShown] = useState(answer.status);
  useEffect(() => setStatusShown(answer.status), [answer.status]);
  const disagrees = agencyCopy ? null : disagreement({ status: statusShown, points: answer.points }, q.maxPoints);

  const activity = useLiveQuery(() => getQuestionActivity(getDb(), ws.id, code), [ws.id, code]);
  const say = useActivityWords(activity);

  return (
    <article className="detail" aria-labelledby="q-title">
      <header>
        <div className="muted small">
          {t('instrument.indicator')} {ind.code} · {lt(ind.title)}
        </div>
        <h2 id="q-title">
          <span className="code">{code}</span> {lt(q.prompt)}
        </h2>
        <div className="flags">
          {q.forKecamatan && <span className="tag">{t('instrument.forKecamatan')}</span>}
          {q.forDesa && <span className="tag">{t('instrument.forDesa')}</span>}
          {q.maxPoints === 0 && <span className="tag">{t('instrument.zeroPoints')}</span>}
        </div>
      </header>

      <QuestionReview code={code} />
      {frozen && (
        <p className="error" role="alert" data-testid="frozen">
          {t('revision.frozen')}
        </p>
      )}
      <fieldset className="edit-fields" disabled={frozen}>
      {!agencyCopy && (
      <section className="points-box">
        {q.maxPoints === 0 ? (
          // nothing to grade (26.17 in 2024): no field and no row of "0" buttons, a sentence instead
          <p data-testid="no-points">{t('instrument.noPointsBox')}</p>
        ) : (
          <>
            <label htmlFor="points-input">{t('instrument.pointsLabel', { max: pts(q.maxPoints) })}</label>
            <div className="points-row">
              <input
                id="points-input"
                name="points"
                inputMode="decimal"
                autoComplete="off"
                className="num"
                value={points.text}
                aria-invalid={points.error}
                aria-describedby={points.error ? 'points-error' : undefined}
                onChange={(e) => points.onChange(e.target.value)}
                onBlur={points.onCommit}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') points.onCommit();
                }}
              />
              <span className="num muted">/ {pts(q.maxPoints)}</span>
              <div className="fraction-buttons" role="group" aria-label={t('instrument.points')}>
                {FRACTIONS.map((f) => {
                  // exact: 3.2 x 0.75 is 2.4, not 2.4000000000000004 (which would tip a band)
                  const v = toNumber(dec(q.maxPoints).times(f));
                  return (
                    <button key={f} type="button" aria-pressed={answer.points === v} onClick={() => void save({ points: v })}>
                      {pts(v)}
                    </button>
                  );
                })}
                <button type="button" className="link" onClick={() => void save({ points: null })}>
                  {t('instrument.clear')}
                </button>
              </div>
            </div>
            {points.error && (
              <p id="points-error" className="error" role="alert">
                {t('instrument.pointsInvalid', { max: pts(q.maxPoints) })}
              </p>
            )}
          </>
        )}
        {indScore.capped && <p className="muted small">{t('instrument.capped', { raw: pts(indScore.raw), max: pts(indScore.max) })}</p>}
      </section>
      )}

      <fieldset className="status-box">
        <legend>{t('instrument.status')}</legend>
        {ANSWER_STATUSES.map((s) => (
          <label key={s} className="radio">
            <input type="radio" name="status" value={s} checked={statusShown === s}
              onChange={() => {
                setStatusShown(s);
                void save({ status: s });
              }} /> {t(`status.${s}`)}
          </label>
        ))}
        {disagrees && (
          // .warn draws its own ⚠ (styles.css): one here too showed "⚠ ⚠"
          <p className="warn small" role="status" data-testid="disagreement" data-kind={disagrees}>
            {t(`instrument.disagree.${disagrees}`)}
          </p>
        )}
        {agencyCopy && (
          <p className="muted small" data-testid="points-by-city">
            {t('instrument.pointsByCity', { office: officeName(ws) })}
          </p>
        )}
      </fieldset>

      <label className="block">
        {t(agencyCopy ? 'instrument.notesAgency' : 'instrument.notes', { office: officeName(ws) })}
        <textarea
          name="notes"
          rows={3}
          value={notes}
          placeholder={t(agencyCopy ? 'instrument.notesAgencyPlaceholder' : 'instrument.notesPlaceholder')}
          onChange={(e) => {
            notesDirty.current = true;
            // kept at once: a save when the page goes can be cut off by the reload (noteDrafts.ts)
            keepDraft(ws.id, code, e.target.value);
            setNotes(e.target.value);
          }}
          onBlur={flushNotes}
        />
      </label>

      <section>
        <h3>{t('instrument.data')}</h3>
        <p className="muted small">{t('instrument.dataHelp')}</p>
        <table className="data-values">
          {rows.length > 0 && (
            <thead>
              <tr>
                <th scope="col">{t('instrument.dataName')}</th>
                <th scope="col">{t('instrument.dataValue')}</th>
                <td />
              </tr>
            </thead>
          )}
          <tbody>
            {rows.map(([k, v], i) => (
              <tr key={i}>
                <td>
                  <input aria-label={t('instrument.dataName')} placeholder={t('instrument.dataNamePlaceholder')} value={k} onChange={(e) => setRows(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))} onBlur={() => commitRows(rows)} />
                </td>
                <td>
                  <input aria-label={t('instrument.dataValue')} placeholder={t('instrument.dataValuePlaceholder')} value={v} onChange={(e) => setRows(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))} onBlur={() => commitRows(rows)} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => commitRows(rows.filter((_, j) => j !== i))}>
                    {t('instrument.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setRows([...rows, ['', '']])}>
          {t('instrument.addData')}
        </button>
      </section>

      </fieldset>
      <QuestionFlags code={code} />
      <QuestionEvidence code={code} />

      <QuestionAgencies code={code} assign={assign} />

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {savedAt && !error && (
        <p className="muted small" role="status">
          ✓ {t('instrument.saved')}
        </p>
      )}

      <section>
        <h3>{t('instrument.activity')}</h3>
        {activity && activity.length === 0 && <p className="muted small">{t('instrument.noActivity')}</p>}
        <ol className="activity small">
          {activity?.slice(0, 20).map((a) => (
            <li key={a.seq}>
              <span className="muted">{dt(a.at, false)}</span> {activityKind(a, t)}
              {say(a) && <> · {say(a)}</>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
