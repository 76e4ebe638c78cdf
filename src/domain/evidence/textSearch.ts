/**
 * Text normalisation for search (lower case, no diacritics, letters and digits in words separated
 * by single spaces) with a map back to the original positions, and the highlighted excerpts of
 * one document for a query. Which documents match is the search index's work
 * (src/db/searchIndex.ts): nothing here holds the corpus.
 */

/**
 * Lower-cased, accent-free text with runs of non-word characters collapsed to one space, and the
 * map from each normalised character back to its original index. ASCII (nearly all of the text)
 * takes a fast path on char codes; other characters go through Unicode normalisation.
 */
export function normalizeWithMap(text: string): { norm: string; map: Int32Array } {
  // ASCII never grows; a folded character may (½ is "1⁄2", U+FDFA eighteen letters): grown on demand
  let codes = new Uint16Array(text.length + 16);
  let map = new Int32Array(text.length + 16);
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
    const folded = foldChar(text[i]);
    // room for this character's letters and one code per character still to come
    const need = n + folded.length + (text.length - i) + 1;
    if (need > codes.length) {
      const size = Math.max(need, 2 * codes.length);
      const c2 = new Uint16Array(size);
      c2.set(codes);
      codes = c2;
      const m2 = new Int32Array(size);
      m2.set(map);
      map = m2;
    }
    if (folded) {
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

/** The non-ASCII character folded as normalizeWithMap does: its letters/digits, or '' for a separator. */
export function foldChar(ch: string): string {
  const folded = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return folded && /[\p{L}\p{N}]/u.test(folded) ? folded : '';
}

/** normalizeWithMap's text without the map (queries, and the tokens' rare slow path). */
export function normalizeText(text: string): string {
  return normalizeWithMap(text).norm;
}

export const normalizeQueryText = (s: string) => normalizeText(s).trim();

export function parseQuery(q: string): string[] {
  const terms: string[] = [];
  for (const m of q.matchAll(/"([^"]+)"|(\S+)/g)) {
    const t = normalizeQueryText(m[1] ?? m[2]);
    if (t) terms.push(t);
  }
  return terms;
}

/** One highlighted excerpt; `parts` alternate plain/highlighted, starting with plain. */
export interface Snippet {
  /** 1-based page number, for documents read page by page (PDFs). */
  page?: number;
  parts: string[];
}

/** Where the query's words and phrases occur in a normalised text (word starts first). */
function positions(norm: string, terms: string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const t of terms) {
    const found: [number, number][] = [];
    for (let at = norm.indexOf(t); at >= 0 && found.length < 50; at = norm.indexOf(t, at + t.length)) {
      if (at === 0 || norm.charCodeAt(at - 1) === 32) found.push([at, at + t.length]);
    }
    // a stem match ("lahir" in "kelahiran") is not at a word start: fall back to any occurrence
    for (let at = found.length ? -1 : norm.indexOf(t); at >= 0 && found.length < 50; at = norm.indexOf(t, at + t.length)) found.push([at, at + t.length]);
    out.push(...found);
  }
  return out;
}

/**
 * Highlighted excerpts of a document's stored text for a query, page by page when the text has
 * pages: at most `max`, from the first pages that hold a match. Only the documents shown are
 * read, so the cost does not grow with the workspace.
 */
export function snippetsFor(doc: { text: string; pages?: string[] }, query: string, max = 3): Snippet[] {
  const terms = parseQuery(query);
  if (!terms.length) return [];
  const pages = doc.pages?.length ? doc.pages : [doc.text];
  const out: Snippet[] = [];
  for (let p = 0; p < pages.length && out.length < max; p++) {
    const { norm, map } = normalizeWithMap(pages[p]);
    const found = positions(norm, terms);
    if (!found.length) continue;
    for (const s of excerpts({ norm, map, text: pages[p] }, found, max - out.length)) out.push(doc.pages?.length ? { page: p + 1, parts: s.parts } : s);
  }
  return out;
}

/**
 * Excerpts of several documents, loading one text at a time and yielding to the event loop
 * between them, so other requests (a new search) are answered in between; `stop` (checked
 * before each document) ends it early with what is done so far.
 */
export async function snippetsOneByOne(
  ids: string[],
  load: (id: string) => Promise<{ id: string; text: string; pages?: string[] } | undefined>,
  query: string,
  stop: () => boolean,
  max = 2,
): Promise<Record<string, Snippet[]>> {
  const out: Record<string, Snippet[]> = {};
  for (const id of ids) {
    if (stop()) break;
    const t = await load(id);
    if (t && !stop()) out[id] = snippetsFor(t, query, max);
    await new Promise((r) => setTimeout(r, 0));
  }
  return out;
}

interface Normalised {
  norm: string;
  /** norm index -> original text index */
  map: Int32Array;
  text: string;
}

function excerpts(d: Normalised, positions: [number, number][], max: number): { parts: string[] }[] {
  positions.sort((a, b) => a[0] - b[0]);
  const out: { parts: string[] }[] = [];
  let lastEnd = -1;
  for (const [s, e] of positions) {
    if (out.length >= max) break;
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
