/**
 * The pages a link cites (issue 11): one page (`page`) or a run of pages (`page`..`pageTo`, with
 * pageTo > page). Stored on the link and carried in the exchange file as these two numbers.
 */
export interface PageCite {
  page?: number;
  pageTo?: number;
}

/** The longest run a citation may name (a 600-page Profil Anak is cited by chapters, not whole). */
export const MAX_CITED_PAGES = 500;

/** "3", "3–5", or null when the link cites no page. */
export function pageLabel(l: PageCite): string | null {
  if (!l.page) return null;
  return l.pageTo && l.pageTo > l.page ? `${l.page}–${l.pageTo}` : String(l.page);
}

/** The page box's text without a leading "hlm." or "halaman" (the longer words first: "halaman 12" is not "hal" + "aman 12"). */
const withoutPageWord = (input: string) => input.trim().replace(/^(halaman|hlm|hal|pages|page|pp|p)\.?\s*/i, '');

/**
 * What the officer typed in the page box: "" (no page), "7", "12-15", "12 – 15", "hlm. 12-15".
 * Returns the citation, {} for an empty box, or null when it is not a page or a run of pages
 * (zero, backwards, longer than MAX_CITED_PAGES, past the document's `pages` when known).
 */
export function parsePageCite(input: string, pages?: number): PageCite | null {
  const s = withoutPageWord(input);
  if (!s) return {};
  const m = s.match(/^(\d{1,5})(?:\s*[-–—]\s*(\d{1,5}))?$/);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (from < 1 || to < from || to - from >= MAX_CITED_PAGES) return null;
  if (pages && to > pages) return null;
  return to > from ? { page: from, pageTo: to } : { page: from };
}

/** "4-2" typed for pages 2 to 4: the run the officer meant, so the message can say how to write it; null otherwise. */
export function reversedRun(input: string): { from: number; to: number } | null {
  const m = withoutPageWord(input).match(/^(\d{1,5})\s*[-–—]\s*(\d{1,5})$/);
  return m && Number(m[2]) >= 1 && Number(m[1]) > Number(m[2]) ? { from: Number(m[2]), to: Number(m[1]) } : null;
}

/**
 * "2, 4" or "2 dan 4" typed for two places in the document: the span that holds them all, so the
 * message can say that a link cites one run and offer it; null otherwise, or when that run would
 * be longer than MAX_CITED_PAGES (then the message cannot offer it). A link cites one page
 * or one run (the misfile check and the exchange file carry one); pages far apart are two links
 * to two questions, or the run that holds them.
 */
export function pageList(input: string): { from: number; to: number } | null {
  const s = withoutPageWord(input);
  if (!/^\d{1,5}(\s*[-–—]\s*\d{1,5})?(\s*(,|;|&|\+|\bdan\b|\band\b)\s*\d{1,5}(\s*[-–—]\s*\d{1,5})?)+$/i.test(s)) return null;
  const n = (s.match(/\d{1,5}/g) ?? []).map(Number);
  const from = Math.min(...n);
  const to = Math.max(...n);
  return from >= 1 && to - from < MAX_CITED_PAGES ? { from, to } : null;
}

/** What the page box says: a citation to store, or why not (with the run to offer, when there is one). */
export type PageBox =
  | { cite: PageCite }
  | { problem: 'pastEnd' }
  | { problem: 'reversed' | 'list'; run: { from: number; to: number } }
  | { problem: 'bad' };

/**
 * The page box read for a link on a document of `pages` pages (when known): a page or a run to
 * cite, or the reason it cannot be cited. A run typed backwards or a list of pages is answered
 * with the run the officer can write instead, never one that could not be cited either (past the
 * document's end, or longer than MAX_CITED_PAGES).
 */
export function readPageBox(input: string, pages?: number): PageBox {
  const past = (to: number) => !!pages && to > pages;
  const cite = parsePageCite(input);
  if (cite) return past(cite.pageTo ?? cite.page ?? 0) ? { problem: 'pastEnd' } : { cite };
  const reversed = reversedRun(input);
  const run = reversed ?? pageList(input);
  if (!run || run.to - run.from >= MAX_CITED_PAGES) return { problem: 'bad' };
  return past(run.to) ? { problem: 'pastEnd' } : { problem: reversed ? 'reversed' : 'list', run };
}

/** The cited run as from..to (one page: from = to); undefined without a page. */
export function citedRun(l: PageCite): { from: number; to: number } | undefined {
  if (!l.page) return undefined;
  return { from: l.page, to: l.pageTo && l.pageTo > l.page ? l.pageTo : l.page };
}
