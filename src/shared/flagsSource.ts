/**
 * The misfile flags of one workspace, computed once for every screen that shows them (the
 * evidence list and its open document, a question and the list of questions, Salah klaster, the
 * summary, Beranda, and the menu's count, which is on every screen of a city workspace), like the
 * evidence list's source (features/evidence/docList.ts):
 *
 * - live: the links and the dismissals are followed by Dexie live queries;
 * - when idle: a change is computed in the browser's next idle moment (whenIdle), so the link, the
 *   keystroke or the row that changed is drawn first;
 * - kept per document (FlagsMemo): a link change recomputes its document alone (93-165 ms per link
 *   change at 4,000 links when every document was recomputed; benchmarks.md);
 * - bounded: the classifications and parts kept are those of documents linked now (about 10 KB a
 *   linked document: ~38 MB at 4,000 links, measured in Node on 6 Dec 2026); nobody has shown
 *   flags for a while (another workspace was opened, or an evaluator's copy): all of it is forgotten.
 */
import { liveQuery, type Subscription } from 'dexie';
import { getDb } from '../db/client';
import { CLASSIFICATIONS_CHANNEL, type ClassificationsMessage } from '../db/classifyStored';
import type { KlaDb } from '../db/schema';
import type { Classification } from '../domain/classifier/classify';
import type { FlagsMemo, FlagsView } from '../domain/flags';
import type { EvidenceLink, FlagDismissal } from '../domain/model';
import type { Rules } from '../domain/rules/load';
import { classificationsKept, forgetRowClassification, forgetRowClassifications } from './classifications';
import { loadClassifier, type Classifier } from './classifier';
import { whenIdle } from './idle';
import { SharedSource } from './sharedSource';

export interface FlagsSourceDeps {
  db: () => KlaDb;
  load: (rules: Rules) => Promise<Classifier | null>;
  idle: () => Promise<void>;
  /** How long the flags are kept after the last screen showing them went (a page switch is shorter). */
  lingerMs: number;
}

const defaults: FlagsSourceDeps = { db: getDb, load: loadClassifier, idle: () => whenIdle(), lingerMs: 10_000 };

export class FlagsSource extends SharedSource<FlagsView | null> {
  private links?: EvidenceLink[];
  private dismissals?: FlagDismissal[];
  private classifier?: Classifier | null;
  private memo: FlagsMemo | null = null;
  /** The classifications of the documents linked at the last computation. */
  readonly kept = new Map<string, Classification | null>();
  private subs: Subscription[] = [];
  /** Bumped by every change and by stop: a computation that is no longer the latest is dropped. */
  private run = 0;

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
   * not kept: a read under way may have fetched the old one (used once, not kept: classifications.ts).
   */
  forget(...documentIds: string[]): void {
    for (const id of documentIds) this.kept.delete(id);
    if (this.subs.length) void this.compute();
  }

  /** The documents were replaced (an import): every classification is read afresh. */
  forgetAll(): void {
    this.kept.clear();
    if (this.subs.length) void this.compute();
  }

  /** The documents whose parts are kept (tests, measurements). */
  get keptParts(): number {
    return this.memo?.size ?? 0;
  }

  protected start() {
    if (this.subs.length) return;
    const db = this.deps.db();
    const follow = <T,>(query: () => Promise<T>, take: (v: T) => void) =>
      liveQuery(query).subscribe({ next: (v) => (take(v), void this.compute()), error: (e) => this.fail(e) });
    this.subs = [
      follow(() => db.links.where('workspaceId').equals(this.workspaceId).toArray(), (v) => (this.links = v)),
      follow(() => db.flagDismissals.where('workspaceId').equals(this.workspaceId).toArray(), (v) => (this.dismissals = v)),
    ];
    void this.deps.load(this.rules).then((c) => {
      this.classifier = c;
      if (this.subs.length) void this.compute();
    }, (e: unknown) => this.fail(e));
  }

  /** Reads what changed, waits for an idle moment, then computes (unless a newer change came). */
  private async compute() {
    const run = ++this.run;
    const { links, dismissals, classifier } = this;
    if (!links || !dismissals || !classifier) return;
    try {
      const ids = [...new Set(links.map((l) => l.documentId))].sort();
      const docs = await classificationsKept(ids, this.kept, this.deps.db());
      await this.deps.idle();
      if (run !== this.run) return;
      this.memo ??= new classifier.flags.FlagsMemo();
      const { computeFlags, flagsView } = classifier.flags;
      this.set(flagsView(computeFlags(classifier.model, this.rules, docs, links, dismissals, this.memo)));
    } catch (e) {
      // a failed read reaches the screens (their error boundary), not an unhandled rejection
      if (run === this.run) this.fail(e);
    }
  }

  /** Nobody shows flags: stop following and forget everything (a later screen computes afresh). */
  protected stop() {
    this.run++;
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
    this.links = this.dismissals = undefined;
    this.memo = null;
    this.kept.clear();
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
