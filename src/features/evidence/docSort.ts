/**
 * The order of Bukti's list. Newest first unless the officer picks another (kept for the next
 * visit on this device): a kabupaten's 5,000 files are found by name ("Perbup 12 2024…", with
 * numbers in their number order), by agency, or the largest scans first.
 */
import { useCallback, useState } from 'react';
import type { EvidenceDoc } from '../../domain/model';

export type DocSort = 'newest' | 'oldest' | 'name' | 'agency' | 'size';
export const DOC_SORTS: readonly DocSort[] = ['newest', 'oldest', 'name', 'agency', 'size'];

const KEY = 'siap-kla.evidenceSort';
let collator: Intl.Collator | null = null;
/** Indonesian order, numbers by their value ("dok 2" before "dok 10"), case and accents aside. */
const compare = (a: string, b: string) => (collator ??= new Intl.Collator('id', { numeric: true, sensitivity: 'base' })).compare(a, b);

const byName = (a: EvidenceDoc, b: EvidenceDoc) => compare(a.name, b.name);
const newest = (a: EvidenceDoc, b: EvidenceDoc) => b.addedAt - a.addedAt || byName(a, b);

/**
 * `list` in the order `by` (a new array; `list` itself when it is already newest first, the order
 * the list is read in). By agency: the agency's name, then the file's; the documents confirmed
 * as an agency's own first, then those whose agency is a guess, then those of no known agency.
 */
export function sortDocs(list: EvidenceDoc[], by: DocSort, agencyName: (id: string) => string): EvidenceDoc[] {
  switch (by) {
    case 'oldest':
      return [...list].sort((a, b) => a.addedAt - b.addedAt || byName(a, b));
    case 'name':
      return [...list].sort((a, b) => byName(a, b) || newest(a, b));
    case 'size':
      return [...list].sort((a, b) => b.size - a.size || byName(a, b));
    case 'agency': {
      const names = new Map<string, string>();
      const nameOf = (id: string) => names.get(id) ?? (names.set(id, agencyName(id)), names.get(id)!);
      // confirmed as an agency's own first, then guessed from a letterhead (as the agency filter
      // keeps them apart), then no agency known
      const rank = (d: EvidenceDoc) => (!d.agency ? 2 : d.agencyGuessed ? 1 : 0);
      // names that collate alike ("Dinsos", "DINSOS") stay two runs: the id breaks the tie
      const byAgency = (a: string, b: string) => compare(nameOf(a), nameOf(b)) || (a < b ? -1 : a > b ? 1 : 0);
      return [...list].sort((a, b) => rank(a) - rank(b) || (a.agency && b.agency ? byAgency(a.agency, b.agency) : 0) || byName(a, b));
    }
    default:
      return list;
  }
}

/** Where a run of one agency's documents begins in a list sorted by agency, and how long it is. */
export interface AgencyRun {
  agency: string | undefined;
  guessed: boolean;
  count: number;
}

/**
 * The runs of `rows` (sorted by agency): index of each run's first row -> the run. Confirmed,
 * guessed and unknown are runs of their own, as the sort keeps them apart (the tenth walk: where
 * one agency's documents ended could not be seen in 5,000).
 */
export function agencyRuns(rows: readonly EvidenceDoc[]): Map<number, AgencyRun> {
  const runs = new Map<number, AgencyRun>();
  let current: AgencyRun | null = null;
  rows.forEach((d, i) => {
    const guessed = !!d.agency && !!d.agencyGuessed;
    if (current && current.agency === d.agency && current.guessed === guessed) current.count++;
    else runs.set(i, (current = { agency: d.agency, guessed, count: 1 }));
  });
  return runs;
}

function stored(): DocSort {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return DOC_SORTS.includes(v as DocSort) ? (v as DocSort) : 'newest';
  } catch {
    return 'newest';
  }
}

/** The list's order, kept in localStorage. */
export function useDocSort(): [DocSort, (by: DocSort) => void] {
  const [by, setBy] = useState<DocSort>(stored);
  const set = useCallback((next: DocSort) => {
    setBy(next);
    try {
      globalThis.localStorage?.setItem(KEY, next);
    } catch {
      /* private mode: the choice lasts this visit */
    }
  }, []);
  return [by, set];
}
