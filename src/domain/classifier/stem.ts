/**
 * A light Indonesian stemmer for the document classifier.
 *
 * Indonesian builds words with prefixes (me-, di-, ter-, ber-, pe-, per-, ke-) and suffixes (-kan,
 * -an, -i, -nya), and the nasal prefixes change the root's first letter (me+tangani -> menangani,
 * pe+sandang -> penyandang). A full dictionary stemmer (Nazief-Adriani) needs a root dictionary;
 * we do not need true roots, only that the forms of one word meet. So `stemVariants` returns every
 * plausible stripped form (with the nasal letter both kept and restored), and the model's lexicon
 * (built from the rules file's vocabulary and question prompts) decides which variant is a word
 * it knows: `pelatihan`, `melatih`, `dilatih`, `terlatih` all reach `latih`.
 *
 * Guards against over-stemming: words shorter than 5 letters and words with digits are left
 * alone, a variant must keep at least 4 letters, `-i` and `-kan` are only removed after a verbal
 * prefix (so "panti" and "pantai" stay apart), `ke-` only together with `-an` (ke-sehat-an).
 * Words whose derived forms mean something else are listed in the rules file (`noStem`).
 * Pure functions, no state.
 */

const VOWEL = /^[aiueo]/;
const MIN_STEM = 4;

interface Cut {
  stem: string;
  /** A verbal prefix was removed (me-, di-, ter-): -i and -kan may follow. */
  verbal: boolean;
  /** ke-: only valid with -an. */
  confixAn: boolean;
}

/** Strip one prefix; may return several candidates (nasal recoding). */
function stripPrefix(w: string): Cut[] {
  const out: Cut[] = [];
  const push = (stem: string, verbal: boolean, confixAn = false) => {
    if (stem.length >= 3) out.push({ stem, verbal, confixAn });
  };
  for (const [pre, verbal] of [['me', true], ['pe', false]] as const) {
    if (!w.startsWith(pre)) continue;
    const r = w.slice(pre.length);
    if (pre === 'pe' && r.startsWith('r') && !r.startsWith('rt')) {
      // per-: perkawinan, perlindungan; also pe+r-root (peran is too short anyway)
      push(r.slice(1), false);
      push(r, false);
    }
    if (r.startsWith('ng')) {
      const rest = r.slice(2);
      if (VOWEL.test(rest)) {
        push(rest, verbal);
        push('k' + rest, verbal);
      } else push(rest, verbal);
    } else if (r.startsWith('ny') && VOWEL.test(r.slice(2))) {
      push('s' + r.slice(2), verbal);
    } else if (r.startsWith('m')) {
      const rest = r.slice(1);
      if (VOWEL.test(rest)) {
        push('p' + rest, verbal);
        push('m' + rest, verbal);
      } else if (/^[bpf]/.test(rest)) push(rest, verbal);
      else if (rest.startsWith('per')) push(rest.slice(3), verbal); // memper-
    } else if (r.startsWith('n')) {
      const rest = r.slice(1);
      if (VOWEL.test(rest)) {
        push('t' + rest, verbal);
        push('n' + rest, verbal);
      } else if (/^[cdjtsz]/.test(rest)) push(rest, verbal);
    } else if (/^[lrwy]/.test(r)) {
      push(r, verbal);
    }
  }
  if (w.startsWith('di')) push(w.slice(2), true);
  if (w.startsWith('ter')) push(w.slice(3), true);
  if (w.startsWith('ber')) push(w.slice(3), false);
  else if (/^be(ker|ter)/.test(w)) push(w.slice(2), false); // bekerja, beternak
  if (w.startsWith('ke') && w.endsWith('an')) push(w.slice(2), false, true);
  return out;
}

function stripSuffixes(c: Cut, add: (s: string) => void): void {
  const s = c.stem;
  if (!c.confixAn) add(s);
  if (s.endsWith('an')) {
    add(s.slice(0, -2));
    if (c.verbal && s.endsWith('kan')) add(s.slice(0, -3));
  }
  if (!c.confixAn && c.verbal && s.endsWith('i') && !s.endsWith('ai')) add(s.slice(0, -1));
}

/**
 * Candidate stems of a lower-case word, most specific first (the word itself is not included).
 * Empty for short words, words with digits and `noStem` words.
 */
export function stemVariants(word: string, noStem?: ReadonlySet<string>): string[] {
  if (word.length < 5 || /\d/.test(word) || noStem?.has(word)) return [];
  const out: string[] = [];
  const seen = new Set<string>([word]);
  const add = (s: string) => {
    if (s.length >= MIN_STEM && !seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  };
  let base = word;
  for (const p of ['lah', 'kah', 'pun', 'nya']) {
    if (base.endsWith(p) && base.length - p.length >= 5) {
      base = base.slice(0, -p.length);
      break;
    }
  }
  add(base);
  // no prefix: only a noun suffix -an (laporan -> lapor, layanan -> layan)
  if (base.endsWith('an')) add(base.slice(0, -2));
  for (const c1 of stripPrefix(base)) {
    stripSuffixes(c1, add);
    // a second prefix after di-, ke-, ter-, ber-: di-per-, ke-pen-...-an, ter-pe- (never after
    // me-/pe-, whose nasal forms already cover memper-/pemer-)
    if (c1.stem.length >= 6 && /^(di|ke|ter|ber)/.test(base) && !/^(me|pe)/.test(base)) {
      for (const c2 of stripPrefix(c1.stem)) {
        if (c1.confixAn && !c2.stem.endsWith('an')) continue;
        stripSuffixes({ stem: c2.stem, verbal: c1.verbal || c2.verbal, confixAn: false }, add);
      }
    }
  }
  return out;
}
