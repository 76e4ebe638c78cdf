/**
 * Which agency (OPD) sent a document, guessed from its letterhead (the first lines of its text)
 * and its file name: "DINAS KESEHATAN" -> Dinkes, "rekap_disdukcapil_2024.pdf" -> Disdukcapil.
 * In that order:
 *  1. the letterhead: the head's first lines in capitals, up to a blank line, an address or a
 *     line in ordinary case; its last line naming an agency wins (a letterhead goes from the
 *     government down to the unit: "DINAS SOSIAL / UPTD PPA" is the UPTD's), the longest name on
 *     that line (a letterhead of "Dinas Pariwisata, Pemuda dan Olahraga" is not "Dinas Pariwisata");
 *  2. the file name (the longest name in it);
 *  3. the rest of the head: the name found first. The longest anywhere made a Bappeda analysis
 *     mentioning "dunia usaha" the business world's (the seventh walk).
 * Only a guess: the officer can change it in the document's pane.
 */

export interface AgencyName {
  id: string;
  name: string;
  fullName: string;
}

/** The letterhead: where an agency names itself. */
const HEAD_CHARS = 600;
/** Lines a letterhead may have. */
const LETTERHEAD_LINES = 6;
/** A line that ends a letterhead: the address and contacts under it. */
const ADDRESS = /^\s*(?:jl\b|jln\b|jalan\b|telp|telepon|tlp\b|fax|faks|e-?mail|surel|website|laman|kode pos|http|www\.)/i;

const words = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

interface Named {
  id: string;
  name: string;
  /** Only where it opens a letterhead's line: a name made shorter than the agency's own ("forum anak"). */
  opening: boolean;
}

/**
 * The names an agency goes by: its full name (without the bracketed part), what is in brackets,
 * its short name; and its full name without a last "Daerah" where it opens a letterhead's line
 * (a city's Forum Anak heads its minutes "FORUM ANAK KOTA ...").
 */
function namesOf(a: AgencyName): Named[] {
  const bracketed = [...a.fullName.matchAll(/\(([^)]*)\)/g)].flatMap((m) => m[1].split('/'));
  const full = words(a.fullName.replace(/\([^)]*\)/g, ''));
  const local = full.replace(/ daerah$/, '');
  const names = [full, ...bracketed, a.name].map(words).map((name) => ({ id: a.id, name, opening: false }));
  if (local !== full && local.includes(' ')) names.push({ id: a.id, name: local, opening: true });
  // a single word under four letters (PAN, DLH, BNN, FAD) is never enough: too many false hits
  return names.filter((n) => n.name.length >= 3 && (n.name.includes(' ') || n.name.length >= 4));
}

/** The letterhead's lines (as words), up to the first that is not one. */
function letterhead(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.slice(0, HEAD_CHARS).split(/\r?\n/)) {
    if (!raw.trim()) {
      if (lines.length) break;
      continue;
    }
    const letters = raw.match(/\p{L}/gu) ?? [];
    const capitals = letters.filter((c) => c !== c.toLowerCase()).length;
    if (ADDRESS.test(raw) || letters.length < 3 || capitals < 0.8 * letters.length) break;
    lines.push(` ${words(raw)} `);
    if (lines.length >= LETTERHEAD_LINES) break;
  }
  return lines;
}

/** The longest of `names` in `line` (` words `), or null. */
function longestIn(line: string, names: Named[], opening = false): Named | null {
  let best: Named | null = null;
  for (const n of names) {
    const at = line.indexOf(` ${n.name} `);
    if (at < 0 || (n.opening && !(opening && at === 0))) continue;
    if (!best || n.name.length > best.name.length) best = n;
  }
  return best;
}

/**
 * Where the head names a regional head's or the council's own instrument ("KEPUTUSAN WALI KOTA",
 * "SK Bupati", "PERATURAN DAERAH", Perwal, Perbup, Perda, a head that opens "WALI KOTA ..."), or -1. Such a
 * document has no sending agency: the agencies its text names after that are members of a team
 * or those it assigns work to (a mayor's decree whose task force the Bappeda head chairs was
 * guessed as Bappeda's).
 */
const REGIONAL_HEAD = / (?:(?:keputusan|peraturan|instruksi|surat edaran|sk|se) (?:wali ?kota|bupati|gubernur|dprd)|(?:rancangan )?peraturan daerah|perwal|perwali|perbup|perda|raperda|kepwal|kepbup)(?= )|^ (?:wali ?kota|bupati|gubernur)(?= )/;

export function guessAgency(agencies: AgencyName[], doc: { name: string; text: string }): string | null {
  const names = agencies.flatMap(namesOf);
  // a name counts only before a regional head's instrument begins
  const lines = letterhead(doc.text);
  const cut = lines.findIndex((l) => REGIONAL_HEAD.test(l));
  for (const line of (cut < 0 ? lines : lines.slice(0, cut)).reverse()) {
    const n = longestIn(line, names, true);
    if (n) return n.id;
  }
  const file = longestIn(` ${words(doc.name.replace(/\.[a-z0-9]{1,5}$/i, ''))} `, names);
  if (file) return file.id;
  const head = ` ${words(doc.text.slice(0, HEAD_CHARS))} `;
  const issuedAt = head.search(REGIONAL_HEAD);
  let first: { id: string; at: number; len: number } | null = null;
  for (const n of names) {
    const at = n.opening ? -1 : head.indexOf(` ${n.name} `);
    if (at < 0 || (issuedAt >= 0 && at >= issuedAt)) continue;
    if (!first || at < first.at || (at === first.at && n.name.length > first.len)) first = { id: n.id, at, len: n.name.length };
  }
  return first?.id ?? null;
}
