import { useQuery } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { getDb } from '../../db/client';
import { saveReview, VERDICT_ORDER } from '../../db/review';
import type { Review, Verdict } from '../../domain/model';
import { MAX_REVIEW_NOTE } from '../../domain/hubProtocol';
import { scoreAnswers } from '../../domain/scoring';
import { DocPreview } from '../../shared/components/DocPreview';
import { RowPrompt } from '../../shared/components/RowPrompt';
import { rowPrompts } from '../../shared/promptStems';
import { StatusBadge } from '../../shared/components/StatusBadge';
import { href, navigate } from '../../shared/route';
import { rememberReviewer, storedReviewer } from '../../shared/reviewer';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { parsePointsInput } from '../../shared/format';
import { SendNotes } from './SendNotes';
import { useReviewNotes } from '../../shared/reviewNotes';
import { pointsAsEvaluated } from '../../domain/evaluatorPoints';
import { pageLabel, type PageCite } from '../../domain/evidence/pageCite';

type Filter = 'all' | 'todo' | 'marked' | 'changed';

/**
 * Tinjauan (evaluator): go through the city's file group by group, see the evidence beside the
 * question, record a verdict, a note, the evaluator's own points and a mark-for-review flag.
 */
/** Keys go to a field being typed in; a ticked checkbox or radio button does not hold them. */
const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el instanceof HTMLInputElement && el.type !== 'checkbox' && el.type !== 'radio'));

export function ReviewPage({ indicator, question, changedOnly }: { indicator?: string; question?: string; changedOnly: boolean }) {
  const { ws, rules, answers, score, evidenceCount } = useWorkspace();
  const { t, pts, lt, outOf } = useFmt();
  const db = getDb();
  const reviews = useLiveQuery(() => db.reviews.where('workspaceId').equals(ws.id).toArray(), [ws.id]);
  const changes = useQuery({
    queryKey: ['changes', ws.id, ws.updatedAt],
    queryFn: async () => (await import('../../db/exchange')).changesSinceReview(db, ws.id),
  });
  const [filter, setFilter] = useState<Filter>(changedOnly ? 'changed' : 'all');
  const byCode = useMemo(() => new Map((reviews ?? []).map((r) => [r.code, r])), [reviews]);
  const changed = useMemo(() => new Set(changes.data?.questions ?? []), [changes.data]);

  // the city's points with the evaluator's in their place, as the city will see them (Revisi)
  const evalScore = useMemo(() => scoreAnswers(rules, pointsAsEvaluated(answers, reviews ?? [])), [answers, reviews, rules]);

  const current = indicator && rules.indicatorByCode.has(indicator) ? indicator : rules.indicators[0].code;
  const codes = useMemo(() => {
    const base = filter === 'all' ? rules.indicatorByCode.get(current)!.questions.map((q) => q.code) : [...rules.questionByCode.keys()];
    return base.filter((c) => filter === 'all' || (filter === 'todo' && !byCode.get(c)?.verdict) || (filter === 'marked' && byCode.get(c)?.markForReview) || (filter === 'changed' && changed.has(c)));
  }, [filter, current, rules, byCode, changed]);
  // a run of questions with one long opening reads by what differs (1.2a-1.2s), as in Instrumen
  const shownPrompts = useMemo(() => rowPrompts(codes.map((c) => lt(rules.questionByCode.get(c)!.prompt))), [codes, rules, lt]);
  // under a filter ("changed since my review"), the tree shows only the indicators it leaves
  const treeShows = useMemo(() => {
    if (filter === 'all') return rules.indicators;
    const shown = new Set(codes);
    return rules.indicators.filter((i) => i.questions.some((q) => shown.has(q.code)));
  }, [filter, codes, rules]);
  const selected = question && rules.questionByCode.has(question) ? question : null;
  const go = (code: string) => navigate(href(ws.id, 'tinjauan', rules.questionByCode.get(code)!.indicator, code) + (filter === 'changed' ? '?berubah=1' : ''), true);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const down = e.key === 'ArrowDown' || e.key === 'n';
      if (!down && e.key !== 'ArrowUp' && e.key !== 'p') return;
      e.preventDefault();
      const i = selected ? codes.indexOf(selected) : -1;
      // past the end of an indicator, on to the next one (a cluster is reviewed in one run)
      const cross = filter === 'all' && i >= 0 && (down ? i === codes.length - 1 : i === 0);
      const at = rules.indicators.findIndex((x) => x.code === current);
      const beyond = cross ? rules.indicators[at + (down ? 1 : -1)] : undefined;
      if (beyond) return go((down ? beyond.questions[0] : beyond.questions[beyond.questions.length - 1]).code);
      const n = down ? Math.min(codes.length - 1, i + 1) : Math.max(0, i - 1);
      if (codes[n]) go(codes[n]);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const reviewed = (reviews ?? []).filter((r) => r.verdict).length;
  return (
    <div className="review">
      <div className="review-head">
        <span data-testid="review-progress">{t('review.progress', { done: reviewed, total: rules.questionCount })}</span>
        <span>
          {t('review.cityTotal')}: <strong className="num">{pts(score.total)}</strong> ({lt(score.band.label)})
        </span>
        <span data-testid="evaluator-total">
          {t('review.evaluatorTotal')}: <strong className="num">{pts(evalScore.total)}</strong> ({lt(evalScore.band.label)})
        </span>
        <SendNotes reviews={reviews ?? []} />
        <span className="spacer" />
        <label>
          {t('review.filter')}{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} aria-label={t('review.filter')}>
            <option value="all">{t('review.filters.all')}</option>
            <option value="todo">{t('review.filters.todo')}</option>
            <option value="marked">{t('review.filters.marked')}</option>
            <option value="changed">{t('review.filters.changed', { count: changed.size })}</option>
          </select>
        </label>
      </div>
      {filter === 'changed' && changes.data && !changes.data.empty && <ChangesPanel />}
      <div className="instrument review-body">
        <nav className="pane pane-tree" aria-label={t('instrument.indicator')}>
          {rules.groups.filter((g) => treeShows.some((i) => i.group === g.id)).map((g) => (
            <section key={g.id} className="tree-group">
              <h3>{lt(g.short)}</h3>
              <ul>
                {treeShows
                  .filter((i) => i.group === g.id)
                  .map((ind) => {
                    const done = ind.questions.filter((q) => byCode.get(q.code)?.verdict).length;
                    return (
                      <li key={ind.code}>
                        <a href={href(ws.id, 'tinjauan', ind.code)} data-indicator={ind.code} className={`tree-ind${filter === 'all' && ind.code === current ? ' active' : ''}`} onClick={() => setFilter('all')}>
                          <span />
                          <span className="ind-code">{ind.code}</span>
                          <span className="ind-title">{lt(ind.title)}</span>
                          <span className="num small">
                            {done}/{ind.questions.length}
                          </span>
                        </a>
                      </li>
                    );
                  })}
              </ul>
            </section>
          ))}
        </nav>
        <section className="pane pane-list">
          {codes.length === 0 && <p className="muted page">{t('instrument.noResults')}</p>}
          <ol className="q-list" role="listbox" tabIndex={0} aria-label={t('instrument.questions')}>
            {codes.map((code, i) => {
              const q = rules.questionByCode.get(code)!;
              const a = answers.get(code);
              const r = byCode.get(code);
              return (
                <li key={code} role="option" aria-selected={code === selected} data-code={code} className={`q-row${code === selected ? ' selected' : ''}`} onClick={() => go(code)}>
                  <span className="code">{code}</span>
                  <RowPrompt whole={lt(q.prompt)} shown={shownPrompts[i]} />
                  <span className="num q-points">{outOf(a?.points, q.maxPoints)}</span>
                  <span className="q-meta small">
                    {r?.verdict ? <span className={`verdict verdict-${r.verdict}`}>{t(`review.verdicts.${r.verdict}`)}</span> : <span className="muted">{t('review.notReviewed')}</span>}
                    <span className="muted" data-evidence-count={evidenceCount.get(code) ?? 0}> · {t('instrument.evidenceCount', { count: evidenceCount.get(code) ?? 0 })}</span>
                    {r?.points != null && <span data-testid="row-evaluator-points"> · {t('review.rowPoints', { points: pts(r.points) })}</span>}
                    {/* the city graded it with nothing to show for it: the first thing an evaluator checks */}
                    {!evidenceCount.get(code) && ((a?.points ?? 0) > 0 || a?.status === 'ready') && (
                      <span className="q-flag" data-flag="no-evidence"> · ⚠ {t('evidence.answeredNoEvidence')}</span>
                    )}
                    {r?.markForReview && <span> · ⚑ {t('review.marked')}</span>}
                    {changed.has(code) && <span className="q-flag"> · {t('review.changed')}</span>}
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
        <section className="pane pane-detail">{selected && reviews ? <ReviewDetail key={selected} code={selected} review={byCode.get(selected)} /> : <p className="muted">{t('instrument.choose')}</p>}</section>
      </div>
    </div>
  );
}

function ChangesPanel() {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const db = getDb();
  const changes = useQuery({ queryKey: ['changes', ws.id, ws.updatedAt], queryFn: async () => (await import('../../db/exchange')).changesSinceReview(db, ws.id) });
  const d = changes.data;
  if (!d) return null;
  // a move within a question is a change of the pages cited: "17.2 (hlm. 3) → 17.2 (hlm. 3–5)"
  const placeLabel = (p: { code: string } & PageCite) => (pageLabel(p) ? `${p.code} (${t('evidence.pageCite', { page: pageLabel(p) })})` : p.code);
  return (
    <section className="card changes" data-testid="changes">
      <h2>{t('review.changesTitle')}</h2>
      <ul className="plain small">
        {d.evidence.added.map((c, i) => (
          <li key={`a${i}`} data-change="added">
            + {t('review.added', { code: c.code, name: c.name })}
          </li>
        ))}
        {d.evidence.replaced.map((c, i) => (
          <li key={`r${i}`} data-change="replaced">
            ⇄ {t('review.replaced', { code: c.code, from: c.from.name, to: c.to.name })}
          </li>
        ))}
        {d.evidence.moved.map((c, i) => (
          <li key={`m${i}`} data-change="moved">
            → {t('review.moved', { name: c.name, from: placeLabel(c.from), to: placeLabel(c.to) })}
          </li>
        ))}
        {d.evidence.removed.map((c, i) => (
          <li key={`x${i}`} data-change="removed">
            − {t('review.removed', { code: c.code, name: c.name })}
          </li>
        ))}
        {d.reanswered.map((c) => (
          <li key={`q${c.code}`} data-change="reanswered">
            ✎ {t('review.reanswered', { code: c.code, fields: c.fields.map((f) => t(`review.field.${f}`)).join(', ') })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReviewDetail({ code, review }: { code: string; review?: Review }) {
  const { ws, rules, answers } = useWorkspace();
  const { t, pts, lt, outOf } = useFmt();
  const db = getDb();
  const q = rules.questionByCode.get(code)!;
  const a = answers.get(code);
  const [reviewer, setReviewer] = useState(storedReviewer);
  const [note, setNote] = useState(review?.note ?? '');
  const [pointsText, setPointsText] = useState(review?.points == null ? '' : pts(review.points));
  const [error, setError] = useState<string | null>(null);
  const docs = useLiveQuery(async () => {
    const links = await db.links.where('[workspaceId+code]').equals([ws.id, code]).toArray();
    const ds = await db.documents.bulkGet(links.map((l) => l.documentId));
    return links.map((l, i) => ({ link: l, doc: ds[i]! })).filter((x) => x.doc);
  }, [ws.id, code]);
  // the first document is open at once (null: the first; '': none)
  const [shownChoice, setShown] = useState<string | null>(null);
  const shown = shownChoice ?? docs?.[0]?.doc.id ?? null;
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

  // keys 1-4 give the verdicts; after one that asks for work, the note takes the focus
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const v = VERDICT_ORDER[Number(e.key) - 1];
      if (!v || !/^[1-4]$/.test(e.key)) return;
      e.preventDefault();
      void save({ verdict: v, note });
      if (v !== 'sesuai' && reviewer.trim()) noteRef.current?.focus();
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
        <h3>{t('evidence.evidenceFor', { count: docs?.length ?? 0 })}</h3>
        <ul className="plain">
          {docs?.map(({ link, doc }) => (
            <li key={link.id}>
              <button type="button" className="link" aria-pressed={shown === doc.id} onClick={() => setShown(shown === doc.id ? '' : doc.id)}>
                {doc.name}
              </button>
              {link.page ? <span className="tag">{t('evidence.pageCite', { page: pageLabel(link) })}</span> : null}
            </li>
          ))}
        </ul>
        {shown && docs?.find((d) => d.doc.id === shown) && <DocPreview doc={docs.find((d) => d.doc.id === shown)!.doc} page={docs.find((d) => d.doc.id === shown)!.link.page} />}
      </section>
      <section className="review-form" aria-label={t('review.yourReview')}>
        <h3>{t('review.yourReview')}</h3>
        {!storedReviewer() && (
          <label className="block">
            {t('review.reviewerName')}
            <input ref={nameRef} value={reviewer} onChange={(e) => setReviewer(e.target.value)} />
          </label>
        )}
        <div className="verdicts" role="group" aria-label={t('review.verdict')}>
          {VERDICT_ORDER.map((v: Verdict) => (
            <button key={v} type="button" aria-pressed={review?.verdict === v} aria-keyshortcuts={String(VERDICT_ORDER.indexOf(v) + 1)} className={`verdict-btn verdict-${v}`} onClick={() => void save({ verdict: v, note })}>
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
