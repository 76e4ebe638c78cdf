/**
 * The indexing fast paths (normalizeText, pairBloom with per-word hash states) must give exactly
 * what the straightforward versions gave: filters already stored in officers' databases are read
 * by bloomHasPair, and queries are normalised by the same rules as the texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bloomHasPair, MAX_TERM, pairBloom, tokens } from '../../../src/domain/evidence/terms';
import { normalizeWithMap } from '../../../src/domain/evidence/textSearch';

/** The filter as first written: every pair's string, deduplicated, hashed twice from scratch. */
function referenceBloom(words: string[]): Uint8Array {
  const hash = (s: string, seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 2246822507);
    h ^= h >>> 13;
    return h >>> 0;
  };
  const pairs = new Set<string>();
  for (let i = 1; i < words.length; i++) pairs.add(`${words[i - 1]} ${words[i]}`);
  const bits = Math.max(64, pairs.size * 10);
  const out = new Uint8Array(Math.ceil(bits / 8));
  for (const p of pairs) {
    const h1 = hash(p, 2166136261);
    const h2 = hash(p, 84696351) | 1;
    for (let k = 0; k < 7; k++) {
      const b = ((h1 + Math.imul(k, h2)) >>> 0) % (out.length * 8);
      out[b >> 3] |= 1 << (b & 7);
    }
  }
  return out;
}

const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'aAzZ09 .,/-\n\tÉéüİıß½①ẞ\u0301ñÑ'.split('')), maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom('anak', 'Forum', 'ANAK', 'kota', '188.45/123/KEP/2024', 'Rp1.250.000', 'Peraturan', 'café'), { maxLength: 60 }).map((w) => w.join(' ')),
);

describe('indexing fast paths', () => {
  it('tokens are the normalised text split into words', () => {
    const reference = (s: string) => {
      const norm = normalizeWithMap(s).norm.trim();
      return norm ? norm.split(' ').map((t) => t.slice(0, MAX_TERM)) : [];
    };
    fc.assert(
      fc.property(text, (s) => {
        expect(tokens(s)).toEqual(reference(s));
      }),
      { numRuns: 3000 },
    );
    // folded characters longer than the text was: the whole of every one is kept
    expect(tokens('½½ ' + '\ufdfa'.repeat(3) + ' abc'.repeat(10))).toEqual(reference('½½ ' + '\ufdfa'.repeat(3) + ' abc'.repeat(10)));
    expect(normalizeWithMap('½'.repeat(20) + 'x'.repeat(30)).norm).toBe('1\u20442'.repeat(20) + 'x'.repeat(30));
    expect(tokens('ＡＢＣ ﷺ Kota\u00a0LAYAK-anak ' + 'x'.repeat(50))).toEqual(reference('ＡＢＣ ﷺ Kota\u00a0LAYAK-anak ' + 'x'.repeat(50)));
  });

  it('pairBloom gives the filter bit for bit, and every pair is found in it', () => {
    fc.assert(
      fc.property(text, (s) => {
        const words = tokens(s);
        const bloom = pairBloom(words);
        expect(bloom).toEqual(referenceBloom(words));
        for (let i = 1; i < words.length; i++) expect(bloomHasPair(bloom, words[i - 1], words[i])).toBe(true);
      }),
      { numRuns: 1000 },
    );
    const long = Array.from({ length: 20000 }, (_, i) => `w${(i * 7919) % 1500}`);
    expect(pairBloom(long)).toEqual(referenceBloom(long));
  });
});
