/**
 * The misfile flags as the screens read them (computed by domain/flags.ts). Apart from it so the
 * page can hold and group them without loading the classifier (the search worker computes them).
 */
import type { FlagDismissal } from './model';

export interface MisfileFlag {
  documentId: string;
  /** The question it is linked to (where it was filed). */
  code: string;
  filedIndicator: string;
  suggested: { group: string; indicator: string; questions: string[] };
  confidence: number;
  /** The words that convinced the classifier. */
  evidence: string[];
  dismissed: FlagDismissal | null;
}

export interface ElsewhereHint {
  /** The question without evidence. */
  code: string;
  documentId: string;
  /** Where the document is linked now. */
  linkedTo: string[];
  confidence: number;
}

/** The flags as the screens read them. */
export interface FlagsView {
  all: MisfileFlag[];
  open: MisfileFlag[];
  byCode: Map<string, MisfileFlag[]>;
  byDocument: Map<string, MisfileFlag[]>;
  elsewhere: Map<string, ElsewhereHint[]>;
  /** Open flags per question code (for counts). */
  openCount: Map<string, number>;
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.get(key(x))?.push(x) ?? m.set(key(x), [x]);
  return m;
}

export function flagsView({ flags: all, elsewhere }: { flags: MisfileFlag[]; elsewhere: ElsewhereHint[] }): FlagsView {
  const open = all.filter((f) => !f.dismissed);
  const openCount = new Map<string, number>();
  for (const f of open) openCount.set(f.code, (openCount.get(f.code) ?? 0) + 1);
  return { all, open, byCode: groupBy(all, (f) => f.code), byDocument: groupBy(all, (f) => f.documentId), elsewhere: groupBy(elsewhere, (h) => h.code), openCount };
}
