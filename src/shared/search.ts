/**
 * Full-text search for the screens: a client of the search worker (src/workers/search.worker.ts),
 * which holds no text in the page. `useContentSearch` answers which documents match a query;
 * `useSnippets` fetches highlighted excerpts only for the rows on screen.
 */
import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { Snippet } from '../domain/evidence/textSearch';
import type { SearchApi } from '../workers/search.worker';
import { storedSkips, watchedReader } from './watchedReader';
import { watchedWorker, WorkerEnded } from './watchedWorker';

export { usePendingIndex } from './pendingIndex';

const EMPTY = new Map<string, Snippet[]>();

/**
 * The tab's search worker, watched (shared/watchedWorker.ts): a worker that throws or stops
 * answering for 30 s while a search waits is replaced, at most three times (the index is
 * persisted: a new worker answers from it).
 */
const watched = watchedWorker<Comlink.Remote<SearchApi>>(
  (restarts) => {
    const worker = new Worker(new URL('../workers/search.worker.ts', import.meta.url), { type: 'module', name: restarts ? `search-${restarts + 1}` : 'search' });
    return { worker, api: Comlink.wrap<SearchApi>(worker) };
  },
  { pingEveryMs: 5_000, unresponsiveMs: 30_000, maxRestarts: 3, onEnd: (reason) => console.warn(`search worker replaced (${reason})`) },
);

/** The search worker's calls, each failing with WorkerEnded if the worker fails meanwhile. */
const client = {
  search: (workspaceId: string, query: string) => watched.call((api) => api.search(workspaceId, query)),
  snippets: (ids: string[], query: string) => watched.call((api) => api.snippets(ids, query)),
  warm: (workspaceId: string) => watched.call((api) => api.warm(workspaceId)),
  personalData: (workspaceId: string) => watched.call((api) => api.personalData(workspaceId)),
  suggestions: (ids: string[], rulesHash: string) => watched.call((api) => api.suggestions(ids, rulesHash)),
  flags: (...a: Parameters<SearchApi['flags']>) => watched.call((api) => api.flags(...a)),
  flagsEnd: (...a: Parameters<SearchApi['flagsEnd']>) => watched.call((api) => api.flagsEnd(...a)),
  flush: () => watched.call((api) => api.flush()),
};

/** The tab's search worker, started once (it also builds the index in the background). */
export function searchWorker(): typeof client {
  watched.ensure();
  return client;
}

/**
 * How long the reading worker pauses after a search or excerpts are asked for (it reads where
 * imported documents belong and takes a core meanwhile; workers/readingPace.ts bounds it).
 */
const SEARCH_PAUSE_MS = 1_500;

/**
 * A search answered while the index was taking documents in (`indexing`) is asked again after this
 * long, until one is answered with the index at rest: the answer may have been worked out on the
 * segments from before a batch the page then saw leave the queue (the pending count is no proof).
 */
const INDEXING_RETRY_MS = 1_500;
/** At most this many times (a minute): after that, the pending count's drops ask again (useIndexedGeneration). */
const INDEXING_RETRIES = 40;

/**
 * A search, asked again once if the worker failed under it (the second goes to its replacement).
 * `again`: the same query asked once more while indexing: the reading worker is not paused for it.
 */
async function searchOnce(workspaceId: string, query: string, again = false) {
  if (!again) reading.pause(SEARCH_PAUSE_MS);
  try {
    return await client.search(workspaceId, query);
  } catch (e) {
    if (!(e instanceof WorkerEnded)) throw e;
    return client.search(workspaceId, query);
  }
}

export interface ContentResult {
  /** The query these results answer (the list shows the previous results until they come). */
  query: string;
  nos: Set<number>;
  partial: boolean;
  /** The search could not be answered (the worker failed twice): nothing found is not "no match". */
  failed?: boolean;
  /** Nothing found: the query spelt as the documents spell it, and the numbers of the documents it finds (the page counts the live ones). */
  didYouMean?: { query: string; nos: number[] } | null;
}

/**
 * The documents whose text matches `query`. `pending` is the workspace's count of documents not
 * indexed yet (usePendingIndex): when it drops, the index has grown and the query is asked again,
 * so a search typed while a document waits for the index finds it once it is indexed.
 */
export function useContentSearch(workspaceId: string, query: string, pending = 0): ContentResult | null {
  const [result, setResult] = useState<ContentResult | null>(null);
  const indexed = useIndexedGeneration(pending);
  // the index and the phrase filters load while the officer looks at the list, after the list
  // itself has been read (both compete for the same database)
  useEffect(() => {
    const t = setTimeout(() => void searchWorker().warm(workspaceId).catch(() => undefined), 2000);
    return () => clearTimeout(t);
  }, [workspaceId]);
  // asked again while the index takes documents in (INDEXING_RETRY_MS)
  // counted per query, workspace and index generation: a drop of the pending count starts afresh
  const [retry, setRetry] = useState({ key: '', n: 0 });
  const key = `${workspaceId}|${indexed}|${query}`;
  const again = retry.key === key ? retry.n : 0;
  useEffect(() => {
    if (!query.trim()) {
      setResult(null);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void searchOnce(workspaceId, query, again > 0)
      .then((r) => {
        if (!live) return;
        setResult({ query, nos: new Set(r.nos), partial: r.partial, didYouMean: r.didYouMean });
        if (r.indexing && again < INDEXING_RETRIES) timer = setTimeout(() => setRetry({ key, n: again + 1 }), INDEXING_RETRY_MS);
      })
      .catch((e) => {
        console.warn('search failed', e);
        if (live) setResult({ query, nos: new Set(), partial: false, failed: true });
      });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [workspaceId, query, indexed, again, key]);
  return result;
}

/** A number that grows each time `pending` drops (documents went into the index); rises leave it. */
function useIndexedGeneration(pending: number): number {
  const [state, setState] = useState({ pending, generation: 0 });
  if (pending !== state.pending) setState({ pending, generation: state.generation + (pending < state.pending ? 1 : 0) });
  return state.generation;
}

/** Excerpts for the documents on screen; fetched when the visible rows or the query change. */
export function useSnippets(ids: string[], query: string): Map<string, Snippet[]> {
  // excerpts of the current query, kept while scrolling (a new query starts afresh)
  const [state, setState] = useState({ query: '', map: new Map<string, Snippet[]>() });
  const key = ids.join(',');
  useEffect(() => {
    const want = ids.filter((id) => state.query !== query || !state.map.has(id));
    if (!query.trim() || !want.length) return;
    let live = true;
    const t = setTimeout(() => {
      reading.pause(SEARCH_PAUSE_MS);
      void searchWorker()
        .snippets(want, query)
        .then((r) => live && setState((s) => ({ query, map: new Map([...(s.query === query ? s.map : []), ...Object.entries(r)]) })))
        .catch(() => undefined); // no excerpts: the rows still show
    }, 30);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // ids is keyed by its contents
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, query]);
  return query.trim() && state.query === query ? state.map : EMPTY;
}

/**
 * The tab's reading worker (workers/reading.worker.ts: where imported documents belong), watched
 * (shared/watchedReader.ts): one that throws, or holds one document for 30 s, is replaced, at most
 * three times, and that document is passed over from then on in this browser.
 */
const reading = watchedReader(
  (restarts) => new Worker(new URL('../workers/reading.worker.ts', import.meta.url), { type: 'module', name: restarts ? `reading-${restarts + 1}` : 'reading' }),
  { checkEveryMs: 5_000, stuckMs: 30_000, maxRestarts: 3, skipped: storedSkips, onEnd: (reason) => console.warn(`reading worker replaced (${reason})`) },
);

/** Starts the tab's reading worker once. */
export function readingWorker(): void {
  reading.ensure();
}
