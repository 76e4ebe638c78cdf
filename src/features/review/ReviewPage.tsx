import { useQuery } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { getDb } from '../../db/client';
import { scoreAnswers } from '../../domain/scoring';
import { buildSearchIndex, searchQuestions } from '../../domain/search';
import { JumpBox } from '../../shared/components/JumpBox';
import { pointsAsEvaluated } from '../../domain/evaluatorPoints';
import { RowPrompt } from '../../shared/components/RowPrompt';
import { misfileWording, useFlags } from '../../shared/flags';
import { rowPrompts } from '../../shared/promptStems';
import { href, navigate } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { ChangesPanel } from './ReviewChanges';
import { ReviewDetail } from './ReviewDetail';
import { SendNotes } from './SendNotes';
import { typing } from '../../shared/keys';

const NO_FLAGS: ReadonlyMap<string, number> = new Map();

type Filter = 'all' | 'todo' | 'marked' | 'changed' | 'flagged';

/**
 * Tinjauan (evaluator): go through the city's file group by group, see the evidence beside the
 * question, record a verdict, a note, the evaluator's own points and a mark-for-review flag.
 */

export function ReviewPage({ indicator, question, changedOnly }: { indicator?: string; question?: string; changedOnly: boolean }) {
  const { ws, rules, answers, score, evidenceCount, unchecked } = useWorkspace();
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
  // the misfile flags the city's file carries (its documents' readings), open ones on the rows
  const flags = useFlags();
  const flagWords = (code: string) => misfileWording(rules, flags?.byCode.get(code)?.filter((f) => !f.dismissed) ?? []);
  const flagged = flags?.openCount ?? NO_FLAGS;

  // the city's points with the evaluator's in their place, as the city will see them (Revisi)
  const evalScore = useMemo(() => scoreAnswers(rules, pointsAsEvaluated(answers, reviews ?? [])), [answers, reviews, rules]);

  const current = indicator && rules.indicatorByCode.has(indicator) ? indicator : rules.indicators[0].code;
  // words or a code, over every question (as in Instrumen); the filter still applies
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const [jumpOpen, setJumpOpen] = useState(false);
  const index = useMemo(() => buildSearchIndex(rules), [rules]);
  const codes = useMemo(() => {
    const base = query.trim() ? searchQuestions(index, query) : filter === 'all' ? rules.indicatorByCode.get(current)!.questions.map((q) => q.code) : [...rules.questionByCode.keys()];
    return base.filter((c) => filter === 'all' || (filter === 'todo' && !byCode.get(c)?.verdict) || (filter === 'marked' && byCode.get(c)?.markForReview) || (filter === 'changed' && changed.has(c)) || (filter === 'flagged' && flagged.has(c)));
  }, [query, index, filter, current, rules, byCode, changed, flagged]);
  // a run of questions with one long opening reads by what differs (1.2a-1.2s), as in Instrumen
  const shownPrompts = useMemo(() => rowPrompts(codes.map((c) => lt(rules.questionByCode.get(c)!.prompt))), [codes, rules, lt]);
  // under a filter ("changed since my review"), the tree shows only the indicators it leaves
  const treeShows = useMemo(() => {
    if (filter === 'all' && !query.trim()) return rules.indicators;
    const shown = new Set(codes);
    return rules.indicators.filter((i) => i.questions.some((q) => shown.has(q.code)));
  }, [filter, query, codes, rules]);
  const selected = question && rules.questionByCode.has(question) ? question : null;
  const go = (code: string) => navigate(href(ws.id, 'tinjauan', rules.questionByCode.get(code)!.indicator, code) + (filter === 'changed' ? '?berubah=1' : ''), true);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === '/' || e.key === 'g') {
        e.preventDefault();
        return e.key === '/' ? searchRef.current?.focus() : setJumpOpen(true);
      }
      const down = e.key === 'ArrowDown' || e.key === 'n';
      if (!down && e.key !== 'ArrowUp' && e.key !== 'p') return;
      e.preventDefault();
      const i = selected ? codes.indexOf(selected) : -1;
      // past the end of an indicator, on to the next one (a cluster is reviewed in one run)
      const cross = filter === 'all' && !query.trim() && i >= 0 && (down ? i === codes.length - 1 : i === 0);
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
            <option value="flagged">{t('review.filters.flagged', { count: flagged.size })}</option>
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
                        <a href={href(ws.id, 'tinjauan', ind.code)} data-indicator={ind.code} className={`tree-ind${filter === 'all' && !query.trim() && ind.code === current ? ' active' : ''}`} onClick={() => (setFilter('all'), setQuery(''))}>
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
          <div className="toolbar">
            <input ref={searchRef} type="search" aria-label={t('instrument.searchLabel')} placeholder={t('instrument.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
          </div>
          {jumpOpen && <JumpBox onGo={(code) => (setQuery(''), go(code))} onClose={() => setJumpOpen(false)} />}
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
                    {/* all of it linked from the app's suggestion and never checked by the city */}
                    {unchecked.has(code) && <span data-testid="row-unchecked-by-city">{` (${t('review.uncheckedByCity')})`}</span>}
                    {r?.points != null && <span data-testid="row-evaluator-points"> · {t('review.rowPoints', { points: pts(r.points) })}</span>}
                    {/* the city graded it with nothing to show for it: the first thing an evaluator checks */}
                    {!evidenceCount.get(code) && ((a?.points ?? 0) > 0 || a?.status === 'ready') && (
                      <span className="q-flag" data-flag="no-evidence"> · ⚠ {t('evidence.answeredNoEvidence')}</span>
                    )}
                    {flagWords(code) && (
                      <span className="q-flag" data-flag="misfiled">
                        {' '}
                        · ⚑ {t(flagWords(code)!)}
                      </span>
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
