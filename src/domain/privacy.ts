/**
 * Personal data in evidence text, found before export so the officer can leave those documents
 * out (issue 5: Cluster V evidence names child victims).
 *
 * What is found:
 * - NIK (Nomor Induk Kependudukan, the 16-digit national ID; the Kartu Keluarga number has the
 *   same shape): 16 digits, written together or grouped 4-4-4-4, 6-6-4 or 2-2-2-6-4 with one kind
 *   of separator (space, dot or hyphen), and plausible: a real province code, district and
 *   sub-district not 00, a birth date DDMMYY where women add 40 to the day, serial not 0000.
 *   Budget codes (kode rekening such as 5.2.02.01.01.0001), phone numbers and longer digit runs
 *   do not match.
 * - Names next to "korban", "pelaku", "saksi", "anak" when introduced ("berinisial", "inisial",
 *   "bernama", "atas nama", "a.n.", "yaitu", ":"), initials right after "korban"/"pelaku"
 *   ("korban AB"), and names after "a.n."/"atas nama" anywhere, except official titles
 *   ("a.n. Wali Kota Serang", "a.n. Kepala Dinas ..."), which are how letters are signed.
 *
 * Every finding comes masked (same length as the original, so offsets hold): the first four
 * digits of a NIK, the first letter of each name word. `snippet` is the surrounding text with
 * EVERY finding in it masked. The original value is never returned.
 */

export type FindingKind = 'nik' | 'name';

export interface Finding {
  kind: FindingKind;
  /** Offsets in the text. */
  start: number;
  end: number;
  /** The match, masked (e.g. `3201************`, `S*** A*****`). */
  masked: string;
  /** About 40 characters either side, every finding masked, whitespace collapsed. */
  snippet: string;
  /** The word that made it a name (`korban`, `a.n.` ...), or `NIK` when labelled as such. */
  trigger?: string;
}

// Province codes (Kemendagri): Sumatra 11-19, Jakarta..Banten 31-36, Bali/NTB/NTT 51-53,
// Kalimantan 61-65, Sulawesi 71-76, Maluku 81-82, Papua 91-96.
const PROVINCES = new Set([11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96]);

/** Is this 16-digit string a plausible NIK? */
export function isPlausibleNik(digits: string): boolean {
  if (!/^\d{16}$/.test(digits)) return false;
  const n = (a: number, b: number) => Number(digits.slice(a, b));
  const day = n(6, 8);
  const month = n(8, 10);
  return PROVINCES.has(n(0, 2)) && n(2, 4) > 0 && n(4, 6) > 0 && ((day >= 1 && day <= 31) || (day >= 41 && day <= 71)) && month >= 1 && month <= 12 && n(12, 16) > 0;
}

// Not preceded by a digit (or a digit and a separator); not followed by one.
const NIK_RE = new RegExp(
  String.raw`(?<![\d])(?<![\d][.,\- ])` +
    '(' +
    [String.raw`\d{16}`, String.raw`\d{4}([ .\-])\d{4}\2\d{4}\2\d{4}`, String.raw`\d{6}([ .\-])\d{6}\3\d{4}`, String.raw`\d{2}([ .\-])\d{2}\4\d{2}\4\d{6}\4\d{4}`].join('|') +
    ')' +
    String.raw`(?![\d])(?![.,\-]\d)`,
  'g',
);

/** Case-insensitive spelling of a trigger word, leaving the name part of a pattern case-sensitive. */
const ci = (words: string) => words.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);

const NAME_WORD = String.raw`(?:[A-Z][a-z]+(?:['\-][A-Za-z]+)?|[A-Z]{2,}|(?:[A-Z]\.){1,4}|[A-Z])`;
const HONORIFIC = String.raw`(?:(?:Sdr|Sdri|Nn|Ny|Tn|Bpk|Bp|Ibu|An)\.?\s+)?`;
const NAME = String.raw`(${NAME_WORD}(?:[ ]${NAME_WORD}){0,3})`;
const INTRO = `(?:${ci('berinisial|inisial|bernama')}|${ci('atas')}\\s+${ci('nama')}|${ci('a')}\\.\\s?${ci('n')}\\.|${ci('an')}\\.|${ci('yaitu|yakni')}|:)`;
const INITIALS = String.raw`((?:[A-Z]\.){1,4}|[A-Z]{2,4})(?![A-Za-z])`;

/** "korban berinisial AB", "pelaku bernama Budi", "anak berinisial RA", "saksi: Siti" */
const ROLE_INTRO_RE = new RegExp(String.raw`\b(${ci('korban|pelaku|saksi|anak')})\s*(?:(?:${ci('yang|tersebut|perempuan|laki-laki')})\s+)?${INTRO}\s*${HONORIFIC}${NAME}`, 'g');
/** "korban AB", "pelaku R.S." */
const ROLE_INITIALS_RE = new RegExp(String.raw`\b(${ci('korban|pelaku')})\s+${INITIALS}`, 'g');
/** "a.n. Siti Aminah", "atas nama Budi Santoso" */
const ON_BEHALF_RE = new RegExp(String.raw`(?<![A-Za-z])(${ci('a')}\.\s?${ci('n')}\.|${ci('atas')}\s+${ci('nama')})\s*${HONORIFIC}${NAME}`, 'g');

/** Capitalised words that follow these triggers without being names. */
const NOT_NAMES = new Set(
  [
    // official titles and bodies ("a.n. Wali Kota", "a.n. Kepala Dinas")
    'wali', 'walikota', 'bupati', 'gubernur', 'kepala', 'sekretaris', 'camat', 'lurah', 'kades', 'direktur', 'ketua', 'menteri', 'plt', 'plh', 'pj',
    'kadis', 'sekda', 'dinas', 'pemerintah', 'kabid', 'kasi', 'kasubag', 'asisten', 'deputi', 'rektor', 'dekan', 'komandan', 'kapolres', 'kapolsek',
    'kajari', 'kapolda', 'badan', 'kantor', 'kota', 'kabupaten', 'provinsi', 'gugus', 'tim', 'forum', 'uptd', 'upt', 'ppa', 'p2tp2a',
    // what victims and perpetrators are OF
    'kekerasan', 'perdagangan', 'bencana', 'anak', 'perempuan', 'tindak', 'pidana', 'eksploitasi', 'kejahatan', 'penganiayaan', 'pelecehan',
    'pencabulan', 'persetubuhan', 'perundungan', 'bullying', 'narkoba', 'napza', 'kdrt', 'tppo', 'konflik', 'terorisme', 'jaringan', 'pornografi',
    'penelantaran', 'diskriminasi', 'abh', 'odha', 'hiv', 'aids', 'yang', 'dan', 'di', 'dari', 'ke', 'pada', 'untuk', 'dengan', 'tersebut', 'the',
  ],
);

function maskName(s: string): string {
  return s
    .split(' ')
    .map((w) => {
      // dotted initials "R.A.": keep only the first letter
      if (/^(?:[A-Z]\.)+$/.test(w)) return w[0] + w.slice(1).replace(/[A-Z]/g, '*');
      return w.replace(/[A-Za-z]+/g, (x) => x[0] + '*'.repeat(x.length - 1));
    })
    .join(' ');
}

function maskNik(s: string): string {
  let seen = 0;
  return s.replace(/\d/g, (d) => (++seen <= 4 ? d : '*'));
}

/** Trim a name match: drop trailing words that are not names; null when nothing is left. */
function cleanName(name: string): string | null {
  const words = name.split(' ');
  if (NOT_NAMES.has(words[0].replace(/\./g, '').toLowerCase())) return null;
  let keep = words.length;
  for (let i = 1; i < words.length; i++) {
    if (NOT_NAMES.has(words[i].replace(/\./g, '').toLowerCase())) {
      keep = i;
      break;
    }
  }
  return words.slice(0, keep).join(' ');
}

/** Every NIK and name in `text`, in order, masked. */
export function findPersonalData(text: string): Finding[] {
  const raw: Omit<Finding, 'snippet'>[] = [];

  for (const m of text.matchAll(NIK_RE)) {
    const digits = m[1].replace(/\D/g, '');
    if (!isPlausibleNik(digits)) continue;
    const start = m.index!;
    const before = text.slice(Math.max(0, start - 40), start);
    const labelled = /\b(NIK|No\.?\s*KK|Nomor\s+Induk\s+Kependudukan|Kartu\s+Keluarga)\b/i.test(before);
    raw.push({ kind: 'nik', start, end: start + m[1].length, masked: maskNik(m[1]), ...(labelled ? { trigger: 'NIK' } : {}) });
  }

  const addName = (m: RegExpMatchArray, group: number, trigger: string) => {
    const full = m[group];
    const name = cleanName(full);
    if (!name) return;
    const start = m.index! + m[0].lastIndexOf(full);
    raw.push({ kind: 'name', start, end: start + name.length, masked: maskName(name), trigger: trigger.toLowerCase().replace(/\s+/g, ' ') });
  };
  for (const m of text.matchAll(ROLE_INTRO_RE)) addName(m, 2, m[1]);
  for (const m of text.matchAll(ROLE_INITIALS_RE)) addName(m, 2, m[1]);
  for (const m of text.matchAll(ON_BEHALF_RE)) addName(m, 2, m[1]);

  // one finding per place (the patterns overlap: "korban a.n. Siti")
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const findings: Omit<Finding, 'snippet'>[] = [];
  for (const f of raw) {
    const last = findings[findings.length - 1];
    if (last && f.start < last.end) continue;
    findings.push(f);
  }

  let masked = text;
  for (const f of findings) masked = masked.slice(0, f.start) + f.masked + masked.slice(f.end);
  return findings.map((f) => ({
    ...f,
    snippet: masked
      .slice(Math.max(0, f.start - 40), Math.min(masked.length, f.end + 40))
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

export interface DocumentFindings {
  documentId: string;
  name: string;
  nik: number;
  names: number;
  findings: Finding[];
}

/** The documents whose text holds personal data, for the warning before export. */
export function scanDocuments(docs: { id: string; name: string }[], texts: { id: string; text: string }[]): DocumentFindings[] {
  const textOf = new Map(texts.map((t) => [t.id, t.text]));
  const out: DocumentFindings[] = [];
  for (const d of docs) {
    // the file name counts too ("BAP korban AB.pdf")
    const findings = findPersonalData(`${d.name}\n${textOf.get(d.id) ?? ''}`);
    if (!findings.length) continue;
    out.push({ documentId: d.id, name: d.name, nik: findings.filter((f) => f.kind === 'nik').length, names: findings.filter((f) => f.kind === 'name').length, findings });
  }
  return out;
}
