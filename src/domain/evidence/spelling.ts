/**
 * "Maksud Anda …?": when a query finds nothing, the words of it that the index does not hold are
 * replaced by the closest words it does hold (the eighth walk typed "kesejahtraan" and was told
 * nothing matched, as if no document spoke of it). Edit distance by fastest-levenshtein (MIT, no
 * dependencies, a few hundred lines, used by webpack-cli and stylelint): 1 for words of 4-6
 * letters, 2 for longer ones; a word of 3 letters or fewer, or with a digit (a number, a code), is
 * never corrected. Among equally close words the one in most documents wins, and a word over
 * its own stem. Only words with the
 * query word's first letter are compared (typos there are rare, and the sorted terms give that
 * range at once): a few thousand comparisons at 5,000 documents.
 */
import { distance } from 'fastest-levenshtein';
import { lowerBound, type Segment } from './segment';
import { stemsOf, tokens } from './terms';

const MIN_LETTERS = 4;

/** How far a word may be from the one typed: further apart, another word is as likely as a typo. */
export const maxEdits = (word: string): number => (word.length <= 6 ? 1 : 2);

/** Can this typed word be corrected at all? */
export const correctable = (word: string): boolean => word.length >= MIN_LETTERS && !/\d/.test(word);

/** The indexed word closest to `word` (null when none is close enough), with how many documents hold it. */
export function closestTerm(segs: Segment[], word: string): { term: string; docs: number } | null {
  const most = maxEdits(word);
  const found = new Map<string, { d: number; docs: number }>();
  const next = String.fromCharCode(word.charCodeAt(0) + 1);
  for (const s of segs) {
    for (let i = lowerBound(s.terms, word[0]), end = lowerBound(s.terms, next); i < end; i++) {
      const t = s.terms[i];
      if (Math.abs(t.length - word.length) > most || t === word) continue;
      const d = found.get(t)?.d ?? distance(word, t);
      if (d > most) continue;
      found.set(t, { d, docs: (found.get(t)?.docs ?? 0) + s.starts[i + 1] - s.starts[i] });
    }
  }
  // the index holds stems beside words ("kesehat" for "kesehatan"): a stem of another close word
  // gives way to that word, which is what the officer would type and what a phrase needs
  for (const t of [...found.keys()]) for (const stem of stemsOf(t)) if (stem !== t) found.delete(stem);
  let best: { term: string; d: number; docs: number } | null = null;
  for (const [term, { d, docs }] of found) if (!best || d < best.d || (d === best.d && (docs > best.docs || (docs === best.docs && term < best.term)))) best = { term, d, docs };
  return best && { term: best.term, docs: best.docs };
}

/**
 * The query with each word the index lacks replaced by its closest indexed word, phrases kept as
 * phrases; null when no word needed or found a replacement. `held(word)`: does the index hold it
 * (as a word, or as the start of one for a bare word of 3 letters or more, as search does)?
 */
export function correctedQuery(query: string, held: (word: string, prefix: boolean) => boolean, closest: (word: string) => string | null): string | null {
  let changed = false;
  const parts: string[] = [];
  for (const m of query.matchAll(/"([^"]+)"|(\S+)/g)) {
    const phrase = m[1] != null;
    const words = tokens(m[1] ?? m[2]).map((w) => {
      if (!correctable(w) || held(w, !phrase)) return w;
      const c = closest(w);
      if (c) changed = true;
      return c ?? w;
    });
    if (words.length) parts.push(phrase || words.length > 1 ? `"${words.join(' ')}"` : words[0]);
  }
  return changed ? parts.join(' ') : null;
}
