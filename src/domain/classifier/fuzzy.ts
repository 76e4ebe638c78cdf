/**
 * Recognising words damaged by OCR (scanned letters, photos of documents).
 *
 * Scanned Indonesian government documents come back with typical confusions: l/1/I/|, O/0,
 * rn/m, ri/n, c/e, u/v/ii, a/o, S/5/$, B/8, g/9/q, plus broken words ("kreati - vitas") and
 * missing spaces ("untukmencegah"). Instead of a weighted edit distance over the whole lexicon
 * (slow), every known word is reduced to an "OCR-canonical" key in which the confusable letters
 * are merged; an exact key match repairs most damage at the cost of one map lookup. What is left
 * is handled by a deletion index (SymSpell): all keys with one letter deleted, so the known words
 * near a damaged word are found with a handful of lookups, then checked with a true edit distance
 * (1 edit for words of 6+ letters, 2 for 10+). A coarser key, where the vowels a/o/e are also
 * merged, catches vowel confusions in longer words ("Kecamaton" -> kecamatan).
 *
 * Only used on words the lexicon does not know, and only in documents that look scanned (see
 * `looksScanned`), so clean text never gets "corrected" into a vocabulary word.
 */

/** Canonical OCR key: confusable letters merged. Applied identically to lexicon words and document words. */
export function ocrKey(word: string): string {
  return word
    .replace(/[1!|l]/g, 'i')
    .replace(/rn/g, 'm')
    .replace(/ri/g, 'n')
    .replace(/ii/g, 'u')
    .replace(/[v]/g, 'u')
    .replace(/c/g, 'e')
    .replace(/0/g, 'o')
    .replace(/[5$]/g, 's')
    .replace(/4/g, 'a')
    .replace(/8/g, 'b')
    .replace(/[9q]/g, 'g')
    .replace(/[^a-z]/g, '');
}

/** Coarser key: also merges the vowels a/o/e (OCR confuses them in serif fonts). */
export function coarseKey(key: string): string {
  return key.replace(/[aoe]/g, 'a');
}

/** Keys of `s` with one character deleted. */
export function deletes1(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** Optimal-string-alignment distance, stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/** Minimum length (of the canonical key) for each kind of repair. */
const MIN_EXACT = 4;
const MIN_EDIT = 6;
const MIN_COARSE = 7;
const MIN_EDIT2 = 10;

/** Lookup structure from OCR keys to lexicon keys. */
export class FuzzyIndex {
  private exact = new Map<string, string>();
  private coarse = new Map<string, string>();
  /** deletion -> canonical keys it comes from */
  private del = new Map<string, string[]>();
  private ambiguous = '\u0000';
  /** Memo of lookups (pure; bounded). */
  private memo = new Map<string, string>();

  /** Register a known word (any surface form or stem) for a lexicon key. */
  add(word: string, key: string): void {
    const k = ocrKey(word);
    if (k.length < MIN_EXACT) return;
    this.put(this.exact, k, key);
    this.put(this.coarse, coarseKey(k), key);
    if (k.length >= MIN_EDIT - 1) {
      for (const d of new Set([k, ...deletes1(k)])) {
        const list = this.del.get(d);
        if (!list) this.del.set(d, [k]);
        else if (!list.includes(k) && list.length < 8) list.push(k);
      }
    }
  }

  private put(m: Map<string, string>, k: string, key: string): void {
    const old = m.get(k);
    if (old === undefined) m.set(k, key);
    else if (old !== key) m.set(k, this.ambiguous);
  }

  private get(m: Map<string, string>, k: string): string | undefined {
    const v = m.get(k);
    return v === this.ambiguous ? undefined : v;
  }

  /**
   * The lexicon key of a damaged word, or undefined. Exact canonical match first (4+ letters);
   * then a true edit distance of 1 (6+ letters; 2 for 10+ letters) to a known canonical key found
   * through the deletion index; then the coarse key (7+ letters). Ambiguous repairs are refused.
   */
  lookup(word: string): string | undefined {
    const memo = this.memo.get(word);
    if (memo !== undefined) return memo === this.ambiguous ? undefined : memo;
    const r = this.lookupUncached(word);
    if (this.memo.size > 50_000) this.memo.clear();
    this.memo.set(word, r ?? this.ambiguous);
    return r;
  }

  private lookupUncached(word: string): string | undefined {
    const k = ocrKey(word);
    if (k.length < MIN_EXACT) return undefined;
    const e = this.get(this.exact, k);
    if (e !== undefined) return e;
    if (k.length >= MIN_EDIT) {
      const max = k.length >= MIN_EDIT2 ? 2 : 1;
      const found = new Set<string>();
      for (const d of new Set([k, ...deletes1(k)])) {
        for (const cand of this.del.get(d) ?? []) {
          if (editDistance(k, cand, max) <= max) {
            const key = this.get(this.exact, cand);
            if (key !== undefined) found.add(key);
          }
        }
      }
      if (found.size === 1) return [...found][0];
      if (found.size > 1) return undefined;
    }
    if (k.length >= MIN_COARSE) return this.get(this.coarse, coarseKey(k));
    return undefined;
  }

  /** Exact canonical lookup only (for split/join candidates, where edits would be too loose). */
  lookupExact(word: string): string | undefined {
    const k = ocrKey(word);
    return k.length < MIN_EXACT ? undefined : this.get(this.exact, k);
  }
}

/**
 * Does a text look like OCR output? `suspicious` counts words with junk characters inside letters
 * ("ke|ompok", "Pu$ke$mas") and unknown words mixing letters and digits ("PELAT1HAN"); known
 * mixed words such as "DP3AKB" are not counted by the caller.
 */
export function looksScanned(suspicious: number, words: number): boolean {
  return suspicious >= 2 && suspicious / Math.max(1, words) >= 0.004;
}
