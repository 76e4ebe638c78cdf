import type { EvidenceText } from './model';

/** Text normalisation shared by search and the classifier: lower case, no diacritics, single spaces. */
export function normalize(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .trim();
}

/** A document's text from its pages, as the readers make it. */
export const joinPages = (pages: readonly string[]): string => pages.join('\n\n').trim();

const SPACE = /\s/;

/**
 * `joinPages(pages) === text`, without building the joined string (an export asks it of 5,000
 * documents, 289 MB of text): the pages and separators are compared in place, trimmed as
 * `String.prototype.trim` trims (whitespace and line ends, which `\s` matches).
 */
export function isJoinOf(text: string, pages: readonly string[]): boolean {
  const pieces: string[] = [];
  pages.forEach((p, i) => (i ? pieces.push('\n\n', p) : pieces.push(p)));
  const total = pieces.reduce((n, p) => n + p.length, 0);
  const charAt = (at: number): string => {
    for (const p of pieces) {
      if (at < p.length) return p[at];
      at -= p.length;
    }
    return '';
  };
  let a = 0;
  while (a < total && SPACE.test(charAt(a))) a++;
  let b = total;
  while (b > a && SPACE.test(charAt(b - 1))) b--;
  if (text.length !== b - a) return false;
  let at = 0; // offset of the piece in the joined string
  for (const p of pieces) {
    const from = Math.max(a, at);
    const to = Math.min(b, at + p.length);
    if (to > from) {
      const whole = from === at && to === at + p.length;
      if (!text.startsWith(whole ? p : p.slice(from - at, to - at), from - a)) return false;
    }
    at += p.length;
  }
  return true;
}

/** Marks a text row whose text is its pages joined (made from the pages when first read). */
export const TEXT_IS_JOIN: unique symbol = Symbol('text is the pages joined');

/**
 * A text row made from its pages: `text` is joined on first use, so a caller that needs only the
 * pages (the export) never builds it.
 */
export function textFromPages(id: string, workspaceId: string, pages: string[]): EvidenceText {
  let text: string | undefined;
  const row = { id, workspaceId, pages } as EvidenceText;
  Object.defineProperty(row, 'text', { enumerable: true, configurable: true, get: () => (text ??= joinPages(pages)) });
  Object.defineProperty(row, TEXT_IS_JOIN, { value: true });
  return row;
}
