/**
 * What the search index stores of a document, and how a query is read (pure; used by the search
 * worker and the tests).
 *
 * - Terms: the document's distinct words after normalisation (lower case, no diacritics, letters
 *   and digits only), plus their Indonesian stems ("kelahiran" also files under "lahir"), so a
 *   search for "lahir" finds "kelahiran" as the earlier substring search did.
 * - Pairs: every two adjacent words, kept in a Bloom filter per document (about 10 bits a pair,
 *   1 % false positives), so phrases ("forum anak") and codes ("188.45/123/2024" reads as the
 *   phrase "188 45 123 2024") are checked without positions in the index or reading the text.
 * - A query is a list of clauses, all required: a word (matched as a prefix when it has three
 *   letters or more) or a phrase (every word exact, and each adjacent pair in the filter).
 */
import { stemVariants } from '../classifier/stem';
import { normalizeQueryText } from './textSearch';

/** Longer tokens are cut: nobody searches for a 200-character run of letters. */
export const MAX_TERM = 40;

export function tokens(text: string): string[] {
  const norm = normalizeQueryText(text);
  return norm ? norm.split(' ').map((t) => (t.length > MAX_TERM ? t.slice(0, MAX_TERM) : t)) : [];
}

const indexable = (t: string) => t.length >= 2 || /\d/.test(t);

/** Distinct terms to index for a document's text (words and their stems). */
export function documentTerms(words: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    if (!indexable(w) || out.has(w)) continue;
    out.add(w);
    for (const s of stemVariants(w)) out.add(s);
  }
  return out;
}

// ---- Bloom filter of adjacent word pairs -------------------------------------------------------

const BITS_PER_PAIR = 10;
const HASHES = 7;

/** FNV-1a over the UTF-16 code units, with two seeds for double hashing. */
function hash(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  return h >>> 0;
}

function probes(pair: string, bits: number, visit: (bit: number) => boolean | void): boolean {
  const h1 = hash(pair, 2166136261);
  const h2 = hash(pair, 84696351) | 1;
  for (let k = 0; k < HASHES; k++) {
    if (visit(((h1 + Math.imul(k, h2)) >>> 0) % bits) === false) return false;
  }
  return true;
}

export function pairBloom(words: string[]): Uint8Array {
  const pairs = new Set<string>();
  for (let i = 1; i < words.length; i++) pairs.add(`${words[i - 1]} ${words[i]}`);
  const bits = Math.max(64, pairs.size * BITS_PER_PAIR);
  const out = new Uint8Array(Math.ceil(bits / 8));
  for (const p of pairs) probes(p, out.length * 8, (b) => void (out[b >> 3] |= 1 << (b & 7)));
  return out;
}

export function bloomHasPair(bloom: Uint8Array, a: string, b: string): boolean {
  return probes(`${a} ${b}`, bloom.length * 8, (bit) => (bloom[bit >> 3] & (1 << (bit & 7))) !== 0);
}

// ---- Queries ---------------------------------------------------------------------------------

export type Clause = { kind: 'word'; word: string; prefix: boolean } | { kind: 'phrase'; words: string[] };

/** Shorter words match exactly: a prefix of two letters would pull in half the vocabulary. */
export const MIN_PREFIX = 3;

/**
 * `kota "forum anak" 188.45/123` -> [word kota, phrase forum anak, phrase 188 45 123]. Words of
 * one letter (and no digit) are dropped, as the index never holds them.
 */
export function parseClauses(query: string): Clause[] {
  const out: Clause[] = [];
  for (const m of query.matchAll(/"([^"]+)"|(\S+)/g)) {
    const words = tokens(m[1] ?? m[2]);
    if (words.length > 1) out.push({ kind: 'phrase', words });
    else if (words.length === 1 && indexable(words[0])) out.push({ kind: 'word', word: words[0], prefix: words[0].length >= MIN_PREFIX && !/^\d+$/.test(words[0]) });
  }
  return out;
}

/** The words whose posting lists a clause needs (phrase words of one letter are not indexed). */
export const clauseTerms = (c: Clause): string[] => (c.kind === 'word' ? [c.word] : c.words.filter(indexable));

/** Sorted-array intersection of two ascending lists of document numbers. */
export function intersect(a: Uint32Array | number[], b: Uint32Array | number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

/** Ascending, distinct union of several ascending lists. */
export function union(lists: (Uint32Array | number[])[]): number[] {
  if (lists.length === 1) return Array.from(lists[0]);
  const all: number[] = [];
  for (const l of lists) for (const n of l) all.push(n);
  all.sort((x, y) => x - y);
  return all.filter((n, i) => i === 0 || all[i - 1] !== n);
}
