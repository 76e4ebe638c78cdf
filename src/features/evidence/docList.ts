/**
 * The evidence list's documents (light rows, newest first), one shared source per workspace.
 *
 * - Live when idle: a Dexie live query re-reads the list when documents change.
 * - While a batch is being stored it polls instead, adding the documents stored since the newest
 *   one every three seconds (read by date): a live query would re-read every document after every
 *   stored file, quadratic work on the main thread (35 % busy at 2,000 documents).
 * - `prefetchDocList` starts the read at boot when the address names the evidence list, beside
 *   the workspace and its rules instead of after them (5,000 rows take ~200-400 ms to read).
 */
import { liveQuery, type Subscription } from 'dexie';
import { getDb } from '../../db/client';
import type { KlaDb } from '../../db/schema';
import type { EvidenceDoc } from '../../domain/model';
import { SharedSource } from '../../shared/sharedSource';

const newestFirst = (a: EvidenceDoc, b: EvidenceDoc) => b.addedAt - a.addedAt || (a.name < b.name ? -1 : 1);
const listDocs = async (db: KlaDb, workspaceId: string) => (await db.documents.where('workspaceId').equals(workspaceId).toArray()).sort(newestFirst);

/**
 * A document's addedAt is taken before its write transaction opens, and the intake's workers'
 * writes queue behind one another: one stamped earlier can commit after one stamped later. A poll
 * looks back this far behind the newest row so such a document is not skipped until the list goes
 * live again (which reads everything). Each poll reads the rows of this window again: at ~13
 * documents a second (5,000-document bench) 15 s is ~200 light rows every 3 s; two minutes would
 * be ~1,600.
 */
const LATE_MS = 15_000;

/** `list` with the workspace's documents added since its newest one, less LATE_MS (read by the addedAt index). */
async function withNewDocs(db: KlaDb, workspaceId: string, list: EvidenceDoc[]): Promise<EvidenceDoc[]> {
  // nothing yet: the workspace's own rows (by date, every workspace's would come)
  if (!list.length) return listDocs(db, workspaceId);
  const since = list[0].addedAt - LATE_MS;
  const have = new Set(list.map((d) => d.id));
  // one getAll, filtered here: a Dexie filter walks a cursor, one task and one row at a time
  const fresh = (await db.documents.where('addedAt').aboveOrEqual(since).toArray()).filter((d) => d.workspaceId === workspaceId && !have.has(d.id));
  // a late one belongs among the rows, not on top
  return fresh.length ? [...fresh, ...list].sort(newestFirst) : list;
}

const POLL_MS = 3000;
/** A prefetch nobody takes up (the officer left at once) stops after this. */
const UNCLAIMED_MS = 10_000;

/** Its value: the rows, or undefined while the first read runs. */
export class DocListSource extends SharedSource<EvidenceDoc[] | undefined> {
  private mode: 'live' | 'poll' = 'live';
  private live: Subscription | null = null;
  private poll: ReturnType<typeof setTimeout> | null = null;
  private loops = 0;

  constructor(
    readonly workspaceId: string,
    private readonly db: () => KlaDb = getDb,
  ) {
    super(undefined);
  }

  /** Start reading before anyone subscribes (boot); stops by itself if nobody comes. */
  prefetch(): void {
    if (this.listeners.size) return;
    this.start();
    this.stopLater(UNCLAIMED_MS);
  }

  /** Poll while an intake batch runs, live otherwise. */
  setMode(mode: 'live' | 'poll'): void {
    if (mode === this.mode) return;
    const running = !!(this.live || this.poll);
    this.halt();
    this.mode = mode;
    if (!running) return;
    this.start();
    // back to live after a batch: one read of its own too, in case the live query's first answer
    // comes from Dexie's cache of the query before the workers' last writes were told to this page
    if (mode === 'live') this.readAfresh();
  }

  private readAfresh() {
    const loop = this.loops;
    listDocs(this.db(), this.workspaceId).then(
      (v) => loop === this.loops && this.live && this.set(v),
      (e: unknown) => loop === this.loops && this.fail(e),
    );
  }

  protected override set(value: EvidenceDoc[]) {
    if (value !== this.value) super.set(value);
  }

  protected start() {
    if (this.live || this.poll) return;
    if (this.mode === 'live') {
      this.live = liveQuery(() => listDocs(this.db(), this.workspaceId)).subscribe({ next: (v) => this.set(v), error: (e) => this.fail(e) });
      return;
    }
    // a loop stopped while it awaited a read (and maybe replaced by a new one) ends there
    const loop = ++this.loops;
    const tick = async () => {
      try {
        const cur = this.value;
        const next = cur ? await withNewDocs(this.db(), this.workspaceId, cur) : await listDocs(this.db(), this.workspaceId);
        if (loop !== this.loops || !this.poll) return;
        this.set(next);
      } catch (e) {
        if (loop !== this.loops || !this.poll) return;
        this.fail(e);
      }
      this.poll = setTimeout(tick, POLL_MS);
    };
    this.poll = setTimeout(tick, 0);
  }

  private halt() {
    this.loops++;
    this.live?.unsubscribe();
    this.live = null;
    if (this.poll) clearTimeout(this.poll);
    this.poll = null;
  }

  /** Nobody shows the list: stop reading and forget the rows (a later visit reads afresh). */
  protected stop() {
    this.halt();
    this.reset(undefined);
  }
}

const sources = new Map<string, DocListSource>();

export function docListSource(workspaceId: string): DocListSource {
  let s = sources.get(workspaceId);
  if (!s) sources.set(workspaceId, (s = new DocListSource(workspaceId)));
  return s;
}

export const prefetchDocList = (workspaceId: string) => docListSource(workspaceId).prefetch();
