/**
 * What a file really is, from its first bytes (never from its name alone), and whether we accept
 * it. Accepted: PDF, JPEG, PNG, WEBP, DOC/DOCX, XLS/XLSX, ODT/ODS, plain text.
 */
import type { EvidenceKind } from '../model';

export interface Sniffed {
  kind: EvidenceKind;
  mime: string;
  /** Set when the name's extension disagrees with the content (the content wins). */
  extensionMismatch?: { extension: string; actual: string };
}

export type SniffProblem = 'empty' | 'unsupported-type' | 'archive' | 'too-large';

export type SniffResult = { ok: true; type: Sniffed } | { ok: false; problem: SniffProblem; detail?: string };

/** How many leading bytes `sniff` wants (zip-based formats need to see their first entries). */
export const SNIFF_BYTES = 64 * 1024;

/** Extension -> the content family it promises (a key of MIME). */
const EXT_FAMILY: Record<string, string> = {
  pdf: 'pdf', jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp', doc: 'doc', docx: 'docx',
  xls: 'xls', xlsx: 'xlsx', odt: 'odt', ods: 'ods', txt: 'text', csv: 'text', md: 'text',
};

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  text: 'text/plain',
};

export function extensionOf(name: string): string {
  const m = name.toLowerCase().match(/\.([a-z0-9]{1,5})$/);
  return m ? m[1] : '';
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => {
  let s = '';
  for (let i = from; i < Math.min(to, b.length); i++) s += String.fromCharCode(b[i]);
  return s;
};

function looksLikeText(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  const n = Math.min(b.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return false;
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  if (control / n > 0.02) return false;
  try {
    // a cut in the middle of a multi-byte character at the end is fine
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, n - (n === b.length ? 0 : 4)));
    return true;
  } catch {
    // windows-1252 text files are common; accept when almost all bytes are printable
    return control === 0;
  }
}

/** A web page, a Word file saved as a web page, or RTF: text, but not what its .xls or .doc name says. */
function isMarkup(head: Uint8Array): boolean {
  const s = ascii(head, 0, Math.min(head.length, 512)).trimStart().toLowerCase();
  return s.startsWith('<') || s.startsWith('{\\rtf') || s.startsWith('mime-version:');
}

/** RAR, 7-Zip, gzip: archives the officer must unpack first (a ZIP that is no office file is one too). */
function isArchive(head: Uint8Array): boolean {
  return startsWith(head, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || startsWith(head, [0x1f, 0x8b]);
}

/**
 * @param head the first bytes of the file (up to SNIFF_BYTES)
 * @param size the whole file's size
 */
export function sniff(name: string, head: Uint8Array, size: number, maxBytes?: number): SniffResult {
  if (size === 0) return { ok: false, problem: 'empty' };
  if (maxBytes !== undefined && size > maxBytes) return { ok: false, problem: 'too-large', detail: String(maxBytes) };
  const ext = extensionOf(name);
  let kind: EvidenceKind | null = null;
  let mimeKey = '';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d]) || ascii(head, 0, 1024).includes('%PDF-')) {
    kind = 'pdf';
    mimeKey = 'pdf';
  } else if (startsWith(head, [0xff, 0xd8, 0xff])) {
    kind = 'image';
    mimeKey = 'jpeg';
  } else if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    kind = 'image';
    mimeKey = 'png';
  } else if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') {
    kind = 'image';
    mimeKey = 'webp';
  } else if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // OLE2 compound file: old Word or Excel. The directory names tell them apart.
    const s = ascii(head, 0, head.length).replace(/\0/g, '');
    kind = s.includes('Workbook') || s.includes('Book') ? 'xls' : s.includes('WordDocument') ? 'doc' : ext === 'xls' ? 'xls' : 'doc';
    mimeKey = kind;
  } else if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const s = ascii(head, 0, head.length);
    if (s.includes('mimetypeapplication/vnd.oasis.opendocument.text')) kind = 'odt';
    else if (s.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) kind = 'ods';
    else if (s.includes('word/')) kind = 'docx';
    else if (s.includes('xl/')) kind = 'xlsx';
    else if (s.includes('[Content_Types].xml') && (ext === 'docx' || ext === 'xlsx')) kind = ext as EvidenceKind;
    // a zip-based format we do not read (pptx, odp, epub) is not an archive to unpack
    if (!kind) return { ok: false, problem: ext === 'zip' || ext === '' || !/\[Content_Types\]\.xml|mimetype/.test(s) ? 'archive' : 'unsupported-type', detail: ext || 'zip' };
    mimeKey = kind;
  } else if (isArchive(head)) {
    return { ok: false, problem: 'archive', detail: ext || '?' };
  } else if (looksLikeText(head) && (ext === '' || EXT_FAMILY[ext] === 'text' || (ext in EXT_FAMILY && !isMarkup(head)))) {
    // plain text under a document's name (notes saved as .pdf) is kept as text, and the officer told
    kind = 'text';
    mimeKey = 'text';
  }
  if (!kind) return { ok: false, problem: 'unsupported-type', detail: ext || '?' };
  const type: Sniffed = { kind, mime: MIME[mimeKey] };
  if (ext && EXT_FAMILY[ext] !== mimeKey) type.extensionMismatch = { extension: ext, actual: mimeKey };
  return { ok: true, type };
}
