/**
 * Bukti's rows: the documents in the chosen order, through the filters, a search's matches
 * ranked (name, then title, then text), and where each agency's run begins when sorted by agency.
 */
import { useMemo } from 'react';
import type { EvidenceDoc } from '../../domain/model';
import { parseQuery, normalizeQueryText } from '../../domain/evidence/textSearch';
import { offerOver } from '../../shared/components/DidYouMean';
import type { ContentResult } from '../../shared/search';
import { useWorkspace } from '../../shared/workspace';
import { fromAgency } from './agencyGuess';
import { problemKeys } from './DocRow';
import { agencyRuns, sortDocs } from './docSort';
import type { EvidenceFilters } from './EvidenceToolbar';

/**
 * File names and titles as search compares them, computed once per document text (a query checks
 * them all). Keyed by id and text, not by row object: the list's rows are read anew whenever a
 * document changes, and a cache by object made the next query normalise every name again (~27 ms
 * at 5,000 documents, in the page's main thread, on the first search after each change).
 */
const nameCache = new Map<string, { text: string; norm: string }>();
const titleCache = new Map<string, { text: string; norm: string }>();
function normalizedIn(cache: typeof nameCache, id: string, text: string): string {
  const hit = cache.get(id);
  if (hit?.text === text) return hit.norm;
  const norm = normalizeQueryText(text);
  cache.set(id, { text, norm });
  return norm;
}
const normalizedName = (d: EvidenceDoc) => normalizedIn(nameCache, d.id, d.name);
const normalizedTitle = (d: EvidenceDoc) => (d.title ? normalizedIn(titleCache, d.id, d.title) : '');

/**
 * A search's rows: those whose name holds every word first, then those whose title does (the
 * ninth walk: "forum anak" matched 4,455 of 5,000, the reports titled on it lost among them),
 * then the rest the index found, each part in the list's order.
 */
function rankedMatches(list: EvidenceDoc[], terms: string[], nos: ReadonlySet<number>): EvidenceDoc[] {
  const named: EvidenceDoc[] = [];
  const titled: EvidenceDoc[] = [];
  const rest: EvidenceDoc[] = [];
  for (const d of list) {
    if (terms.every((t) => normalizedName(d).includes(t))) named.push(d);
    else if (d.no == null || !nos.has(d.no)) continue;
    else if (terms.every((t) => normalizedTitle(d).includes(t))) titled.push(d);
    else rest.push(d);
  }
  return [...named, ...titled, ...rest];
}

export function useEvidenceRows(docs: EvidenceDoc[] | undefined, f: EvidenceFilters, content: ContentResult | null, linksByDoc: ReadonlyMap<string, string[]>) {
  const { rules, agencyName } = useWorkspace();
  const { kind, agency, group, linked, problems, sort } = f;
  // sorted once per list or order (not at each search or filter: 14 ms by name at 5,000 here); the
  // filters keep the order
  const sorted = useMemo(() => sortDocs(docs ?? [], sort, agencyName), [docs, sort, agencyName]);
  // what the filters but the agency leave: the agency filter counts over it
  const { rows, didYouMean, byOthers } = useMemo(() => {
    const byOthers = sorted.filter((d) => {
      if (kind && d.kind !== kind) return false;
      const codes = linksByDoc.get(d.id) ?? [];
      if (linked === 'yes' && !codes.length) return false;
      if (linked === 'no' && codes.length) return false;
      if (group && !codes.some((c) => rules.questionByCode.get(c)?.group === group)) return false;
      if (problems && !problemKeys(d).length) return false;
      return true;
    });
    let list = agency ? byOthers.filter((d) => fromAgency(d, agency)) : byOthers;
    // the offered spelling counts the documents these filters leave
    const didYouMean = offerOver(content, list);
    if (content) {
      // the index answers for the text; names are matched here, so a document stored a moment
      // ago (not indexed yet) is still found by its name, and name matches come first
      list = rankedMatches(list, parseQuery(content.query), content.nos);
    }
    return { rows: list, didYouMean, byOthers };
  }, [sorted, kind, agency, linked, group, problems, content, linksByDoc, rules]);
  // a search's rows are ranked (name matches first): no longer in runs. `content`, not the box:
  // the rows stay ranked until the search's answer is cleared
  const runs = useMemo(() => (sort === 'agency' && !content ? agencyRuns(rows) : null), [sort, content, rows]);
  return { rows, didYouMean, byOthers, runs };
}
