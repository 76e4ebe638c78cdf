/**
 * Full-text search over the extracted text of every document in a workspace, with highlighted
 * hits. The index keeps one normalised copy of each text (lower case, no diacritics, single
 * spaces) with a map back to the original positions for snippets. A query matches a document when
 * every word occurs (as a substring: "kelahir" finds "kelahiran"); quoted phrases must occur as is.
 * Plain substring scans over a few tens of MB take milliseconds (see `npm run bench -- evidence`).
 */
export interface TextEntry {
  id: string;
  name: string;
  text: string;
}

interface Indexed {
  id: string;
  norm: string;
  /** norm index -> original text index */
  map: Int32Array;
  text: string;
  nameNorm: string;
}

export interface SearchHit {
  id: string;
  /** Occurrences of the query words. */
  count: number;
  /** Up to 3 snippets; `parts` alternate plain/highlighted, starting with plain. */
  snippets: { parts: string[] }[];
  inName: boolean;
}

/**
 * Lower-cased, accent-free text with runs of non-word characters collapsed to one space, and the
 * map from each normalised character back to its original index. ASCII (nearly all of the text)
 * takes a fast path on char codes; other characters go through Unicode normalisation.
 */
function normalizeWithMap(text: string): { norm: string; map: Int32Array } {
  const codes = new Uint16Array(text.length * 2 + 1);
  const map = new Int32Array(text.length * 2 + 1);
  let n = 0;
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (word) {
        codes[n] = c;
        map[n++] = i;
        lastSpace = false;
      } else if (!lastSpace) {
        codes[n] = 32;
        map[n++] = i;
        lastSpace = true;
      }
      continue;
    }
    const folded = text[i].normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (folded && /[\p{L}\p{N}]/u.test(folded)) {
      for (let k = 0; k < folded.length; k++) {
        codes[n] = folded.charCodeAt(k);
        map[n++] = i;
      }
      lastSpace = false;
    } else if (!lastSpace) {
      codes[n] = 32;
      map[n++] = i;
      lastSpace = true;
    }
  }
  map[n] = text.length;
  let norm = '';
  for (let i = 0; i < n; i += 8192) norm += String.fromCharCode(...codes.subarray(i, Math.min(n, i + 8192)));
  return { norm, map: map.slice(0, n + 1) };
}

export const normalizeQueryText = (s: string) => normalizeWithMap(s).norm.trim();

export function parseQuery(q: string): string[] {
  const terms: string[] = [];
  for (const m of q.matchAll(/"([^"]+)"|(\S+)/g)) {
    const t = normalizeQueryText(m[1] ?? m[2]);
    if (t) terms.push(t);
  }
  return terms;
}

export class TextIndex {
  private docs = new Map<string, Indexed>();

  get size() {
    return this.docs.size;
  }

  set(entry: TextEntry): void {
    const { norm, map } = normalizeWithMap(entry.text);
    this.docs.set(entry.id, { id: entry.id, norm, map, text: entry.text, nameNorm: normalizeQueryText(entry.name) });
  }

  delete(id: string): void {
    this.docs.delete(id);
  }

  search(query: string, limit = 500, restrictTo?: Set<string>): SearchHit[] {
    const terms = parseQuery(query);
    if (!terms.length) return [];
    const hits: SearchHit[] = [];
    for (const d of this.docs.values()) {
      if (restrictTo && !restrictTo.has(d.id)) continue;
      let ok = true;
      let count = 0;
      const positions: [number, number][] = [];
      for (const t of terms) {
        let at = d.norm.indexOf(t);
        const inName = d.nameNorm.includes(t);
        if (at < 0 && !inName) {
          ok = false;
          break;
        }
        while (at >= 0 && positions.length < 50) {
          positions.push([at, at + t.length]);
          count++;
          at = d.norm.indexOf(t, at + t.length);
        }
      }
      if (!ok) continue;
      hits.push({ id: d.id, count, snippets: snippets(d, positions), inName: terms.every((t) => d.nameNorm.includes(t)) });
    }
    hits.sort((a, b) => Number(b.inName) - Number(a.inName) || b.count - a.count);
    return hits.slice(0, limit);
  }
}

function snippets(d: Indexed, positions: [number, number][]): { parts: string[] }[] {
  positions.sort((a, b) => a[0] - b[0]);
  const out: { parts: string[] }[] = [];
  let lastEnd = -1;
  for (const [s, e] of positions) {
    if (out.length >= 3) break;
    if (s < lastEnd) continue;
    const os = d.map[s];
    const oe = d.map[Math.min(e, d.map.length - 1)];
    const from = Math.max(0, os - 60);
    const to = Math.min(d.text.length, oe + 60);
    // highlight every position inside this window
    const parts: string[] = [];
    let cur = from;
    for (const [s2, e2] of positions) {
      const a = d.map[s2];
      const b = d.map[Math.min(e2, d.map.length - 1)];
      if (a < cur || b > to) continue;
      parts.push((cur === from && from > 0 ? '…' : '') + d.text.slice(cur, a).replace(/\s+/g, ' '), d.text.slice(a, b));
      cur = b;
    }
    parts.push(d.text.slice(cur, to).replace(/\s+/g, ' ') + (to < d.text.length ? '…' : ''));
    out.push({ parts });
    lastEnd = d.map.length > e ? e + 60 : e;
  }
  return out;
}
