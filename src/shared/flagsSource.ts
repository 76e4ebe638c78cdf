/**
 * The misfile flags of one workspace, computed once for every screen that shows them (the
 * evidence list and its open document, a question and the list of questions, Salah klaster, the
 * summary, Beranda, and the menu's count, which is on every screen of a city workspace), like the
 * evidence list's source (features/evidence/docList.ts):
 *
 * - live: the links and the dismissals are followed by Dexie live queries;
 * - in the search worker: the classifications of the linked documents are read and kept there
 *   (db/flagsEngine.ts), not in the page: after a bulk link of 3,889 files the page spent ~30 s
 *   reading them (CPU throttled 4x). The page computes them itself only when that worker cannot
 *   (its script did not load, or this browser does not hold the rules file);
 * - when idle: a change is sent in the browser's next idle moment (whenIdle), so the link, the
 *   keystroke or the row that changed is drawn first;
 * - kept per document (FlagsMemo): a link change recomputes its document alone (93-165 ms per link
 *   change at 4,000 links when every document was recomputed; benchmarks.md);
 * - bounded: what is kept is for the documents linked now (about 10 KB a linked document: ~38 MB
 *   at 4,000 links, measured in Node on 6 Dec 2026); nobody has shown flags for a while (another
 *   workspace was opened, or an evaluator's copy): all of it is forgotten.
 */
import { liveQuery, type Subscription } from 'dexie';
import { getDb } from '../db/client';
import { CLASSIFICATIONS_CHANNEL, type ClassificationsMessage } from '../db/classifyStored';
import type { FlagsEngine, FlagsInput, FlagsOutput } from '../db/flagsEngine';
import type { KlaDb } from '../db/schema';
import { flagsView, type FlagsView } from '../domain/flagsView';
import type { EvidenceLink, FlagDismissal } from '../domain/model';
import type { Rules } from '../domain/rules/load';
import { forgetRowClassification, forgetRowClassifications } from './classifications';
import { loadClassifier, type Classifier } from './classifier';
import { whenIdle } from './idle';
import { SharedSource } from './sharedSource';

/** Where the flags are computed off the page (the search worker's `flags`). */
export interface RemoteFlags {
  flags(workspaceId: string, rulesHash: string, input: FlagsInput): Promise<FlagsOutput | null>;
  end(workspaceId: string, rulesHash: string): Promise<void>;
}

export interface FlagsSourceDeps {
  db: () => KlaDb;
  load: (rules: Rules) => Promise<Classifier | null>;
  idle: () => Promise<void>;
  /** How long the flags are kept after the last screen showing them went (a page switch is shorter). */
  lingerMs: number;
  /** Null: the page computes them. */
  remote: RemoteFlags | null;
}

const searchWorkerFlags: RemoteFlags = {
  // the search client loads with the first flags to work out (not at start)
  flags: async (workspaceId, rulesHash, input) => (await import('./search')).searchWorker().flags(workspaceId, rulesHash, input),
  end: async (workspaceId, rulesHash) => (await import('./search')).searchWorker().flagsEnd(workspaceId, rulesHash),
};

// without workers (Node: tests, tools) the page computes them, as it does when the worker fails
const defaults: FlagsSourceDeps = { db: getDb, load: loadClassifier, idle: () => whenIdle(), lingerMs: 10_000, remote: typeof Worker === 'undefined' ? null : searchWorkerFlags };

export class FlagsSource extends SharedSource<FlagsView | null> {
  private links?: EvidenceLink[];
  private dismissals?: FlagDismissal[];
  private subs: Subscription[] = [];
  /** Bumped by every change and by stop: a computation that is no longer the latest is dropped. */
  private run = 0;
  /** Documents read again since the last computation was sent (the engine forgets their classifications). */
  private forgotten: Set<string> | 'all' = 'all';
  /** Where the last computation was made: an engine that missed forgets starts afresh. */
  private where: 'worker' | 'page' | null = null;
  /** The worker was asked (its engine may hold this workspace's flags until told to end). */
  private askedRemote = false;
  /** The page's engine, when the worker cannot compute. */
  private local: FlagsEngine | null = null;

  /** Its value: the flags, or null until they are first computed (or when the rules hold no classifier). */
  constructor(
    readonly workspaceId: string,
    readonly rules: Rules,
    private readonly deps: FlagsSourceDeps = defaults,
  ) {
    super(null);
  }

  /** A page switch (Bukti to Instrumen) keeps the flags: the next screen shows them at once. */
  protected override lastLeft(): void {
    this.stopLater(this.deps.lingerMs);
  }

  /**
   * A document was read again: its classification is read afresh. Computed again even when it was
   * not kept: a read under way may have fetched the old one (the engine forgets it after that read).
   */
  forget(...documentIds: string[]): void {
    if (this.forgotten !== 'all') for (const id of documentIds) this.forgotten.add(id);
    if (this.subs.length) void this.compute();
  }

  /** The documents were replaced (an import): every classification is read afresh. */
  forgetAll(): void {
    this.forgotten = 'all';
    if (this.subs.length) void this.compute();
  }

  /** Where the flags were last computed (the menu's badge says it to tests). */
  get computedIn(): 'worker' | 'page' | null {
    return this.where;
  }

  protected start() {
    if (this.subs.length) return;
    const db = this.deps.db();
    const follow = <T,>(query: () => Promise<T>, take: (v: T) => void) =>
      liveQuery(query).subscribe({ next: (v) => (take(v), void this.compute()), error: (e) => this.fail(e) });
    this.forgotten = 'all';
    this.subs = [
      follow(() => db.links.where('workspaceId').equals(this.workspaceId).toArray(), (v) => (this.links = v)),
      follow(() => db.flagDismissals.where('workspaceId').equals(this.workspaceId).toArray(), (v) => (this.dismissals = v)),
    ];
  }

  /** Waits for an idle moment, then computes what changed (unless a newer change came). */
  private async compute() {
    const run = ++this.run;
    const { links, dismissals } = this;
    if (!links || !dismissals) return;
    try {
      await this.deps.idle();
      if (run !== this.run) return;
      // nothing linked, nothing flagged: no worker or classifier is started for it (a new
      // workspace's first screen loads neither); the documents read again wait for the next links
      const out = links.length ? await this.flagsOf({ links, dismissals, forgotten: this.takeForgotten() }) : { flags: [], elsewhere: [] };
      if (run === this.run && out) this.set(flagsView(out));
    } catch (e) {
      // a failed read reaches the screens (their error boundary), not an unhandled rejection
      if (run === this.run) this.fail(e);
    }
  }

  /** The documents read again since the last computation sent, from now on none. */
  private takeForgotten(): string[] | 'all' {
    const out = this.forgotten === 'all' ? 'all' : [...this.forgotten];
    this.forgotten = new Set();
    return out;
  }

  /** In the search worker; in the page when it cannot (null: the rules hold no classifier). */
  private async flagsOf(input: FlagsInput): Promise<FlagsOutput | null> {
    const { remote } = this.deps;
    if (remote) {
      this.askedRemote = true;
      try {
        const out = await remote.flags(this.workspaceId, this.rules.hash, this.where === 'worker' ? input : { ...input, forgotten: 'all' });
        if (out) {
          this.where = 'worker';
          this.local = null;
          return out;
        }
      } catch (e) {
        console.warn('misfile flags: the search worker could not compute them; the page does', e);
      }
    }
    const classifier = await this.deps.load(this.rules);
    if (!classifier) return null;
    if (this.where !== 'page' || !this.local) {
      const { FlagsEngine } = await import('../db/flagsEngine');
      this.local = new FlagsEngine(this.workspaceId, this.rules, classifier.model, this.deps.db);
    }
    this.where = 'page';
    return this.local.compute(input);
  }

  /** The page's engine (tests). */
  get pageEngine(): FlagsEngine | null {
    return this.local;
  }

  /** Nobody shows flags: stop following and forget everything (a later screen computes afresh). */
  protected stop() {
    this.run++;
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
    this.links = this.dismissals = undefined;
    // whenever the worker was asked (a first computation still under way when the flags stop has
    // not set `where` yet); never asked (nothing linked), no worker is started just to be told
    if (this.askedRemote) void this.deps.remote?.end(this.workspaceId, this.rules.hash).catch(() => undefined);
    this.askedRemote = false;
    this.where = null;
    this.local = null;
    this.reset(null);
    if (sources.get(keyOf(this.workspaceId, this.rules)) === this) sources.delete(keyOf(this.workspaceId, this.rules));
  }
}

const sources = new Map<string, FlagsSource>();
const keyOf = (workspaceId: string, rules: Rules) => `${workspaceId}|${rules.hash}`;

/** The one source of a workspace's flags under these rules (until nobody has shown them for a while). */
export function flagsSource(workspaceId: string, rules: Rules): FlagsSource {
  const key = keyOf(workspaceId, rules);
  let s = sources.get(key);
  if (!s) sources.set(key, (s = new FlagsSource(workspaceId, rules)));
  return s;
}

function forgetHere(m: ClassificationsMessage): void {
  if ('all' in m) {
    forgetRowClassifications();
    for (const s of sources.values()) s.forgetAll();
    return;
  }
  const ids = 'documentIds' in m ? m.documentIds : [m.documentId];
  forgetRowClassification(...ids);
  for (const s of sources.values()) s.forget(...ids);
}

/**
 * The origin's other tabs hear of it too: they keep classifications of their own, and an import
 * or a password opened in one tab left the others showing the old flags and suggestions until a
 * reload. Without BroadcastChannel the forget holds in this tab alone.
 */
const channel = (() => {
  try {
    const c = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CLASSIFICATIONS_CHANNEL);
    (c as unknown as { unref?: () => void } | null)?.unref?.(); // Node (tests, tools): never what keeps a process alive
    // another tab's forget, or the search worker's readings of imported documents (classifyStored.ts)
    if (c) c.onmessage = (e: MessageEvent<unknown>) => {
      const m = e.data as Partial<{ documentId: unknown; documentIds: unknown; all: unknown }> | null;
      if (m?.all === true) forgetHere({ all: true });
      else if (typeof m?.documentId === 'string') forgetHere({ documentId: m.documentId });
      else if (Array.isArray(m?.documentIds)) forgetHere({ documentIds: m.documentIds.filter((x): x is string => typeof x === 'string') });
    };
    return c;
  } catch {
    return null;
  }
})();

function forget(m: ClassificationsMessage): void {
  forgetHere(m);
  channel?.postMessage(m);
}

/** Forget a document's kept classification everywhere, in every tab (it was read again). */
export const forgetClassification = (documentId: string): void => forget({ documentId });

/** Forget every kept classification, in every tab (an import replaced a workspace's documents and their readings). */
export const forgetAllClassifications = (): void => forget({ all: true });
