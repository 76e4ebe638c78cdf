/**
 * The misfile flags of one workspace under one rules file, worked out from the stored
 * classifications and kept between two computations: the classifications of the documents linked
 * now, and each document's part of the flags (FlagsMemo). It runs in the search worker
 * (search.worker.ts `flags`), where reading thousands of classifications does not hold up the
 * page: after a bulk link of 3,889 files the page spent ~30 s (CPU throttled 4x) reading them
 * (docs/performance.md). The page runs one itself only when that worker cannot
 * (shared/flagsSource.ts).
 *
 * Computations run one after another: a document read again is forgotten at the start of the
 * next computation, never while one reads, so what a read under way fetches cannot outlive the
 * forget that follows it.
 */
import type { Classification } from '../domain/classifier/classify';
import type { Model } from '../domain/classifier/model';
import { computeFlags, FlagsMemo, type ElsewhereHint, type MisfileFlag } from '../domain/flags';
import type { EvidenceLink, FlagDismissal } from '../domain/model';
import type { Rules } from '../domain/rules/load';
import type { KlaDb } from './schema';

export interface FlagsInput {
  links: EvidenceLink[];
  dismissals: FlagDismissal[];
  /** Documents read again since the last computation (their kept classifications go), or all. */
  forgotten: string[] | 'all';
}

export interface FlagsOutput {
  flags: MisfileFlag[];
  elsewhere: ElsewhereHint[];
}

/** Classifications read at once: a few KB to 70 KB each; a search or a ping is answered between two reads. */
const READ_CHUNK = 100;

export class FlagsEngine {
  private readonly kept = new Map<string, Classification | null>();
  private readonly memo = new FlagsMemo();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly workspaceId: string,
    readonly rules: Rules,
    readonly model: Model,
    private readonly db: () => KlaDb,
  ) {}

  /** The flags of these links, after the computations asked for before it. */
  compute(input: FlagsInput): Promise<FlagsOutput> {
    const next = this.queue.then(() => this.run(input));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The documents whose classifications are kept (tests, measurements). */
  keptIds(): string[] {
    return [...this.kept.keys()];
  }

  /** The documents whose part of the flags is kept. */
  get keptParts(): number {
    return this.memo.size;
  }

  private async run({ links, dismissals, forgotten }: FlagsInput): Promise<FlagsOutput> {
    if (forgotten === 'all') this.kept.clear();
    else for (const id of forgotten) this.kept.delete(id);
    const ids = [...new Set(links.map((l) => l.documentId))].sort();
    await this.read(ids.filter((id) => !this.kept.has(id)));
    const asked = new Set(ids);
    for (const id of this.kept.keys()) if (!asked.has(id)) this.kept.delete(id);
    const docs = ids.flatMap((id) => {
      const c = this.kept.get(id);
      return c ? [{ id, classification: c }] : [];
    });
    return computeFlags(this.model, this.rules, docs, links, dismissals, this.memo);
  }

  private async read(missing: string[]): Promise<void> {
    for (let i = 0; i < missing.length; i += READ_CHUNK) {
      const part = missing.slice(i, i + READ_CHUNK);
      const rows = await this.db().classifications.bulkGet(part);
      part.forEach((id, k) => this.kept.set(id, rows[k]?.classification ?? null));
    }
  }
}
