/**
 * The corpus of the scale benchmark (issue 9): a kabupaten's evidence, 5,000 documents and more
 * than 1 GB, generated once and cached between runs.
 *
 * Per 100 documents (the kinds are interleaved, so any first N documents have the same mix):
 *   80 text PDFs of 1-60 pages (Flate-compressed, Helvetica; letterhead, decree number, date,
 *      prose drawn from a bigram model of the project's Indonesian fixture documents with a
 *      Zipf-like unigram fallback and affixed word forms: some 10,000 distinct terms);
 *    4 scanned letters: image-only PDFs of one A4 page (a JPEG of 1414 x 2000 px rendered by
 *      Chromium from real Indonesian sentences; the same JPEG is kept for the tesseract CLI);
 *    5 DOCX and 5 XLSX (inline strings, one sheet);
 *    6 phone photos, JPEG 4000 x 3000 (or portrait), 2-4 MiB, some with printed text.
 * Known marker phrases and rare codes are planted in known documents (MARKERS) so search
 * queries have known answers.
 *
 * Cache: $SCALE_CACHE or ~/.cache/siap-kla/scale-v<VERSION>/ (changing VERSION regenerates).
 * Every file is written to a temporary name and renamed, so an interrupted generation resumes
 * where it stopped. Node-made files are written by two child processes; images by Chromium.
 *
 *   npx tsx test/bench/scale-corpus.ts [N]       # generate (default 5000 or $SCALE_DOCS)
 */
import { BlobWriter, TextReader, ZipWriter } from '@zip.js/zip.js';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const VERSION = 1;
export const FULL_DOCS = 5000;
export const CACHE = process.env.SCALE_CACHE ?? join(homedir(), '.cache', 'siap-kla', `scale-v${VERSION}`);
export const DOCS_DIR = join(CACHE, 'docs');
export const SCAN_IMG_DIR = join(CACHE, 'scan-img');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const log = (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n');

export type Kind = 'pdf' | 'scan' | 'docx' | 'xlsx' | 'photo';

export interface DocSpec {
  index: number;
  kind: Kind;
  name: string;
  path: string;
  /** pages of a PDF (1 for a scan) */
  pages?: number;
  /** marker ids planted in this document */
  markers: string[];
  /** the page image of a scan, for the tesseract CLI */
  scanImage?: string;
}

// ------------------------------------------------------------------------------ the mix

/** kind of slot s (0..99) of every block of 100 documents */
function slotKind(s: number): Kind {
  if (s < 6) return 'photo';
  if (s < 10) return 'scan';
  if (s < 15) return 'docx';
  if (s < 20) return 'xlsx';
  return 'pdf';
}
/** interleaved: (i * 37) mod 100 visits every slot once per block of 100 */
export const kindOf = (i: number): Kind => slotKind((i * 37) % 100);

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
const seedOf = (i: number, salt = 0) => (Math.imul(i + 1, 2654435761) ^ Math.imul(VERSION * 1000 + salt, 40503)) >>> 0;

/** 1..60 pages, skewed towards short documents (mean about 19) */
const pagesOf = (i: number) => 1 + Math.floor(59 * Math.pow(rng(seedOf(i, 1))(), 2.2));

const AGENCIES = [
  ['DINAS KESEHATAN', 'dinkes'],
  ['DINAS PENDIDIKAN DAN KEBUDAYAAN', 'disdikbud'],
  ['DINAS PEMBERDAYAAN PEREMPUAN, PERLINDUNGAN ANAK DAN KELUARGA BERENCANA', 'dp3akb'],
  ['DINAS SOSIAL', 'dinsos'],
  ['DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL', 'disdukcapil'],
  ['BADAN PERENCANAAN PEMBANGUNAN DAERAH', 'bappeda'],
  ['DINAS KOMUNIKASI DAN INFORMATIKA', 'diskominfo'],
  ['DINAS PEKERJAAN UMUM DAN PENATAAN RUANG', 'dpupr'],
  ['DINAS LINGKUNGAN HIDUP', 'dlh'],
  ['DINAS PERHUBUNGAN', 'dishub'],
  ['DINAS PEMUDA DAN OLAHRAGA', 'dispora'],
  ['DINAS PERPUSTAKAAN DAN KEARSIPAN', 'dispusip'],
  ['DINAS TENAGA KERJA', 'disnaker'],
  ['DINAS PARIWISATA', 'dispar'],
  ['DINAS KETAHANAN PANGAN', 'dkp'],
  ['DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN', 'disperkim'],
  ['BADAN KESATUAN BANGSA DAN POLITIK', 'kesbangpol'],
  ['SATUAN POLISI PAMONG PRAJA', 'satpolpp'],
  ['BADAN PENANGGULANGAN BENCANA DAERAH', 'bpbd'],
  ['KANTOR KEMENTERIAN AGAMA', 'kemenag'],
  ['RUMAH SAKIT UMUM DAERAH', 'rsud'],
  ['BAGIAN HUKUM SEKRETARIAT DAERAH', 'hukum'],
  ['INSPEKTORAT DAERAH', 'inspektorat'],
  ['DINAS KOPERASI DAN USAHA MIKRO', 'diskop'],
  ['DINAS PERINDUSTRIAN DAN PERDAGANGAN', 'disperindag'],
  ['DINAS PERTANIAN', 'distan'],
  ['DINAS PENANAMAN MODAL DAN PTSP', 'dpmptsp'],
  ['BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM', 'bkpsdm'],
  ['DINAS PEMBERDAYAAN MASYARAKAT DAN DESA', 'dpmd'],
  ['BADAN PENGELOLAAN KEUANGAN DAERAH', 'bpkd'],
  ['KECAMATAN SUKAMAJU', 'kec-sukamaju'],
  ['FORUM ANAK DAERAH', 'forum-anak'],
] as const;
const DOC_TYPES = [
  ['KEPUTUSAN KEPALA', 'sk'],
  ['LAPORAN KEGIATAN', 'laporan'],
  ['SURAT EDARAN', 'se'],
  ['REKAPITULASI DATA', 'rekap'],
  ['NOTULEN RAPAT', 'notulen'],
  ['DAFTAR HADIR', 'daftar-hadir'],
  ['PERATURAN BUPATI', 'perbup'],
  ['PROFIL', 'profil'],
  ['RENCANA AKSI DAERAH', 'rad'],
  ['NOTA DINAS', 'nota-dinas'],
] as const;
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

// ------------------------------------------------------------------------------ planted answers

/**
 * Marker phrases and codes planted in known documents. `at` are positions in the list of
 * documents of that kind (so every prefix of the corpus holds some). The words of the markers
 * never occur elsewhere (they are removed from the vocabulary).
 */
export const MARKERS: { id: string; text: string; kind: Kind; at: number[]; page?: 'first' | 'middle' | 'last' }[] = [
  { id: 'pelangi', text: 'Kampung Pelangi Tunas Harapan', kind: 'pdf', at: [3, 150, 1700, 3500], page: 'middle' },
  { id: 'decree', text: 'Nomor 188.45/9137/KEP/2023', kind: 'pdf', at: [7], page: 'last' },
  { id: 'zx', text: 'kode register ZX-4471-KLA', kind: 'pdf', at: [11, 2222], page: 'first' },
  { id: 'lumbung', text: 'Lumbung Gizi Balita Cendana', kind: 'docx', at: [2, 120] },
  { id: 'mawar', text: 'Posyandu Mawar Jingga', kind: 'xlsx', at: [4, 180] },
  { id: 'cempaka', text: 'Taman Bacaan Cempaka Wangi', kind: 'scan', at: [1, 5, 150] },
];
const MARKER_WORDS = new Set(MARKERS.flatMap((m) => m.text.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length > 4 && !['nomor', 'register', 'balita'].includes(w)));

let kindPositions: Map<number, number> | null = null;
/** position of document i among the documents of its kind */
function positionInKind(i: number): number {
  if (!kindPositions || kindPositions.size <= i) {
    kindPositions = new Map();
    const count: Record<string, number> = {};
    for (let j = 0; j < FULL_DOCS; j++) {
      const k = kindOf(j);
      kindPositions.set(j, (count[k] = (count[k] ?? -1) + 1));
    }
  }
  return kindPositions.get(i) ?? -1;
}

// ------------------------------------------------------------------------------ specs

export function spec(i: number): DocSpec {
  const kind = kindOf(i);
  const r = rng(seedOf(i, 2));
  const agency = AGENCIES[Math.floor(r() * AGENCIES.length)][1];
  const type = DOC_TYPES[Math.floor(r() * DOC_TYPES.length)][1];
  const n = String(i).padStart(4, '0');
  const pos = positionInKind(i);
  const markers = MARKERS.filter((m) => m.kind === kind && m.at.includes(pos)).map((m) => m.id);
  const base = { index: i, kind, markers };
  switch (kind) {
    case 'pdf':
      return { ...base, name: `${n}-${type}-${agency}.pdf`, path: join(DOCS_DIR, `${n}-${type}-${agency}.pdf`), pages: pagesOf(i) };
    case 'scan':
      return { ...base, name: `${n}-scan-surat-${agency}.pdf`, path: join(DOCS_DIR, `${n}-scan-surat-${agency}.pdf`), pages: 1, scanImage: join(SCAN_IMG_DIR, `${n}.jpg`) };
    case 'docx':
      return { ...base, name: `${n}-${type}-${agency}.docx`, path: join(DOCS_DIR, `${n}-${type}-${agency}.docx`) };
    case 'xlsx':
      return { ...base, name: `${n}-rekap-${agency}.xlsx`, path: join(DOCS_DIR, `${n}-rekap-${agency}.xlsx`) };
    case 'photo':
      return { ...base, name: `IMG_2024${String(101 + (i % 1100)).padStart(4, '0')}_${n}.jpg`, path: join(DOCS_DIR, `IMG_2024${String(101 + (i % 1100)).padStart(4, '0')}_${n}.jpg`) };
  }
}

export const specs = (n: number) => Array.from({ length: n }, (_, i) => spec(i));

// ------------------------------------------------------------------------------ the language

interface Lang {
  words: string[];
  zipfCdf: Float64Array;
  next: Map<string, string[]>;
  sentences: string[];
  lines: string[];
}
let lang: Lang | null = null;

function fixtureTexts(): string[] {
  const out: string[] = [];
  for (const d of ['classifier', 'classifier-blind', 'classifier-holdout']) {
    const dir = join(ROOT, 'test', 'fixtures', d, 'docs');
    for (const f of readdirSync(dir)) out.push(readFileSync(join(dir, f), 'utf8'));
  }
  const rules = JSON.parse(readFileSync(join(ROOT, 'scoring-rules', 'kla-2024.json'), 'utf8'));
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(rules);
  out.push(strings.join('\n'));
  return out;
}

const ascii = (s: string) => s.normalize('NFKD').replace(/[^\x20-\x7e\n]/g, '');

function getLang(): Lang {
  if (lang) return lang;
  const texts = fixtureTexts().map(ascii);
  const freq = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const t of texts) {
    const toks = t.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 1 && !MARKER_WORDS.has(w));
    for (let k = 0; k < toks.length; k++) {
      freq.set(toks[k], (freq.get(toks[k]) ?? 0) + 1);
      if (k + 1 < toks.length) {
        let a = next.get(toks[k]);
        if (!a) next.set(toks[k], (a = []));
        a.push(toks[k + 1]);
      }
    }
  }
  const base = [...freq.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  // affixed forms of the common roots: the long tail of a real corpus's vocabulary
  const roots = base.filter((w) => w.length >= 4 && w.length <= 9).slice(0, 1500);
  const affixed: string[] = [];
  const pre = ['di', 'me', 'ber', 'pe', 'ter', 'ke', 'se'];
  const suf = ['kan', 'an', 'nya', 'i', 'lah'];
  for (const w of roots) {
    affixed.push(pre[w.length % pre.length] + w + suf[w.charCodeAt(0) % suf.length]);
    affixed.push(w + suf[(w.length + 1) % suf.length]);
    affixed.push(pre[(w.charCodeAt(1) + 3) % pre.length] + w);
  }
  const words = [...base, ...affixed.filter((w) => !freq.has(w) && ![...MARKER_WORDS].some((m) => w.includes(m)))];
  // Zipf, s = 1.05
  const cdf = new Float64Array(words.length);
  let sum = 0;
  for (let k = 0; k < words.length; k++) cdf[k] = sum += 1 / Math.pow(k + 1, 1.05);
  for (let k = 0; k < words.length; k++) cdf[k] /= sum;
  const sentences: string[] = [];
  const lines: string[] = [];
  for (const t of texts) {
    for (const l of t.split('\n')) {
      const s = l.trim();
      if (s.length >= 30 && s.length <= 110 && !/[|]/.test(s) && !MARKERS.some((m) => s.toLowerCase().includes(m.text.toLowerCase()))) lines.push(s);
    }
    for (const s of t.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+/)) if (s.length >= 40 && s.length <= 260 && !/[|]/.test(s)) sentences.push(s);
  }
  lang = { words, zipfCdf: cdf, next, sentences, lines };
  if (process.env.SCALE_DEBUG) log(`lang: ${words.length} words, ${lines.length} lines, ${sentences.length} sentences`);
  return lang;
}

/** the number of distinct words the generator draws from */
export const vocabularySize = () => getLang().words.length;

function zipfWord(l: Lang, r: () => number): string {
  const x = r();
  let lo = 0;
  let hi = l.zipfCdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l.zipfCdf[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return l.words[lo];
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function randomDecree(r: () => number): string {
  const series = ['188.45', '188.4', '400.3.14', '460', '463', '050', '800', '900.1.3'][Math.floor(r() * 8)];
  const kind = ['KEP', 'SK', 'KPTS', 'Kpts', 'PER'][Math.floor(r() * 5)];
  return `${series}/${1 + Math.floor(r() * 499)}/${kind}/${2019 + Math.floor(r() * 6)}`;
}
function randomToken(r: () => number): string {
  const x = r();
  if (x < 0.3) return String(Math.floor(r() * 1000));
  if (x < 0.45) return `${Math.floor(r() * 900 + 100)}.${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  if (x < 0.6) return `Rp ${Math.floor(r() * 900 + 1)}.${String(Math.floor(r() * 1000)).padStart(3, '0')}.000`;
  if (x < 0.8) return `${1 + Math.floor(r() * 28)} ${MONTHS[Math.floor(r() * 12)]} ${2019 + Math.floor(r() * 6)}`;
  if (x < 0.9) return `${2019 + Math.floor(r() * 6)}-${pad2(1 + Math.floor(r() * 12))}-${pad2(1 + Math.floor(r() * 28))}`;
  return randomDecree(r);
}

/** one line of prose of about `n` words */
function proseLine(l: Lang, r: () => number, n: number, startSentence: boolean): string {
  const out: string[] = [];
  let prev = '';
  for (let k = 0; k < n; k++) {
    const x = r();
    let w: string;
    if (x < 0.06) w = randomToken(r);
    else {
      const nx = prev ? l.next.get(prev) : undefined;
      w = nx && x < 0.66 ? nx[Math.floor(r() * nx.length)] : zipfWord(l, r);
      prev = w;
    }
    if (k === 0 && startSentence) w = w[0].toUpperCase() + w.slice(1);
    out.push(w);
    if (r() < 0.07 && k < n - 1) {
      out[out.length - 1] += r() < 0.6 ? ',' : '.';
    }
  }
  return out.join(' ');
}

function letterhead(i: number, r: () => number): { lines: string[]; bold: number } {
  const ag = AGENCIES[Math.floor(rng(seedOf(i, 2))() * AGENCIES.length)][0];
  const dt = DOC_TYPES[Math.floor(r() * DOC_TYPES.length)][0];
  return {
    bold: 2,
    lines: [
      'PEMERINTAH KABUPATEN SUKAMAJU',
      ag,
      `Jalan ${['Merdeka', 'Sudirman', 'Pahlawan', 'Diponegoro', 'Veteran'][Math.floor(r() * 5)]} No. ${1 + Math.floor(r() * 120)} Sukamaju Telp. (0254) ${Math.floor(r() * 900000 + 100000)}`,
      '',
      `${dt} ${ag.slice(0, 40)}`,
      `NOMOR ${randomDecree(r)}`,
      `TENTANG ${proseLine(getLang(), r, 6, false).toUpperCase()}`,
      `Tanggal ${1 + Math.floor(r() * 28)} ${MONTHS[Math.floor(r() * 12)]} ${2020 + Math.floor(r() * 5)}`,
      '',
    ],
  };
}

// ------------------------------------------------------------------------------ a minimal PDF writer

const pdfStr = (s: string) => '(' + ascii(s).replace(/\n/g, ' ').replace(/[\\()]/g, (c) => '\\' + c) + ')';

/** objects: bodies (string or [dict, stream bytes]); returns the file */
function pdfFile(objects: (string | [string, Buffer])[], info: string): Buffer {
  const chunks: Buffer[] = [];
  let off = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    chunks.push(buf);
    off += buf.length;
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const offsets: number[] = [];
  objects.forEach((o, k) => {
    offsets.push(off);
    if (typeof o === 'string') push(`${k + 1} 0 obj\n${o}\nendobj\n`);
    else {
      push(`${k + 1} 0 obj\n${o[0].replace('>>', ` /Length ${o[1].length} >>`)}\nstream\n`);
      push(o[1]);
      push('\nendstream\nendobj\n');
    }
  });
  offsets.push(off);
  push(`${objects.length + 1} 0 obj\n${info}\nendobj\n`);
  const xref = off;
  push(`xref\n0 ${objects.length + 2}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join(''));
  push(`trailer\n<< /Size ${objects.length + 2} /Root 1 0 R /Info ${objects.length + 1} 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}

/** a text PDF: page contents are arrays of lines; the first `bold` lines of page 1 in bold */
function textPdf(pages: string[][], bold: number, title: string): Buffer {
  // 1 catalog, 2 pages, 3 font, 4 bold font, then page + content pairs
  const objs: (string | [string, Buffer])[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>'];
  const kids: string[] = [];
  pages.forEach((lines, p) => {
    const pageNo = objs.length + 1;
    kids.push(`${pageNo} 0 R`);
    let s = 'BT\n14.5 TL\n40 800 Td\n';
    lines.forEach((line, k) => {
      const b = p === 0 && k < bold;
      s += `/${b ? 'F2' : 'F1'} ${b ? 12 : 10.5} Tf\n${pdfStr(line)} Tj T*\n`;
    });
    s += `ET\n0.5 w 40 30 m 555 30 l S\nBT /F1 8 Tf 280 18 Td (${p + 1}) Tj ET\n`;
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageNo + 1} 0 R >>`);
    objs.push(['<< /Filter /FlateDecode >>', deflateSync(Buffer.from(s, 'latin1'), { level: 6 })]);
  });
  objs[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`;
  return pdfFile(objs, `<< /Title ${pdfStr(title)} /Producer (Siap KLA scale corpus) >>`);
}

/** an image-only PDF of one A4 page from a JPEG */
function scanPdf(jpeg: Buffer, width: number, height: number): Buffer {
  return pdfFile(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
      [`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode >>`, jpeg],
      ['<< >>', Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q\n', 'latin1')],
    ],
    '<< /Producer (scanner) >>',
  );
}

// ------------------------------------------------------------------------------ the documents

function markerText(id: string) {
  return MARKERS.find((m) => m.id === id)!.text;
}

export function makeTextPdf(s: DocSpec): Buffer {
  const l = getLang();
  const r = rng(seedOf(s.index, 3));
  const head = letterhead(s.index, r);
  const pages: string[][] = [];
  for (let p = 0; p < s.pages!; p++) {
    const lines = p === 0 ? [...head.lines] : [];
    const n = 46 + Math.floor(r() * 6);
    let start = true;
    while (lines.length < n) {
      const x = r();
      if (x < 0.04) lines.push('');
      else if (x < 0.12) lines.push(l.lines[Math.floor(r() * l.lines.length)]);
      else {
        const line = proseLine(l, r, 9 + Math.floor(r() * 5), start);
        start = line.endsWith('.');
        lines.push(line);
      }
    }
    pages.push(lines);
  }
  for (const id of s.markers) {
    const m = MARKERS.find((x) => x.id === id)!;
    const p = m.page === 'first' ? 0 : m.page === 'last' ? pages.length - 1 : Math.floor(pages.length / 2);
    pages[p].splice(Math.min(12, pages[p].length), 0, `Kegiatan ini dilaksanakan bersama ${m.text} sesuai rencana kerja.`);
  }
  return textPdf(pages, head.bold, head.lines[4]);
}

function paragraphs(s: DocSpec, salt: number, count: number): string[] {
  const l = getLang();
  const r = rng(seedOf(s.index, salt));
  const head = letterhead(s.index, r).lines.filter(Boolean);
  const out = [...head];
  for (let k = 0; k < count; k++) out.push(proseLine(l, r, 20 + Math.floor(r() * 60), true) + '.');
  for (const id of s.markers) out.splice(Math.min(6, out.length), 0, `Hasil pendampingan ${markerText(id)} dicatat setiap bulan.`);
  return out;
}

async function zipOf(type: string, files: [string, string][]): Promise<Buffer> {
  const w = new ZipWriter(new BlobWriter(type));
  for (const [name, text] of files) await w.add(name, new TextReader(text));
  return Buffer.from(await (await w.close()).arrayBuffer());
}
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function makeDocx(s: DocSpec): Promise<Buffer> {
  const ps = paragraphs(s, 4, 15 + Math.floor(rng(seedOf(s.index, 5))() * 150));
  return zipOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document', [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${ps.map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`],
  ]);
}

async function makeXlsx(s: DocSpec): Promise<Buffer> {
  const l = getLang();
  const r = rng(seedOf(s.index, 6));
  const rows: string[][] = [['No', 'Kecamatan', 'Kelurahan/Desa', 'Jumlah Anak', 'Laki-laki', 'Perempuan', 'Keterangan']];
  const n = 30 + Math.floor(r() * 400);
  for (let k = 1; k <= n; k++) {
    const lk = Math.floor(r() * 900);
    const pr = Math.floor(r() * 900);
    rows.push([String(k), `Kecamatan ${zipfWord(l, r)}`, `Desa ${zipfWord(l, r)}`, String(lk + pr), String(lk), String(pr), proseLine(l, r, 3 + Math.floor(r() * 6), true)]);
  }
  for (const id of s.markers) rows.splice(5, 0, ['0', 'Kecamatan Sukamaju', markerText(id), '12', '5', '7', 'dicatat']);
  const col = (c: number) => String.fromCharCode(65 + c);
  const cell = (v: string, ref: string) => (/^\d+$/.test(v) ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`);
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
    .map((row, ri) => `<row r="${ri + 1}">${row.map((v, ci) => cell(v, `${col(ci)}${ri + 1}`)).join('')}</row>`)
    .join('')}</sheetData></worksheet>`;
  return zipOf('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
    ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Rekap" sheetId="1" r:id="rId1"/></sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
    ['xl/worksheets/sheet1.xml', sheet],
  ]);
}

function writeAtomic(path: string, data: Buffer) {
  writeFileSync(path + '.tmp', data);
  renameSync(path + '.tmp', path);
}

/** Node-made documents (text PDFs, DOCX, XLSX) of `list`, those with index % of === part. */
async function writeNodeDocs(list: DocSpec[], part: number, of: number) {
  let done = 0;
  for (const s of list) {
    if (s.index % of !== part || s.kind === 'scan' || s.kind === 'photo' || existsSync(s.path)) continue;
    const data = s.kind === 'pdf' ? makeTextPdf(s) : s.kind === 'docx' ? await makeDocx(s) : await makeXlsx(s);
    writeAtomic(s.path, data);
    if (++done % 200 === 0) log(`scale-corpus[${part}]: ${done} files`);
  }
}

// ------------------------------------------------------------------------------ images, in Chromium

function scanHtml(s: DocSpec): string {
  const l = getLang();
  const r = rng(seedOf(s.index, 7));
  const head = letterhead(s.index, r).lines;
  const body: string[] = [];
  const n = 7 + Math.floor(r() * 8);
  for (let k = 0; k < n; k++) {
    let p = '';
    const m = 1 + Math.floor(r() * 2);
    for (let j = 0; j < m; j++) p += l.sentences[Math.floor(r() * l.sentences.length)] + ' ';
    body.push(p.trim());
  }
  for (const id of s.markers) body.splice(1, 0, `Kegiatan literasi anak dipusatkan di ${markerText(id)} setiap hari Sabtu.`);
  const rot = (r() - 0.5) * 1.2;
  return `<!doctype html><html><body style="margin:0;background:#f3f1ea;width:1414px;height:2000px;overflow:hidden">
  <div style="transform:rotate(${rot.toFixed(2)}deg);transform-origin:50% 50%;padding:110px 120px;font-family:'DejaVu Serif',serif;font-size:25px;line-height:1.45;color:#1a1a1a">
  <div style="text-align:center;font-weight:bold;font-size:30px">${esc(head[0])}<br>${esc(head[1])}</div>
  <div style="text-align:center;font-size:21px;border-bottom:3px double #222;padding-bottom:10px;margin-bottom:30px">${esc(head[2])}</div>
  <div style="text-align:center;font-weight:bold">${esc(head[4])}<br>${esc(head[5])}</div>
  <div style="text-align:right;margin:20px 0">${esc(head[7])}</div>
  ${body.map((p) => `<p style="text-align:justify;margin:0 0 16px">${esc(p)}</p>`).join('')}
  <div style="margin-left:760px;margin-top:40px">Kepala,<br><br><br><b>Drs. ${esc(zipfWord(l, r).toUpperCase())} ${esc(zipfWord(l, r).toUpperCase())}</b></div>
  </div></body></html>`;
}

const PHOTO_TEXTS = ['SOSIALISASI KOTA LAYAK ANAK', 'RUANG BERMAIN RAMAH ANAK', 'POSYANDU', 'FORUM ANAK DAERAH', 'SEKOLAH RAMAH ANAK', 'PUSKESMAS RAMAH ANAK', 'PUSAT INFORMASI SAHABAT ANAK', 'KAWASAN TANPA ROKOK'];

async function writeImages(list: DocSpec[]) {
  const todo = list.filter((s) => (s.kind === 'scan' || s.kind === 'photo') && !existsSync(s.path));
  if (!todo.length) return;
  const { launch, NAME_SHIM } = await import('./browser');
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1414, height: 2000 } });
    let amp = 14; // noise amplitude of photos, adjusted to land in 2-4 MiB
    let done = 0;
    for (const s of todo) {
      if (s.kind === 'scan') {
        await page.setContent(scanHtml(s));
        const jpeg = await page.screenshot({ type: 'jpeg', quality: 78 });
        writeAtomic(s.scanImage!, jpeg);
        writeAtomic(s.path, scanPdf(jpeg, 1414, 2000));
      } else {
        const r = rng(seedOf(s.index, 8));
        const target = (2.2 + r() * 1.6) * 1024 * 1024;
        const text = r() < 0.35 ? PHOTO_TEXTS[Math.floor(r() * PHOTO_TEXTS.length)] : '';
        const portrait = r() < 0.3;
        let bytes: Buffer | null = null;
        for (let attempt = 0; attempt < 6; attempt++) {
          await page.evaluate(NAME_SHIM);
          const b64: string = await page.evaluate(
            async ({ seed, amp, text, portrait }) => {
              // the same xorshift32 as rng() above, written again because this runs in the page
              // (page.evaluate ships only this function's source, not its module)
              let st = seed >>> 0 || 1;
              const rnd = () => {
                st ^= st << 13;
                st >>>= 0;
                st ^= st >>> 17;
                st ^= st << 5;
                st >>>= 0;
                return st / 4294967296;
              };
              const W = portrait ? 3000 : 4000;
              const H = portrait ? 4000 : 3000;
              const c = document.createElement('canvas');
              c.width = W;
              c.height = H;
              const g = c.getContext('2d')!;
              const hue = Math.floor(rnd() * 360);
              const sky = g.createLinearGradient(0, 0, 0, H);
              sky.addColorStop(0, `hsl(${hue},45%,${55 + rnd() * 25}%)`);
              sky.addColorStop(0.55, `hsl(${(hue + 40) % 360},30%,${45 + rnd() * 20}%)`);
              sky.addColorStop(1, `hsl(${(hue + 90) % 360},35%,${20 + rnd() * 20}%)`);
              g.fillStyle = sky;
              g.fillRect(0, 0, W, H);
              for (let k = 0; k < 70; k++) {
                const x = rnd() * W;
                const y = rnd() * H;
                const rad = 40 + rnd() * 500;
                const gr = g.createRadialGradient(x, y, 0, x, y, rad);
                gr.addColorStop(0, `hsla(${Math.floor(rnd() * 360)},${30 + rnd() * 50}%,${20 + rnd() * 60}%,0.9)`);
                gr.addColorStop(1, 'hsla(0,0%,50%,0)');
                g.fillStyle = gr;
                g.fillRect(x - rad, y - rad, 2 * rad, 2 * rad);
              }
              for (let k = 0; k < 25; k++) {
                g.fillStyle = `hsl(${Math.floor(rnd() * 360)},${20 + rnd() * 40}%,${15 + rnd() * 60}%)`;
                g.fillRect(rnd() * W, H * 0.4 + rnd() * H * 0.6, 30 + rnd() * 600, 30 + rnd() * 900);
              }
              if (text) {
                g.save();
                g.translate(W * (0.15 + rnd() * 0.2), H * (0.2 + rnd() * 0.2));
                g.rotate((rnd() - 0.5) * 0.12);
                g.fillStyle = '#f4f1e8';
                g.fillRect(0, 0, W * 0.6, 420);
                g.fillStyle = '#1b2a6b';
                g.font = 'bold 120px "DejaVu Sans", sans-serif';
                g.fillText(text, 60, 170, W * 0.6 - 120);
                g.font = '80px "DejaVu Sans", sans-serif';
                g.fillText('KABUPATEN SUKAMAJU 2024', 60, 330, W * 0.6 - 120);
                g.restore();
              }
              // sensor noise, in bands to bound memory
              const band = 500;
              for (let y0 = 0; y0 < H; y0 += band) {
                const h = Math.min(band, H - y0);
                const img = g.getImageData(0, y0, W, h);
                const d = img.data;
                for (let p = 0; p < d.length; p += 4) {
                  const n = (rnd() + rnd() - 1) * amp;
                  d[p] += n + (rnd() - 0.5) * amp * 0.6;
                  d[p + 1] += n;
                  d[p + 2] += n + (rnd() - 0.5) * amp * 0.6;
                }
                g.putImageData(img, 0, y0);
              }
              const blob: Blob = await new Promise((res) => c.toBlob((b) => res(b!), 'image/jpeg', 0.95));
              const buf = new Uint8Array(await blob.arrayBuffer());
              let s = '';
              for (let p = 0; p < buf.length; p += 0x8000) s += String.fromCharCode(...buf.subarray(p, p + 0x8000));
              c.width = c.height = 0;
              return btoa(s);
            },
            { seed: seedOf(s.index, 9 + attempt), amp, text, portrait },
          );
          bytes = Buffer.from(b64, 'base64');
          const ratio = target / bytes.length;
          if (bytes.length >= 2 * 1024 * 1024 && bytes.length <= 4 * 1024 * 1024) {
            amp *= Math.pow(ratio, 0.7); // steer the next photo towards its target
            break;
          }
          amp = Math.max(1, Math.min(80, amp * Math.pow(ratio, 1.2)));
        }
        writeAtomic(s.path, bytes!);
      }
      if (++done % 20 === 0) log(`scale-corpus[images]: ${done}/${todo.length}`);
    }
  } finally {
    await browser.close();
  }
}

// ------------------------------------------------------------------------------ entry points

/**
 * Makes sure the first `n` documents exist in the cache (generating what is missing, Node files
 * in two child processes while Chromium draws the images) and returns their specs and the
 * seconds spent generating (0 when all were cached).
 */
export async function ensureCorpus(n: number): Promise<{ docs: DocSpec[]; generatedSeconds: number; generated: number }> {
  mkdirSync(DOCS_DIR, { recursive: true });
  mkdirSync(SCAN_IMG_DIR, { recursive: true });
  const docs = specs(n);
  const missing = docs.filter((s) => !existsSync(s.path));
  if (!missing.length) return { docs, generatedSeconds: 0, generated: 0 };
  log(`scale-corpus: generating ${missing.length} of ${n} documents into ${CACHE}…`);
  const t0 = performance.now();
  const nodeMissing = missing.some((s) => s.kind === 'pdf' || s.kind === 'docx' || s.kind === 'xlsx');
  const children = nodeMissing
    ? [0, 1].map(
        (part) =>
          new Promise<void>((resolve, reject) => {
            const p = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--part', String(part), '2', String(n)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
            p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`corpus generator part ${part} exited with ${code}`))));
            p.on('error', reject);
          }),
      )
    : [];
  await Promise.all([...children, writeImages(docs)]);
  const still = docs.filter((s) => !existsSync(s.path));
  if (still.length) throw new Error(`corpus incomplete: ${still.length} files missing, e.g. ${still[0].path}`);
  writeFileSync(join(CACHE, 'README.txt'), `Siap KLA scale benchmark corpus, version ${VERSION}. Made by test/bench/scale-corpus.ts; safe to delete.\n`);
  return { docs, generatedSeconds: (performance.now() - t0) / 1000, generated: missing.length };
}

export function corpusStats(docs: DocSpec[]) {
  const by: Record<string, { files: number; bytes: number; pages: number }> = {};
  for (const s of docs) {
    const b = (by[s.kind] ??= { files: 0, bytes: 0, pages: 0 });
    b.files++;
    b.bytes += statSync(s.path).size;
    b.pages += s.pages ?? 0;
  }
  return by;
}

async function cli() {
  const args = process.argv.slice(2);
  if (args[0] === '--part') {
    const [part, of, n] = args.slice(1).map(Number);
    await writeNodeDocs(specs(n), part, of);
    return;
  }
  const n = Number(args[0] ?? process.env.SCALE_DOCS ?? FULL_DOCS);
  const { docs, generatedSeconds, generated } = await ensureCorpus(n);
  const stats = corpusStats(docs);
  const total = Object.values(stats).reduce((s, x) => s + x.bytes, 0);
  log(`scale-corpus: ${docs.length} documents, ${(total / 1024 / 1024).toFixed(0)} MiB in ${CACHE}; generated ${generated} in ${generatedSeconds.toFixed(1)} s; vocabulary ${vocabularySize()} words`);
  log(JSON.stringify(stats));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  cli().catch((e) => {
    log(e?.stack ?? e);
    process.exit(1);
  });
}
