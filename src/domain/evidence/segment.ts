/**
 * One segment of the search index: the terms of a set of documents with, for each term, the
 * ascending numbers of the documents that contain it. Packed in three arrays (sorted terms,
 * offsets, one postings array) so that a segment is a single database row and a few bytes a
 * posting in memory. Pure: built and merged by the search worker, tested in Node.
 */

export interface Segment {
  /** The segment's documents, ascending. */
  docs: Uint32Array;
  /** Sorted, distinct. */
  terms: string[];
  /** Term i's documents are postings[starts[i] .. starts[i + 1]). */
  starts: Uint32Array;
  postings: Uint32Array;
}

/** A segment from documents and their terms. */
export function buildSegment(entries: { no: number; terms: Iterable<string> }[]): Segment {
  const byTerm = new Map<string, number[]>();
  const docs = entries.map((e) => e.no).sort((a, b) => a - b);
  for (const e of [...entries].sort((a, b) => a.no - b.no)) {
    for (const t of e.terms) {
      const list = byTerm.get(t);
      if (list) list.push(e.no);
      else byTerm.set(t, [e.no]);
    }
  }
  return pack(Uint32Array.from(docs), byTerm);
}

function pack(docs: Uint32Array, byTerm: Map<string, number[] | Uint32Array>): Segment {
  const terms = [...byTerm.keys()].sort();
  const starts = new Uint32Array(terms.length + 1);
  let n = 0;
  terms.forEach((t, i) => {
    starts[i] = n;
    n += byTerm.get(t)!.length;
  });
  starts[terms.length] = n;
  const postings = new Uint32Array(n);
  terms.forEach((t, i) => postings.set(byTerm.get(t)!, starts[i]));
  return { docs, terms, starts, postings };
}

/** One segment holding the documents of all. */
export function mergeSegments(segs: Segment[]): Segment {
  const byTerm = new Map<string, number[]>();
  for (const s of segs) {
    s.terms.forEach((t, i) => {
      const list = byTerm.get(t) ?? [];
      for (let k = s.starts[i]; k < s.starts[i + 1]; k++) list.push(s.postings[k]);
      byTerm.set(t, list);
    });
  }
  // a batch indexed twice (a crash between its two writes, two tabs) must not count twice
  const distinct = (l: number[]) => l.sort((a, b) => a - b).filter((n, i) => i === 0 || l[i - 1] !== n);
  for (const [t, list] of byTerm) byTerm.set(t, distinct(list));
  return pack(Uint32Array.from(distinct(segs.flatMap((s) => Array.from(s.docs)))), byTerm);
}

/** The first index whose term is >= `term`. */
export function lowerBound(terms: string[], term: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid] < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The posting lists of `term` (or, with `prefix`, of every term starting with it, at most
 * `maxTerms`: `cut` says when more were left out).
 */
export function lookup(s: Segment, term: string, prefix: boolean, maxTerms = 2000): { lists: Uint32Array[]; cut: boolean } {
  const lists: Uint32Array[] = [];
  let i = lowerBound(s.terms, term);
  if (!prefix) {
    if (s.terms[i] === term) lists.push(s.postings.subarray(s.starts[i], s.starts[i + 1]));
    return { lists, cut: false };
  }
  for (; i < s.terms.length && s.terms[i].startsWith(term); i++) {
    if (lists.length >= maxTerms) return { lists, cut: true };
    lists.push(s.postings.subarray(s.starts[i], s.starts[i + 1]));
  }
  return { lists, cut: false };
}
