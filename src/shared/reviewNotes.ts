import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getDb } from '../db/client';
import type { RevisionItem } from '../domain/model';

export interface ReviewNotes {
  /** Every evaluator note, by question code. */
  byCode: Map<string, RevisionItem[]>;
  /** The note that still asks for work (verdict other than "sesuai", not marked fixed), by code. */
  open: Map<string, RevisionItem>;
}

const EMPTY: ReviewNotes = { byCode: new Map(), open: new Map() };

/** The evaluators' notes of the workspace (imported review responses), as Instrumen shows them. */
export function useReviewNotes(workspaceId: string): ReviewNotes {
  const items = useLiveQuery(() => getDb().revisionItems.where('workspaceId').equals(workspaceId).toArray(), [workspaceId]);
  return useMemo(() => {
    if (!items?.length) return EMPTY;
    const byCode = new Map<string, RevisionItem[]>();
    const open = new Map<string, RevisionItem>();
    for (const i of items) {
      byCode.set(i.code, [...(byCode.get(i.code) ?? []), i]);
      if (i.verdict !== 'sesuai' && !i.done && !open.has(i.code)) open.set(i.code, i);
    }
    return { byCode, open };
  }, [items]);
}
