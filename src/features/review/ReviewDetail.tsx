import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { getDb } from '../../db/client';
import { saveReview, VERDICT_ORDER } from '../../db/review';
import { questionEvidence } from '../../db/evidence';
import type { MisfileFlag } from '../../domain/flags';
import type { Review, Verdict } from '../../domain/model';
import { MAX_REVIEW_NOTE } from '../../domain/hubProtocol';
import { pageLabel } from '../../domain/evidence/pageCite';
import { DocPreview } from '../../shared/components/DocPreview';
import { StatusBadge } from '../../shared/components/StatusBadge';
import { misfileWording, useFlags } from '../../shared/flags';
import { parsePointsInput } from '../../shared/format';
import { rememberReviewer, storedReviewer } from '../../shared/reviewer';
import { useReviewNotes } from '../../shared/reviewNotes';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { typing } from '../../shared/keys';

/** One question under review: the city's answer and evidence beside the evaluator's verdict, note and points. */
export function ReviewDetail({ code, review }: { code: string; review?: Review }) {
  const { ws, rules, answers } = useWorkspace();
  const { t, pts, lt, outOf } = useFmt();
  const db = getDb();
  const q = rules.questionByCode.get(code)!;
  const a = answers.get(code);
  const [reviewer, setReviewer] = useState(storedReviewer);
  // asked for on this question while none was stored when it opened: the field stays while it is
  // typed in (it is remembered on leaving it, and a field that vanished then could not be corrected)
  const [askName] = useState(() => !storedReviewer());
  const [note, setNote] = useState(review?.note ?? '');
  const [pointsText, setPointsText] = useState(review?.points == null ? '' : pts(review.points));
  const [error, setError] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  // optimistic: the box moves at once, the stored value follows through the live query
  const [marked, setMarked] = useState(!!review?.markForReview);
  useEffect(() => setMarked(!!review?.markForReview), [review?.markForReview]);

  const save = async (patch: Parameters<typeof saveReview>[5]) => {
    if (!reviewer.trim()) {
      setError(t('review.nameFirst'));
      nameRef.current?.focus(); // where the missing name goes (the note took the focus, as if the verdict were given)
      return;
    }
    rememberReviewer(reviewer.trim());
    try {
      await saveReview(db, rules, ws.id, code, reviewer.trim(), patch);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  // a verdict that asks for work puts the cursor in the note, by key or by mouse: a clicked button
  // kept the focus, and the note typed next ("Nilai 3 ...") gave verdict 3 (the seventh walk)
  const give = (v: Verdict) => {
    void save({ verdict: v, note });
    if (v !== 'sesuai' && reviewer.trim()) noteRef.current?.focus();
  };

  // keys 1-4 give the verdicts
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const v = VERDICT_ORDER[Number(e.key) - 1];
      if (!v || !/^[1-4]$/.test(e.key)) return;
      e.preventDefault();
      give(v);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  return (
    <article className="detail review-detail">
      <div className="muted small">
        {t('instrument.indicator')} {q.indicator} · {lt(rules.indicatorByCode.get(q.indicator)!.title)}
      </div>
      <h2>
        <span className="code">{code}</span> {lt(q.prompt)}
      </h2>
      <section className="city-answer">
        <h3>{t('review.cityAnswer')}</h3>
        <p>
          {t('instrument.points')}: <strong className="num">{outOf(a?.points, q.maxPoints)}</strong> · <StatusBadge status={a?.status ?? 'not-started'} />
        </p>
        {a?.notes && <p className="small">{a.notes}</p>}
        <CityReplies code={code} />
        {a && Object.keys(a.dataValues).length > 0 && (
          <ul className="small">
            {Object.entries(a.dataValues).map(([k, v]) => (
              <li key={k}>
                {k}: {v}
              </li>
            ))}
          </ul>
        )}
        <ReviewEvidence code={code} />
      </section>
      <section className="review-form" aria-label={t('review.yourReview')}>
        <h3>{t('review.yourReview')}</h3>
        {askName && (
          <label className="block">
            {t('review.reviewerName')}
            {/* kept once typed, not only with a first verdict: moving to another question lost it (the seventh walk) */}
            <input
              ref={nameRef}
              value={reviewer}
              onChange={(e) => setReviewer(e.target.value)}
              onBlur={() => reviewer.trim() && rememberReviewer(reviewer.trim())}
              onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
            />
          </label>
        )}
        <div className="verdicts" role="group" aria-label={t('review.verdict')}>
          {VERDICT_ORDER.map((v: Verdict) => (
            <button key={v} type="button" aria-pressed={review?.verdict === v} aria-keyshortcuts={String(VERDICT_ORDER.indexOf(v) + 1)} className={`verdict-btn verdict-${v}`} onClick={() => give(v)}>
              <kbd aria-hidden="true">{VERDICT_ORDER.indexOf(v) + 1}</kbd> {t(`review.verdicts.${v}`)}
            </button>
          ))}
        </div>
        {/* a verdict alone leaves the city's points standing in the evaluator's total: say so where it matters */}
        {review?.verdict && review.verdict !== 'sesuai' && review.points == null && (a?.points ?? 0) > 0 && (
          <p className="muted small" data-testid="verdict-points-hint">
            {t('review.verdictKeepsPoints', { points: pts(a!.points!) })}
          </p>
        )}
        <label className="block">
          {t('review.note')}
          <textarea ref={noteRef} rows={3} maxLength={MAX_REVIEW_NOTE} value={note} onChange={(e) => setNote(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()} onBlur={() => note !== (review?.note ?? '') && void save({ note })} />
        </label>
        <label className="block">
          {t('review.points', { max: pts(q.maxPoints) })}
          <input
            inputMode="decimal"
            className="num"
            value={pointsText}
            onChange={(e) => setPointsText(e.target.value)}
            // Enter confirms as leaving does: a value out of range is said at once
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
            onBlur={() => {
              const v = pointsText.trim() ? parsePointsInput(pointsText) : null;
              if (pointsText.trim() && (v == null || v > q.maxPoints)) setError(t('instrument.pointsInvalid', { max: pts(q.maxPoints) }));
              else void save({ points: v });
            }}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={marked}
            onChange={(e) => {
              setMarked(e.target.checked);
              void save({ markForReview: e.target.checked });
            }}
          /> {t('review.markForReview')}
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <p className="muted small">{t('review.keys')}</p>
      </section>
    </article>
  );
}

/**
 * The question's evidence, each with the misfile flag the city saw (issue 4): what it seems to
 * belong to and the words that convinced the classifier, and the city's reason when it dismissed
 * the flag. The first document is open at once.
 */
function ReviewEvidence({ code }: { code: string }) {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const db = getDb();
  const docs = useLiveQuery(() => questionEvidence(db, ws.id, code), [ws.id, code]);
  const flags = useFlags()?.byCode.get(code) ?? [];
  // null: the first; '': none
  const [shownChoice, setShown] = useState<string | null>(null);
  const shown = shownChoice ?? docs?.[0]?.doc.id ?? null;
  const open = docs?.find((d) => d.doc.id === shown);
  return (
    <>
      <h3>{t('evidence.evidenceFor', { count: docs?.length ?? 0 })}</h3>
      <ul className="plain">
        {docs?.map(({ link, doc }) => (
          <li key={link.id}>
            <button type="button" className="link" aria-pressed={shown === doc.id} onClick={() => setShown(shown === doc.id ? '' : doc.id)}>
              {doc.name}
            </button>
            {flags.some((f) => f.documentId === doc.id && !f.dismissed) && (
              <span className="q-flag" data-flag="misfiled">
                {' '}
                ⚑
              </span>
            )}
            {link.page ? <span className="tag">{t('evidence.pageCite', { page: pageLabel(link) })}</span> : null}
            {/* linked with one click from the app's suggestion, and the city never checked it: not evidence the city vouched for */}
            {link.suggested && (
              <span className="tag warn-tag" data-testid="unchecked-by-city" title={t('review.uncheckedByCityHint')}>
                {t('review.uncheckedByCity')}
              </span>
            )}
            {flags.filter((f) => f.documentId === doc.id).map((f) => (
              <EvidenceFlag key={f.code} flag={f} docName={doc.name} />
            ))}
          </li>
        ))}
      </ul>
      {open && <DocPreview key={open.doc.id} doc={open.doc} page={open.link.page} />}
    </>
  );
}

/** A misfile flag as the evaluator reads it: no actions (the city's to take), the city's reason if it dismissed it. */
function EvidenceFlag({ flag, docName }: { flag: MisfileFlag; docName: string }) {
  const { rules } = useWorkspace();
  const { t, lt } = useFmt();
  const ind = rules.indicatorByCode.get(flag.suggested.indicator)!;
  const group = rules.groupById.get(flag.suggested.group)!;
  return (
    <p className={`flag small${flag.dismissed ? ' dismissed' : ''}`} data-testid="review-flag" data-suggested={ind.code}>
      <strong>⚑ {t(misfileWording(rules, [flag]) ?? 'flags.misfiled')}</strong> {t('review.flagLooks', { name: docName, group: lt(group.short), indicator: ind.code, title: lt(ind.title) })}
      {flag.evidence.length > 0 && (
        <>
          {' '}
          {t('flags.words')} <span className="words">{flag.evidence.slice(0, 6).join(', ')}</span>
        </>
      )}
      {flag.dismissed && <span className="muted"> {t('review.flagDismissed', { reason: flag.dismissed.reason })}</span>}
    </p>
  );
}

/**
 * What the city answered to the notes on this question and whether it marked them done, from the
 * revised city file (its revision checklist travels in it). The evaluator saw only the changes.
 */
function CityReplies({ code }: { code: string }) {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const items = (useReviewNotes(ws.id).byCode.get(code) ?? []).filter((i) => i.response.trim() || i.done);
  if (!items.length) return null;
  return (
    <div className="city-replies" data-testid="city-replies">
      <h3>{t('review.cityReplies')}</h3>
      {items.map((i) => (
        <p key={i.id} className="small">
          {i.response.trim() ? `“${i.response.trim()}”` : ''} <span className="muted">{i.done ? t('review.cityDone') : t('review.cityNotDone')}</span>
        </p>
      ))}
    </div>
  );
}
