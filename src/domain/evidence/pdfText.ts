/**
 * The text layer of a PDF, page by page, read with PDFium (Chromium's PDF engine, compiled to
 * WebAssembly: @embedpdf/pdfium). About twice as fast as pdf.js's getTextContent on evidence-like
 * PDFs (656 against 336 pages/s on one core, scale corpus) and faster than `pdftotext`, which
 * matters at a kabupaten's 80,000 pages. pdf.js still draws pages (OCR, thumbnails, preview).
 *
 * The engine is passed in (the reader worker and the command line load it their own way), so
 * this stays free of DOM and Node. Only the handful of calls used here are typed.
 */

/** The part of @embedpdf/pdfium's WrappedPdfiumModule used here. */
export interface Pdfium {
  pdfium: { HEAPU8: Uint8Array; wasmExports: { malloc(size: number): number; free(ptr: number): void } };
  FPDF_LoadMemDocument(ptr: number, size: number, password: string): number;
  FPDF_GetLastError(): number;
  FPDF_GetPageCount(doc: number): number;
  FPDF_LoadPage(doc: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_CloseDocument(doc: number): void;
  FPDF_GetMetaText(doc: number, tag: string, buffer: number, length: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(text: number): void;
  FPDFText_CountChars(text: number): number;
  FPDFText_GetText(text: number, start: number, count: number, buffer: number): number;
}

export type PdfTextOutcome =
  | { state: 'ok'; pages: number; pageTexts: string[]; title?: string }
  | { state: 'encrypted'; wrongPassword: boolean }
  | { state: 'corrupt'; message: string };

/** FPDF_GetLastError codes (fpdfview.h). */
const ERRORS: Record<number, string> = { 1: 'unknown error', 2: 'file not found or could not be opened', 3: 'not a PDF or corrupted', 4: 'password required or incorrect', 5: 'unsupported security scheme', 6: 'page not found or content error' };
const ERR_PASSWORD = 4;
/** Characters read per page at most: a page that claims more is hostile (a real page holds < 20,000). */
export const MAX_PAGE_CHARS = 1_000_000;

const utf16 = new TextDecoder('utf-16le');

/** Tidy one page's text as the rest of the app expects it: \n between lines, single spaces. */
export function tidyPageText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000\ufffe\uffff]/g, '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

function readUtf16(m: Pdfium, ptr: number, bytes: number): string {
  return utf16.decode(m.pdfium.HEAPU8.subarray(ptr, ptr + bytes));
}

function pageText(m: Pdfium, doc: number, index: number): string {
  const page = m.FPDF_LoadPage(doc, index);
  if (!page) return '';
  try {
    const text = m.FPDFText_LoadPage(page);
    if (!text) return '';
    try {
      const count = Math.min(m.FPDFText_CountChars(text), MAX_PAGE_CHARS);
      if (count <= 0) return '';
      const buf = m.pdfium.wasmExports.malloc((count + 1) * 2);
      try {
        const written = m.FPDFText_GetText(text, 0, count, buf); // UTF-16LE, with the terminator
        return tidyPageText(readUtf16(m, buf, Math.max(0, written - 1) * 2));
      } finally {
        m.pdfium.wasmExports.free(buf);
      }
    } finally {
      m.FPDFText_ClosePage(text);
    }
  } finally {
    m.FPDF_ClosePage(page);
  }
}

function metaTitle(m: Pdfium, doc: number): string | undefined {
  const bytes = m.FPDF_GetMetaText(doc, 'Title', 0, 0); // the size, terminator included
  if (bytes <= 2 || bytes > 4096) return undefined;
  const buf = m.pdfium.wasmExports.malloc(bytes);
  try {
    m.FPDF_GetMetaText(doc, 'Title', buf, bytes);
    const title = readUtf16(m, buf, bytes - 2).trim();
    return title || undefined;
  } finally {
    m.pdfium.wasmExports.free(buf);
  }
}

/**
 * Every page's text, the page count and the metadata title. A page PDFium cannot read gives ''
 * (the caller treats it as a page that needs OCR); a document it cannot open is 'encrypted' or
 * 'corrupt'. Synchronous: the caller runs it in a worker whose watchdog ends a hostile file.
 */
export function readPdfText(m: Pdfium, bytes: Uint8Array, password = ''): PdfTextOutcome {
  const ptr = m.pdfium.wasmExports.malloc(Math.max(1, bytes.length));
  if (!ptr) return { state: 'corrupt', message: 'out of memory' };
  try {
    m.pdfium.HEAPU8.set(bytes, ptr);
    const doc = m.FPDF_LoadMemDocument(ptr, bytes.length, password);
    if (!doc) {
      const code = m.FPDF_GetLastError();
      if (code === ERR_PASSWORD) return { state: 'encrypted', wrongPassword: password !== '' };
      return { state: 'corrupt', message: ERRORS[code] ?? `PDFium error ${code}` };
    }
    try {
      const pages = m.FPDF_GetPageCount(doc);
      const pageTexts: string[] = [];
      for (let i = 0; i < pages; i++) pageTexts.push(pageText(m, doc, i));
      return { state: 'ok', pages, pageTexts, title: metaTitle(m, doc) };
    } finally {
      m.FPDF_CloseDocument(doc);
    }
  } finally {
    m.pdfium.wasmExports.free(ptr);
  }
}
