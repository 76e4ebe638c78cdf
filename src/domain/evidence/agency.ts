/**
 * Which agency (OPD) sent a document, guessed from its letterhead (the first lines of its text)
 * and its file name: "DINAS KESEHATAN" -> Dinkes, "rekap_disdukcapil_2024.pdf" -> Disdukcapil.
 * The name found first in the head wins, the longest where two start at the same word (a
 * letterhead of "Dinas Pariwisata, Pemuda dan Olahraga" is not "Dinas Pariwisata"): the
 * letterhead comes first, and the longest name anywhere in the head made a Bappeda analysis that
 * mentions "dunia usaha" the business world's (the seventh walk). A name in the file counts when
 * the head names none. Only a guess: the officer can change it in the document's pane.
 */

export interface AgencyName {
  id: string;
  name: string;
  fullName: string;
}

/** The letterhead: where an agency names itself. */
const HEAD_CHARS = 600;

const words = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The names an agency goes by: its full name (without the bracketed part, and without a last
 * "Daerah": a city's Forum Anak heads its minutes "FORUM ANAK KOTA ..."), what is in brackets, its short name.
 */
function namesOf(a: AgencyName): string[] {
  const bracketed = [...a.fullName.matchAll(/\(([^)]*)\)/g)].flatMap((m) => m[1].split('/'));
  const full = words(a.fullName.replace(/\([^)]*\)/g, ''));
  const local = full.replace(/ daerah$/, '');
  return [full, ...(local !== full && local.includes(' ') ? [local] : []), ...bracketed, a.name].map(words).filter((n) => n.length >= 3);
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
  const head = ` ${words(doc.text.slice(0, HEAD_CHARS))} `;
  const file = ` ${words(doc.name.replace(/\.[a-z0-9]{1,5}$/i, ''))} `;
  const issuedAt = head.search(REGIONAL_HEAD);
  // a name in the head counts only before the regional head's instrument begins
  const inHead = (n: string) => {
    const at = head.indexOf(` ${n} `);
    return at >= 0 && (issuedAt < 0 || at < issuedAt);
  };
  // ranked by where: the head before the file name, earlier before later, then longer before shorter
  type Found = { id: string; rank: number; at: number; len: number };
  const before = (x: Found, y: Found) => x.rank - y.rank || x.at - y.at || y.len - x.len;
  let best: Found | null = null;
  for (const a of agencies) {
    for (const n of namesOf(a)) {
      // a single word under four letters (PAN, DLH, BNN, FAD) is never enough: too many false hits
      if (!n.includes(' ') && n.length < 4) continue;
      const c = inHead(n) ? { rank: 0, at: head.indexOf(` ${n} `) } : file.includes(` ${n} `) ? { rank: 1, at: file.indexOf(` ${n} `) } : null;
      if (!c) continue;
      const found = { id: a.id, ...c, len: n.length };
      if (!best || before(found, best) < 0) best = found;
    }
  }
  return best?.id ?? null;
}
