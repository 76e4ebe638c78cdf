import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/client';
import { hubBindingKey } from '../../db/hubBindingKey';
import { ANSWER_STATUSES, type AnswerStatus } from '../../domain/model';
import { agencyOf, statusOf } from '../../domain/progress';
import { buildSearchIndex, searchQuestions } from '../../domain/search';
import { JumpBox } from '../../shared/components/JumpBox';
import { typing } from '../../shared/keys';
import { AgencyFilter } from '../../shared/components/AgencyFilter';
import { href, navigate } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { QuestionDetail } from './QuestionDetail';
import { QuestionRow } from './QuestionRow';
import { rowPrompts } from '../../shared/promptStems';
import { NO_AGENCY, useInstrumentUi, type EvidenceFilter } from './store';
import { misfileWording, useFlags } from '../../shared/flags';
import { useReviewNotes } from '../../shared/reviewNotes';
import { ALL, IndicatorTree } from './IndicatorTree';
import { useOwnCodes } from '../../shared/ownCodes';
import { officeName } from '../../domain/model';

export function InstrumentPage({ indicator, question, agencyParam }: { indicator?: string; question?: string; agencyParam?: string | null }) {
  const { ws, rules, answers, assignments, evidenceCount, unchecked, agencies } = useWorkspace();
  const { t, lt } = useFmt();
  const ui = useInstrumentUi();
  const { query, status, needsWork, evidence, setQuery, setAgency, setStatus, setNeedsWork, setEvidence } = ui;
  // an agency's copy shows that agency's questions only (issue 12), and opens on all of them
  const own = useOwnCodes();
  const agency = own ? '' : ui.agency;
  const review = useReviewNotes(ws.id);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const [jumpOpen, setJumpOpen] = useState(false);
  const index = useMemo(() => buildSearchIndex(rules), [rules]);
  const flags = useFlags();
  // the same words as the flag card: "Salah indikator?" when every open flag stays in the cluster
  const flagWords = (code: string) => misfileWording(rules, flags?.byCode.get(code)?.filter((f) => !f.dismissed) ?? []);

  useEffect(() => {
    if (agencyParam) setAgency(agencyParam);
  }, [agencyParam, setAgency]);

  const showAll = indicator === ALL || (own !== null && !indicator);
  const currentIndicator = indicator && rules.indicatorByCode.has(indicator) ? indicator : rules.indicators[0].code;
  const filtering = showAll || !!(query.trim() || agency || status || needsWork || evidence);
  // an agency's copy: what the city already holds for each question (named in the pack)
  const heldCount = useMemo(() => {
    const m = new Map<string, number>();
    for (const h of ws.agency?.held ?? []) m.set(h.code, (m.get(h.code) ?? 0) + 1);
    return m;
  }, [ws.agency]);
  const { codes, perAgency } = useMemo(() => {
    const found = query.trim() ? searchQuestions(index, query) : null;
    const base = found ?? (filtering ? [...rules.questionByCode.keys()] : rules.indicatorByCode.get(currentIndicator)!.questions.map((q) => q.code));
    const byAgency = (c: string) => !agency || (agency === NO_AGENCY ? agencyOf(rules, assignments, c).length === 0 : agencyOf(rules, assignments, c).includes(agency));
    // in an agency's copy, what the city holds counts as evidence (its row says so)
    const byEvidence = (c: string) => !evidence || (evidence === 'unchecked' ? unchecked.has(c) : (evidence === 'none') === !(evidenceCount.get(c) || heldCount.get(c)));
    const byOthers = (c: string) => (!own || own.has(c)) && (!status || statusOf(answers, c) === status) && (!needsWork || review.open.has(c)) && byEvidence(c);
    // how many questions each agency holds under the other filters ("Dinkes (92)" beside "Belum ada bukti"):
    // the sixth walk answered "whose are they" by picking 32 agencies one by one
    const perAgency = new Map<string, number>();
    for (const c of (found ?? [...rules.questionByCode.keys()]).filter(byOthers)) {
      const held = agencyOf(rules, assignments, c);
      for (const a of held.length ? held : [NO_AGENCY]) perAgency.set(a, (perAgency.get(a) ?? 0) + 1);
    }
    return { codes: base.filter((c) => byOthers(c) && byAgency(c)), perAgency };
  }, [query, filtering, index, rules, currentIndicator, own, agency, status, needsWork, evidence, evidenceCount, unchecked, heldCount, review, assignments, answers]);

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

  return (
    <div className="instrument">
      <nav className="pane pane-tree" aria-label={t('instrument.indicator')}>
        <IndicatorTree showAll={showAll} current={currentIndicator} filtering={filtering} own={own} />
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
          {!own && (
            <AgencyFilter
              agencies={agencies}
              value={agency}
              onChange={setAgency}
              label={t('instrument.agencyFilter')}
              allLabel={t('instrument.all')}
              counts={perAgency}
              extra={{ label: t('instrument.otherChoices'), options: [{ value: NO_AGENCY, label: t('instrument.unassigned', { count: perAgency.get(NO_AGENCY) ?? 0 }) }] }}
            />
          )}
          {/* a chosen status reads "Status: Siap", and the filter is not named as the question's own Status (the seventh walk) */}
          <select aria-label={t('instrument.statusFilterLabel')} value={status} onChange={(e) => setStatus(e.target.value as AnswerStatus | '')}>
            <option value="">
              {t('instrument.statusFilter')}: {t('instrument.all')}
            </option>
            {ANSWER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t('instrument.statusFilter')}: {t(`status.${s}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('instrument.evidenceFilter')} value={evidence} onChange={(e) => setEvidence(e.target.value as EvidenceFilter)}>
            <option value="">
              {t('instrument.evidenceFilter')}: {t('instrument.all')}
            </option>
            <option value="none">{t('instrument.evidenceNone')}</option>
            <option value="some">{t('instrument.evidenceSome')}</option>
            {(unchecked.size > 0 || evidence === 'unchecked') && <option value="unchecked">{t('instrument.evidenceUnchecked', { count: unchecked.size })}</option>}
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
              unchecked={unchecked.has(code)}
              flag={flagWords(code)}
              review={review.open.get(code)}
              agencyCopy={ws.role === 'agency'}
              held={heldCount.get(code) ?? 0}
              office={officeName(ws)}
              onPick={() => go(code)}
            />
          ))}
        </ol>
      </section>

      <section className="pane pane-detail" aria-label={t('instrument.question')}>
        {selected ? <QuestionDetail key={selected} code={selected} /> : own ? <AgencyArrival count={own.size} /> : <p className="muted">{t('instrument.choose')}</p>}
      </section>
    </div>
  );
}

/** What an agency opening its copy is there to do, and where its work goes. */
function AgencyArrival({ count }: { count: number }) {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  // on a hub its changes travel by themselves; without one, as the response file made in Berkas
  const onHub = useLiveQuery(async () => (await getDb().settings.get(hubBindingKey(ws.id))) !== undefined, [ws.id]);
  if (onHub === undefined) return null;
  return (
    <>
      <p data-testid="agency-arrival">{t(onHub ? 'instrument.agencyArrivalHub' : 'instrument.agencyArrival', { count, name: ws.agency?.name ?? '', office: officeName(ws) })}</p>
      <p className="muted">{t('instrument.choose')}</p>
    </>
  );
}
