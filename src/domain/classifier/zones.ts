/**
 * Zones of a document: which lines are letterhead, title, body, legal-basis block or signature,
 * and how much their words count.
 *
 * Government letters open with a letterhead (PEMERINTAH KOTA ..., DINAS ..., Jl. ..., Telp ...)
 * and close with a place and date, the signer's office, name and NIP. These say who wrote the
 * document, not what it is about, so their words count little (`weights.header`,
 * `weights.signature`) or nothing (addresses, NIP: `boilerplate.lines` with weight 0). The title
 * (the first block of short lines after the letterhead) says most about the topic and the kind
 * of document and counts more (`weights.title`). A regulation's "Mengingat" block cites other
 * laws by name (Perda KLA, UU Perlindungan Anak) and would otherwise drag every regulation towards
 * those topics (`boilerplate.blocks`). All patterns come from the rules file.
 */

/** `lead` is the first line of the title: where a document states what it is ("PERATURAN ...", "LAPORAN ..."). */
export type ZoneName = 'header' | 'lead' | 'title' | 'heading' | 'body' | 'block' | 'signature';

export interface ZonedLine {
  text: string;
  zone: ZoneName;
  /** Multiplier for the words of this line (0 = ignored). */
  weight: number;
}

export interface CompiledBoilerplate {
  /** All `lines` patterns in one expression: a quick test before trying them one by one. */
  anyLine: { test: (s: string) => boolean };
  header: RegExp[];
  lines: { re: RegExp; weight: number }[];
  signatureStart: RegExp[];
  blocks: { start: RegExp; end: RegExp; maxLines: number; weight: number }[];
  notTitle: RegExp[];
}

export interface ZoneWeights {
  title: number;
  header: number;
  signature: number;
}

const MAX_HEADER_LINES = 8;
const MAX_TITLE_LINES = 5;
const MAX_TITLE_CHARS = 160;
const SIGNATURE_WINDOW = 15;
const MAX_FIXED_CHARS = 240;
/** An upper-case line up to this long is a heading (a decree's "PENETAPAN ... TAHUN 2021" after TENTANG). */
const HEADING_CHARS = 100;

const anyMatch = (res: RegExp[], s: string) => res.some((re) => re.test(s));
const wordCount = (s: string) => (s.match(/\p{L}{3,}/gu) ?? []).length;

/**
 * Zones of each line. Patterns are matched against the trimmed, lower-cased line (so they are
 * written in lower case; case-insensitive matching of Unicode expressions is several times slower).
 */
export function zoneLines(text: string, bp: CompiledBoilerplate, w: ZoneWeights): ZonedLine[] {
  const raw = text.split(/\r\n|\r|\n/);
  const low = raw.map((t) => t.trim().toLowerCase());
  const lines: ZonedLine[] = raw.map((t) => ({ text: t, zone: 'body', weight: 1 }));
  const fixed: (number | undefined)[] = low.map((s) => {
    // fixed-weight lines are short (addresses, NIP, "Hadir: ..."); paragraphs are never boilerplate
    if (!s || s.length > MAX_FIXED_CHARS || !bp.anyLine.test(s)) return undefined;
    for (const l of bp.lines) if (l.re.test(s)) return l.weight;
    return undefined;
  });

  // Letterhead: leading lines that match a header pattern (or a fixed-weight line such as an address).
  let i = 0;
  for (; i < raw.length && i < MAX_HEADER_LINES; i++) {
    const s = low[i];
    if (!s) continue;
    if (anyMatch(bp.header, s) || fixed[i] !== undefined) lines[i] = { text: raw[i], zone: 'header', weight: w.header };
    else break;
  }

  // Title: the first block of short lines after the letterhead; a second block when the first is
  // only a label such as "SIARAN PERS" or "LAPORAN KEGIATAN".
  let titleWords = 0;
  let titleLines = 0;
  let blocksTaken = 0;
  for (; i < raw.length && blocksTaken < 2; ) {
    while (i < raw.length && !low[i]) i++;
    if (i >= raw.length) break;
    let took = 0;
    for (; i < raw.length && low[i]; i++) {
      const s = low[i];
      if (s.length > MAX_TITLE_CHARS || titleLines >= MAX_TITLE_LINES) break;
      if (anyMatch(bp.notTitle, s) || anyMatch(bp.signatureStart, s)) continue;
      lines[i] = { text: raw[i], zone: titleLines === 0 ? 'lead' : 'title', weight: w.title };
      titleWords += wordCount(s);
      titleLines++;
      took++;
    }
    blocksTaken++;
    if (!took || titleWords >= 4 || titleLines >= MAX_TITLE_LINES || (i < raw.length && low[i])) break;
  }

  // Multi-line blocks such as the legal basis of a regulation.
  for (const b of bp.blocks) {
    for (let j = 0; j < raw.length; j++) {
      if (!b.start.test(low[j])) continue;
      let k = j;
      for (; k < raw.length && k - j < b.maxLines; k++) {
        if (k > j && b.end.test(low[k])) break;
        if (lines[k].zone !== 'title' && lines[k].zone !== 'lead') lines[k] = { text: raw[k], zone: 'block', weight: b.weight };
      }
      j = k;
    }
  }

  // Signature block: from the earliest opener among the last lines (and in the last 40% of the text).
  const nonEmpty = low.map((t, j) => (t ? j : -1)).filter((j) => j >= 0);
  const window = nonEmpty.slice(-SIGNATURE_WINDOW);
  const minLine = Math.floor(raw.length * 0.6);
  const start = window.find((j) => j >= minLine && lines[j].zone !== 'title' && lines[j].zone !== 'lead' && anyMatch(bp.signatureStart, low[j]));
  if (start !== undefined) {
    // a block inside it (the copy list, "Tembusan: 1. Bupati ... 2. Camat ...") names recipients, not the signer
    for (let j = start; j < raw.length; j++) if (lines[j].zone !== 'block') lines[j] = { text: raw[j], zone: 'signature', weight: w.signature };
  }

  // Headings in the body (short lines in capitals: "SURAT EDARAN", "MEMUTUSKAN:") say what kind
  // of document this is; their words count as body words for the topic.
  lines.forEach((l, j) => {
    if (l.zone !== 'body') return;
    const s = l.text.trim();
    if (s.length <= HEADING_CHARS && /\p{Lu}{3}/u.test(s) && !/\p{Ll}/u.test(s) && !anyMatch(bp.notTitle, low[j])) lines[j] = { ...l, zone: 'heading' };
  });

  // Fixed-weight lines win over their zone (but never raise a weight).
  raw.forEach((_, j) => {
    const f = fixed[j];
    if (f !== undefined && f < lines[j].weight) lines[j] = { ...lines[j], weight: f };
  });
  return lines;
}
