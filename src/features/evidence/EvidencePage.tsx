import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { getDb } from '../../db/client';
import type { EvidenceDoc } from '../../domain/model';
import { DropArea } from '../../shared/components/DropArea';
import { useIntake } from '../../shared/intake';
import { ownSuggestion, useOwnCodes } from '../../shared/ownCodes';
import { DidYouMean } from '../../shared/components/DidYouMean';
import { useContentSearch, usePendingIndex, useSnippets } from '../../shared/search';
import { useSetting } from '../../shared/settings';
import { navigate, href } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useDistinctPrompts } from '../../shared/useDistinctPrompts';
import { useWorkspace } from '../../shared/workspace';
import { useClassificationsOf } from '../../shared/classifications';
import { misfileWording, useClassifier, useFlags } from '../../shared/flags';
import { useEvidenceReadOnly } from '../../shared/useFrozen';
import { linkSuggestion, type LinkSuggestion } from '../../domain/evidence/linkSuggestion';
import type { Classification } from '../../domain/classifier/classify';
import { TrashCard } from './TrashCard';
import { DocDetail } from './DocDetail';
import { docListSource } from './docList';
import { BulkLinkBar, linkWithUndo } from './BulkLink';
import { DocRow, problemKeys, type DocRowActions } from './DocRow';
import { IntakePanel } from './IntakePanel';
import { guessValue, useAgencyGuesses } from './agencyGuess';
import type { AgencyRun } from './docSort';
import { useEvidenceRows } from './useEvidenceRows';
import { EvidenceToolbar, useEvidenceFilters } from './EvidenceToolbar';
import { useRowsStayUnderPointer } from './useRowsStayUnderPointer';

const ROW_HEIGHT = 58;
/** A search's row keeps two lines for its excerpt (.snippet-room): 80 px in all, measured at 1366 x 768. */
const SNIPPET_ROOM = 22;
/** An agency run's heading above its first row (styles.css `.run-head`: 1.6rem and its margin). */
const RUN_HEAD = 26;
const NO_CODES: string[] = [];

/** The document list: shared, live when idle and polled while a batch is stored (docList.ts). */
function useDocumentList(workspaceId: string): EvidenceDoc[] | undefined {
  const running = useIntake((s) => s.running);
  const source = docListSource(workspaceId);
  useEffect(() => source.setMode(running ? 'poll' : 'live'), [source, running]);
  return useSyncExternalStore(source.subscribe, source.get);
}

/** True once the browser has had an idle moment after the first render (at most 2 s later). */
function useIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const id = requestIdleCallback(() => setIdle(true), { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }, []);
  return idle;
}

/** Bukti: the evidence library (drop zone, intake queue, virtualised list, search, preview). */
export function EvidencePage({ selectedId }: { selectedId?: string }) {
  const { ws, rules, agencies, agencyName } = useWorkspace();
  const { t } = useFmt();
  const db = getDb();
  const docs = useDocumentList(ws.id);
  const links = useLiveQuery(() => db.links.where('workspaceId').equals(ws.id).toArray(), [ws.id]);
  const ocrMaxPages = useSetting('ocrMaxPages');
  const flags = useFlags();

  const [f, set] = useEvidenceFilters();
  const { query, kind, agency, group, linked, problems, sort } = f;
  const deferredQuery = useDeferredValue(query);
  // "indexing N" is said only beside search results
  const pendingIndex = usePendingIndex(ws.id, !!query.trim());
  const content = useContentSearch(ws.id, deferredQuery, pendingIndex);

  const linksByDoc = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const l of links ?? []) m.set(l.documentId, [...(m.get(l.documentId) ?? []), l.code]);
    return m;
  }, [links]);

  const { rows, didYouMean, byOthers, runs } = useEvidenceRows(docs, f, content, linksByDoc);
  const searching = !!deferredQuery.trim();
  const guesses = useAgencyGuesses(byOthers, agencies, agency);

  const selected = useMemo(() => docs?.find((d) => d.id === selectedId) ?? null, [docs, selectedId]);
  const parentRef = useRef<HTMLDivElement>(null);
  // where the focus goes after the bulk review when its button is gone
  const listElement = useCallback(() => parentRef.current, []);
  // sizes follow the documents, not the places: rows inserted at the top keep every row's own size;
  // a search's rows are taller (room for the excerpt), so their sizes are kept apart from the
  // list's: a row measured before the search is not placed at its old height during it
  // so is the first row of an agency's run (its heading): measured apart from the same row without
  const itemKey = useCallback((i: number) => (rows[i] ? `${searching ? 'q:' : runs?.has(i) ? 'h:' : ''}${rows[i].id}` : i), [rows, searching, runs]);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => parentRef.current, estimateSize: (i) => (searching ? ROW_HEIGHT + SNIPPET_ROOM : runs?.has(i) ? ROW_HEIGHT + RUN_HEAD : ROW_HEIGHT), overscan: 3, getItemKey: itemKey });
  // documents arriving, not a search or a filter changing what is shown
  const shownBy = `${deferredQuery}|${kind}|${agency}|${linked}|${group}|${problems}|${sort}`;
  useRowsStayUnderPointer(parentRef, rows, virtual, shownBy);
  // another search, filter or order shows its list from the top (the ninth walk: a search typed
  // 4,000 px down the list showed its 48th match first)
  useLayoutEffect(() => {
    if (parentRef.current) parentRef.current.scrollTop = 0;
  }, [shownBy]);
  const shownIds = virtual.getVirtualItems().map((v) => rows[v.index]?.id).filter(Boolean);
  const snippets = useSnippets(shownIds, content?.query ?? '');
  // a document opened from a search shows the page of its first match (a PDF's page is a picture)
  const foundOf = (id: string) => {
    const page = snippets.get(id)?.[0]?.page;
    return page && page > 1 && content?.query ? { page, query: content.query } : undefined;
  };

  const select = (d: EvidenceDoc) => navigate(href(ws.id, 'bukti', d.id), true);
  // suggestions come after the list: the model compiles once the page is idle, and the rows'
  // classifications are read only then (the list itself reads neither)
  const idle = useIdle();
  const model = useClassifier(rules, idle).data?.model ?? null;
  const shownClasses = useClassificationsOf(model ? shownIds : []);
  // a row's suggestion is worked out once per reading (rows are memoised on it)
  const own = useOwnCodes();
  const suggestions = useMemo(() => new WeakMap<Classification, LinkSuggestion | null>(), [model, own]);
  const suggestionOf = (c: Classification | undefined): LinkSuggestion | null => {
    if (!c || !model) return null;
    if (!suggestions.has(c)) suggestions.set(c, ownSuggestion(linkSuggestion(model, c), own));
    return suggestions.get(c) ?? null;
  };
  // a row's one line says what sets the suggested question apart (1.2a-1.2s share 65 characters)
  const shortPrompts = useDistinctPrompts(rules);
  const promptOf = (code: string) => shortPrompts.get(code);
  const frozen = useEvidenceReadOnly();
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  const tick = (id: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  /** Arrow keys move from row to row (the focus goes to the next row's name). */
  const moveBy = (e: KeyboardEvent, index: number) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    if ((e.target as HTMLElement).tagName === 'SELECT') return;
    e.preventDefault();
    const to = index + (e.key === 'ArrowDown' ? 1 : -1);
    const next = rows[to];
    if (!next) return;
    select(next);
    virtual.scrollToIndex(to);
    requestAnimationFrame(() => parentRef.current?.querySelector<HTMLElement>(`[data-index="${to}"] .doc-open`)?.focus());
  };
  const linkOne = (d: EvidenceDoc, code: string) => void linkWithUndo(ws.id, [{ documentId: d.id, code }], t('evidence.suggest.linked', { name: d.name, code }), t);
  // the rows get one stable object whose functions call this render's handlers
  const handlers = useRef({ select, tick, moveBy, linkOne });
  // after the commit: a render React sets aside (a deferred one) must not leave its rows behind
  useLayoutEffect(() => void (handlers.current = { select, tick, moveBy, linkOne }));
  const actions = useMemo<DocRowActions>(
    () => ({
      open: (d) => handlers.current.select(d),
      tick: (id, on) => handlers.current.tick(id, on),
      linkSuggested: (d, code) => handlers.current.linkOne(d, code),
      keyDown: (e, index) => handlers.current.moveBy(e, index),
    }),
    [],
  );
  const unlinked = useMemo(() => (d: EvidenceDoc) => !linksByDoc.has(d.id), [linksByDoc]);
  // the row mark says what the open document's flag card says
  const problemOf = (d: EvidenceDoc) => problemKeys(d).map((key) => t(`evidence.problems.${key}`, { limit: ocrMaxPages })).join(' ') || null;
  const runHeadOf = (run: AgencyRun | undefined) =>
    run && t('evidence.runHead', { name: !run.agency ? t('evidence.runNoAgency') : run.guessed ? t('evidence.rowAgencyGuessed', { name: agencyName(run.agency) }) : agencyName(run.agency), count: run.count });
  const flagWords = (id: string) => misfileWording(rules, flags?.byDocument.get(id)?.filter((f) => !f.dismissed) ?? []);

  return (
    <div className="evidence">
      <div className="evidence-left">
        {ws.role === 'evaluator' ? (
          <p className="muted small" data-testid="evidence-read-only">
            {t('evidence.evaluatorReadOnly')}
          </p>
        ) : (
          <DropArea workspaceId={ws.id} slim={!!docs?.length} />
        )}
        <IntakePanel />
        <EvidenceToolbar f={f} set={set} agencyFilter={!own} guesses={guesses.extra} agencyCounts={guesses.confirmed} />
        <div className="list-head muted small" data-testid="doc-count" data-query={searching ? (content?.query ?? '') : ''}>
          {t('evidence.count', { count: rows.length })}
          {searching && pendingIndex > 0 && <span className="warn"> · {t('evidence.indexing', { count: pendingIndex })}</span>}
          {searching && content?.partial && <span className="warn"> · {t('evidence.searchPartial')}</span>}
          {/* the chosen order holds within each part; an agency's headings are gone (the eleventh walk) */}
          {content && rows.length > 1 && <span data-testid="search-order"> · {t('evidence.searchOrder')}</span>}
          {searching && content?.failed && (
            <span className="warn" role="alert" data-testid="search-failed">
              {' · '}
              {t('evidence.searchFailed')}
            </span>
          )}
          {/* a cluster is where a document is linked: an unlinked one is in none (the eighth walk read "0 dokumen" as a fault) */}
          {group && (
            <span data-testid="group-by-links">
              {' · '}
              {t('evidence.filters.groupByLinks')}
            </span>
          )}
          {guesses.alsoGuessed > 0 && (
            <span data-testid="agency-also-guessed">
              {' · '}
              {t('evidence.filters.alsoGuessed', { count: guesses.alsoGuessed, name: agencyName(agency) })}{' '}
              <button type="button" className="link" onClick={() => set('agency', guessValue(agency))}>
                {t('evidence.filters.showGuesses')}
              </button>
            </span>
          )}
        </div>
        <TrashCard workspaceId={ws.id} editable={!frozen} />
        {docs && docs.length === 0 && <p className="muted page">{t('evidence.none')}</p>}
        {docs && docs.length > 0 && rows.length === 0 && (
          <p className="muted page" data-testid="no-match">
            {t('evidence.noMatch')}
            {searching && content?.query === deferredQuery && <DidYouMean suggestion={didYouMean} onPick={(q) => set('query', q)} />}
          </p>
        )}
        {!frozen && <BulkLinkBar workspaceId={ws.id} rows={rows} unlinked={unlinked} ticked={ticked} setTicked={setTicked} model={model} rules={rules} returnFocus={listElement} />}
        <div ref={parentRef} className="doc-list" role="list" aria-label={t('evidence.title')} tabIndex={-1} onPointerEnter={(e) => (e.currentTarget.dataset.pointer = '1')} onPointerLeave={(e) => delete e.currentTarget.dataset.pointer}>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const d = rows[v.index];
              const codes = linksByDoc.get(d.id) ?? NO_CODES;
              const suggestion = codes.length ? null : suggestionOf(shownClasses?.get(d.id));
              return (
                <DocRow
                  key={d.id}
                  doc={d}
                  index={v.index}
                  start={v.start}
                  isSelected={d.id === selectedId}
                  codes={codes}
                  flagged={flagWords(d.id)}
                  suggestion={suggestion}
                  suggestionPrompt={suggestion ? promptOf(suggestion.questions[0]) : undefined}
                  excerpt={snippets.get(d.id)?.[0]}
                  searching={searching}
                  problem={problemOf(d)}
                  runHead={runHeadOf(runs?.get(v.index))}
                  agencyName={d.agency ? agencyName(d.agency) : undefined}
                  agencyGuessed={!!d.agencyGuessed}
                  ticked={ticked.has(d.id)}
                  editable={!frozen}
                  evaluator={ws.role === 'evaluator'}
                  actions={actions}
                  measure={virtual.measureElement}
                />
              );
            })}
          </div>
        </div>
      </div>
      <aside className="evidence-right pane-detail">{selected ? <DocDetail key={selected.id} doc={selected} found={foundOf(selected.id)} /> : <p className="muted">{t('evidence.choose')}</p>}</aside>
    </div>
  );
}
