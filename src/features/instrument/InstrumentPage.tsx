import { useEffect, useMemo, useRef, useState } from 'react';
import { ANSWER_STATUSES, type AnswerStatus } from '../../domain/model';
import { agencyOf, statusOf } from '../../domain/progress';
import { buildSearchIndex, searchQuestions } from '../../domain/search';
import { JumpBox } from '../../shared/components/JumpBox';
import { typing } from '../../shared/keys';
import { AgencyFilter } from '../../shared/components/AgencyFilter';
import { ProgressRing } from '../../shared/components/ProgressRing';
import { href, navigate } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { QuestionDetail } from './QuestionDetail';
import { QuestionRow } from './QuestionRow';
import { rowPrompts } from '../../shared/promptStems';
import { useInstrumentUi } from './store';
import { misfileWording, useFlags } from '../../shared/flags';
import { useReviewNotes } from '../../shared/reviewNotes';
import { useNarrow } from '../../shared/useNarrow';

/** The pseudo-indicator that lists every question of the instrument. */
const ALL = 'semua';

export function InstrumentPage({ indicator, question, agencyParam }: { indicator?: string; question?: string; agencyParam?: string | null }) {
  const { ws, rules, answers, assignments, score, evidenceCount } = useWorkspace();
  const { t, pts, lt } = useFmt();
  const ui = useInstrumentUi();
  const { query, status, needsWork, setQuery, setAgency, setStatus, setNeedsWork } = ui;
  // an agency's copy shows that agency's questions only (issue 12)
  const ownAgency = ws.role === 'agency' ? (ws.agency?.id ?? null) : null;
  const agency = ownAgency ?? ui.agency;
  const review = useReviewNotes(ws.id);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const [jumpOpen, setJumpOpen] = useState(false);
  const index = useMemo(() => buildSearchIndex(rules), [rules]);
  const flags = useFlags();
  // the same words as the flag card: "Salah indikator?" when every open flag stays in the cluster
  const flagWords = (code: string) => misfileWording(rules, flags?.byCode.get(code)?.filter((f) => !f.dismissed) ?? []);
  // on a narrow window the indicator tree folds above the questions
  const narrow = useNarrow();
  const [treeOpen, setTreeOpen] = useState(false);

  useEffect(() => {
    if (agencyParam) setAgency(agencyParam);
  }, [agencyParam, setAgency]);

  const showAll = indicator === ALL;
  const currentIndicator = indicator && rules.indicatorByCode.has(indicator) ? indicator : rules.indicators[0].code;
  const filtering = showAll || !!(query.trim() || agency || status || needsWork);
  const codes = useMemo(() => {
    const base = query.trim()
      ? searchQuestions(index, query)
      : filtering
        ? [...rules.questionByCode.keys()]
        : rules.indicatorByCode.get(currentIndicator)!.questions.map((q) => q.code);
    return base.filter((c) => (!agency || agencyOf(rules, assignments, c).includes(agency)) && (!status || statusOf(answers, c) === status) && (!needsWork || review.open.has(c)));
  }, [query, filtering, index, rules, currentIndicator, agency, status, needsWork, review, assignments, answers]);

  // a run of questions with one long opening reads by what differs (1.2a-1.2s)
  const shownPrompts = useMemo(() => rowPrompts(codes.map((c) => lt(rules.questionByCode.get(c)!.prompt))), [codes, rules, lt]);

  const selected = question && rules.questionByCode.has(question) ? question : null;
  const go = (code: string, replace = true) => navigate(href(ws.id, 'instrumen', showAll ? ALL : rules.questionByCode.get(code)!.indicator, code), replace);

  useEffect(() => {
    const el = listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (typing(e.target)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'g') {
        e.preventDefault();
        setJumpOpen(true);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'j' || e.key === 'k') {
        if (!codes.length) return;
        e.preventDefault();
        const i = selected ? codes.indexOf(selected) : -1;
        const next = e.key === 'ArrowDown' || e.key === 'j' ? Math.min(codes.length - 1, i + 1) : Math.max(0, i - 1);
        go(codes[next]);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const readyCount = (codesOf: string[]) => codesOf.filter((c) => statusOf(answers, c) === 'ready').length;

  return (
    <div className="instrument">
      <nav className="pane pane-tree" aria-label={t('instrument.indicator')}>
        <details className="tree-fold" data-testid="tree-fold" open={!narrow || treeOpen} onToggle={(e) => narrow && setTreeOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{showAll ? t('instrument.allQuestions', { count: rules.questionCount }) : `${t('instrument.indicator')} ${currentIndicator} · ${lt(rules.indicatorByCode.get(currentIndicator)!.title)}`}</summary>
        <a href={href(ws.id, 'instrumen', ALL)} className={`tree-ind tree-all${showAll ? ' active' : ''}`} aria-current={showAll ? 'page' : undefined} onClick={() => setTreeOpen(false)}>
          <ProgressRing value={readyCount([...rules.questionByCode.keys()])} total={rules.questionCount} label={t('instrument.progress', { done: readyCount([...rules.questionByCode.keys()]), total: rules.questionCount })} />
          <span className="ind-title">{t('instrument.allQuestions', { count: rules.questionCount })}</span>
        </a>
        {rules.groups.map((g) => {
          const gs = score.groups.find((x) => x.id === g.id)!;
          return (
            <section key={g.id} className="tree-group">
              <h3 title={lt(g.name)}>
                <span>{lt(g.short)}</span>
                <span className="num muted">
                  {pts(gs.score)}/{pts(gs.max)}
                </span>
              </h3>
              <ul>
                {rules.indicators
                  .filter((i) => i.group === g.id)
                  .map((ind) => {
                    const is = score.indicators.find((x) => x.code === ind.code)!;
                    const qcodes = ind.questions.map((q) => q.code);
                    const ready = readyCount(qcodes);
                    const active = !filtering && ind.code === currentIndicator;
                    return (
                      <li key={ind.code}>
                        <a
                          href={href(ws.id, 'instrumen', ind.code)}
                          className={`tree-ind${active ? ' active' : ''}`}
                          aria-current={active ? 'page' : undefined}
                          data-indicator={ind.code}
                          onClick={() => {
                            useInstrumentUi.getState().reset();
                            setTreeOpen(false);
                          }}
                        >
                          <ProgressRing value={ready} total={qcodes.length} label={t('instrument.progress', { done: ready, total: qcodes.length })} />
                          <span className="ind-code">{ind.code}</span>
                          <span className="ind-title" title={lt(ind.title)}>{lt(ind.title)}</span>
                          <span className="num small">
                            {pts(is.score)}/{pts(is.max)}
                          </span>
                        </a>
                      </li>
                    );
                  })}
              </ul>
            </section>
          );
        })}
        </details>
      </nav>

      <section className="pane pane-list" aria-label={t('instrument.questions')}>
        <div className="toolbar">
          <input
            ref={searchRef}
            type="search"
            aria-label={t('instrument.searchLabel')}
            placeholder={t('instrument.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && codes.length) go(codes[0]);
            }}
          />
          {!ownAgency && <AgencyFilter agencies={rules.agencies} value={agency} onChange={setAgency} label={t('instrument.agencyFilter')} allLabel={t('instrument.all')} />}
          <select aria-label={t('instrument.statusFilter')} value={status} onChange={(e) => setStatus(e.target.value as AnswerStatus | '')}>
            <option value="">
              {t('instrument.statusFilter')}: {t('instrument.all')}
            </option>
            {ANSWER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
          {(review.open.size > 0 || needsWork) && (
            <label className="check small">
              <input type="checkbox" checked={needsWork} onChange={(e) => setNeedsWork(e.target.checked)} /> {t('instrument.needsWork', { count: review.open.size })}
            </label>
          )}
        </div>
        {jumpOpen && <JumpBox onGo={(code) => go(code, false)} onClose={() => setJumpOpen(false)} />}
        <div className="list-head muted small">
          {filtering ? (
            t('instrument.results', { count: codes.length })
          ) : (
            <>
              {t('instrument.indicator')} {currentIndicator} · {lt(rules.indicatorByCode.get(currentIndicator)!.title)}
            </>
          )}
          <span className="keys">{t('instrument.keys')}</span>
        </div>
        {codes.length === 0 && <p className="muted">{t('instrument.noResults')}</p>}
        <ol className="q-list" role="listbox" tabIndex={0} aria-label={t('instrument.questions')} ref={listRef}>
          {codes.map((code, i) => (
            <QuestionRow
              key={code}
              question={rules.questionByCode.get(code)!}
              shown={shownPrompts[i]}
              answer={answers.get(code)}
              selected={code === selected}
              evidence={evidenceCount.get(code) ?? 0}
              flag={flagWords(code)}
              review={review.open.get(code)}
              agencyCopy={ws.role === 'agency'}
              onPick={() => go(code)}
            />
          ))}
        </ol>
      </section>

      <section className="pane pane-detail" aria-label={t('instrument.question')}>
        {selected ? <QuestionDetail key={selected} code={selected} /> : <p className="muted">{t('instrument.choose')}</p>}
      </section>
    </div>
  );
}
