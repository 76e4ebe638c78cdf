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
import { foldChar, normalizeText } from './textSearch';

/** Longer tokens are cut: nobody searches for a 200-character run of letters. */
export const MAX_TERM = 40;

/** The words of a text, as normalizeText would give them split on spaces (cut at MAX_TERM). */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  const n = text.length;
  let i = 0;
  const push = () => {
    if (word) out.push(word.length > MAX_TERM ? word.slice(0, MAX_TERM) : word);
    word = '';
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      let j = i + 1;
      let upper = c <= 90 && c >= 65;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if ((d >= 97 && d <= 122) || (d >= 48 && d <= 57)) continue;
        if (d >= 65 && d <= 90) upper = true;
        else break;
      }
      const run = text.slice(i, j);
      word += upper ? run.toLowerCase() : run;
      i = j;
      continue;
    }
    const folded = c < 128 ? '' : foldChar(text[i]);
    if (folded.includes(' ')) return referenceTokens(text); // a compatibility form with spaces: rare
    if (folded) word += folded;
    else push();
    i++;
  }
  push();
  return out;
}

/** tokens by way of the normalised text (the definition; the scanner above is the fast path). */
function referenceTokens(text: string): string[] {
  const norm = normalizeText(text).trim();
  return norm ? norm.split(' ').map((t) => (t.length > MAX_TERM ? t.slice(0, MAX_TERM) : t)) : [];
}

const indexable = (t: string) => t.length >= 2 || /\d/.test(t);

/** Stems by word, shared by the documents of a batch (a city's evidence has some 10-20,000 words). */
const stemCache = new Map<string, readonly string[]>();
const STEM_CACHE_MAX = 100_000;

export function stemsOf(w: string): readonly string[] {
  let s = stemCache.get(w);
  if (!s) {
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    s = [...stemVariants(w)];
    stemCache.set(w, s);
  }
  return s;
}

/** Distinct terms to index for a document's text (words and their stems). */
export function documentTerms(words: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    if (!indexable(w) || out.has(w)) continue;
    out.add(w);
    for (const s of stemsOf(w)) out.add(s);
  }
  return out;
}

// ---- Bloom filter of adjacent word pairs -------------------------------------------------------

const BITS_PER_PAIR = 10;
const HASHES = 7;

const SEED1 = 2166136261;
const SEED2 = 84696351;

/** FNV-1a over the UTF-16 code units, from state h. */
function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h;
}

function finish(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  return h >>> 0;
}

/** FNV-1a with a final mix, two seeds for double hashing. */
const hash = (s: string, seed: number): number => finish(fnv(seed >>> 0, s));

function probes(h1: number, h2: number, bits: number, visit: (bit: number) => boolean | void): boolean {
  for (let k = 0; k < HASHES; k++) {
    if (visit(((h1 + Math.imul(k, h2)) >>> 0) % bits) === false) return false;
  }
  return true;
}

/**
 * The filter of a document's adjacent word pairs ("a b" hashed as a string). The hash state after
 * "a " is kept per distinct word, so each pair costs the letters of its second word, and pairs are
 * told apart by their two hashes instead of by building every pair's string.
 */
export function pairBloom(words: string[]): Uint8Array {
  const n = Math.max(0, words.length - 1);
  const h1s = new Uint32Array(n);
  const h2s = new Uint32Array(n);
  const keys = new Float64Array(n);
  const prefix = new Map<string, number>();
  const states = new Int32Array(2 * (n + 1));
  for (let i = 0; i < n; i++) {
    const a = words[i];
    let at = prefix.get(a);
    if (at === undefined) {
      at = prefix.size * 2;
      prefix.set(a, at);
      states[at] = fnv(fnv(SEED1, a), ' ');
      states[at + 1] = fnv(fnv(SEED2, a), ' ');
    }
    const b = words[i + 1];
    let x = states[at];
    let y = states[at + 1];
    for (let k = 0; k < b.length; k++) {
      const c = b.charCodeAt(k);
      x = Math.imul(x ^ c, 16777619);
      y = Math.imul(y ^ c, 16777619);
    }
    const h1 = finish(x);
    const h2 = finish(y) | 1;
    h1s[i] = h1;
    h2s[i] = h2 >>> 0;
    keys[i] = h1 * 2097152 + (h2 & 0x1fffff); // 53 bits of the two hashes tell pairs apart
  }
  keys.sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) distinct++;
  const bits = Math.max(64, distinct * BITS_PER_PAIR);
  const out = new Uint8Array(Math.ceil(bits / 8));
  const total = out.length * 8;
  for (let i = 0; i < n; i++) {
    const h1 = h1s[i];
    const h2 = h2s[i];
    for (let k = 0; k < HASHES; k++) {
      const b = ((h1 + Math.imul(k, h2)) >>> 0) % total;
      out[b >> 3] |= 1 << (b & 7);
    }
  }
  return out;
}

export function bloomHasPair(bloom: Uint8Array, a: string, b: string): boolean {
  const pair = `${a} ${b}`;
  return probes(hash(pair, SEED1), hash(pair, SEED2) | 1, bloom.length * 8, (bit) => (bloom[bit >> 3] & (1 << (bit & 7))) !== 0);
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
