/**
 * Text extraction for the command line (Node only): .txt and .md as UTF-8, .pdf through its text
 * layer (PDFium as in the app, pdf.js for damaged files), .docx through
 * src/domain/evidence/office.ts (as the app). With `ocr` (the commands' --ocr), scanned pages
 * (content under MIN_PAGE_TEXT characters, at most `ocrMaxPages` of them) and images (.jpg, .jpeg,
 * .png) are read by OCR as in the app (./ocr.ts); without it a scan gives "no text".
 *
 * Every failure becomes an ExtractError with a message for the officer (missing file, unsupported
 * type, corrupt or password-protected PDF, empty document); callers print it and carry on with
 * the next file.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { joinPageText, readPdfText, scannedPages, type Pdfium } from '../domain/evidence/pdfText';

export class ExtractError extends Error {}

export interface Extracted {
  text: string;
  /** Title from the file's metadata, when it has one. */
  title?: string;
  /** Pages read by OCR (1-based), when any. */
  ocrPages?: number[];
  /** A PDF's text page by page (the classifier then says which pages are about what). */
  pages?: string[];
}

export interface ExtractOptions {
  ocr?: boolean;
  /** Scanned pages read by OCR at most (the app's default too). */
  ocrMaxPages?: number;
}

export const SUPPORTED = ['.txt', '.md', '.pdf', '.docx'] as const;
/** Read only with --ocr. */
export const IMAGES = ['.jpg', '.jpeg', '.png'] as const;
export const OCR_MAX_PAGES = 20;

const require = createRequire(import.meta.url);
/** pdf.js needs its standard fonts for PDFs that use the 14 base fonts without embedding them. */
const standardFontDataUrl = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ExtractError('file not found');
    if (code === 'EISDIR') throw new ExtractError('is a folder, not a file');
    if (code === 'EACCES') throw new ExtractError('permission denied');
    throw new ExtractError(`cannot read: ${code ?? (e as Error).message}`);
  }
}

let engine: Promise<Pdfium> | null = null;

/** PDFium (the app's reader of text layers, src/domain/evidence/pdfText.ts), loaded once. */
export function pdfium(): Promise<Pdfium> {
  engine ??= (async () => {
    const { init } = await import('@embedpdf/pdfium');
    const wasm = await readFile(require.resolve('@embedpdf/pdfium/pdfium.wasm'));
    const m = await init({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
    m.PDFiumExt_Init();
    return m as unknown as Pdfium;
  })();
  return engine;
}

/** The text as the app reads it: PDFium, and pdf.js for the damaged files PDFium refuses; OCR for scanned pages when asked. */
async function pdfText(bytes: Buffer, opts: ExtractOptions): Promise<Extracted> {
  const r = readPdfText(await pdfium(), new Uint8Array(bytes));
  if (r.state === 'encrypted') throw new ExtractError('the PDF is password-protected');
  if (r.state !== 'ok') return pdfjsText(bytes);
  const pageTexts = [...r.pageTexts];
  const scanned = scannedPages(pageTexts, r.annotations);
  let ocrPages: number[] | undefined;
  if (opts.ocr && scanned.length) {
    const { ocrPdfPages } = await import('./ocr');
    const read = await ocrPdfPages(new Uint8Array(bytes), scanned.slice(0, opts.ocrMaxPages ?? OCR_MAX_PAGES));
    for (const [p, t] of read) pageTexts[p - 1] = joinPageText(t, r.annotations?.[p - 1]);
    ocrPages = [...read.keys()];
  }
  return { text: pageTexts.join('\n\n'), title: r.title, pages: pageTexts, ...(ocrPages ? { ocrPages } : {}) };
}

async function imageText(bytes: Buffer): Promise<Extracted> {
  const { ocrBytes } = await import('./ocr');
  try {
    return { text: await ocrBytes(new Uint8Array(bytes)), ocrPages: [1] };
  } catch (e) {
    throw new ExtractError(`not a readable image (${(e as Error).message})`);
  }
}

async function pdfjsText(bytes: Buffer): Promise<Extracted> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      const name = (e as Error).name;
      if (name === 'PasswordException') throw new ExtractError('the PDF is password-protected');
      throw new ExtractError(`not a readable PDF (${(e as Error).message})`);
    }
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let s = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        s += item.str + (item.hasEOL ? '\n' : ' ');
      }
      pages.push(s);
      page.cleanup();
    }
    let title: string | undefined;
    try {
      const meta = await doc.getMetadata();
      const t = (meta.info as { Title?: unknown } | undefined)?.Title;
      if (typeof t === 'string' && t.trim()) title = t.trim();
    } catch {
      // metadata is optional
    }
    return { text: pages.join('\n\n'), title };
  } finally {
    await task.destroy();
  }
}

async function docxText(bytes: Buffer): Promise<Extracted> {
  const office = await import('../domain/evidence/office');
  try {
    return { text: await office.docxText(new Uint8Array(bytes)) };
  } catch (e) {
    throw new ExtractError(`not a readable .docx (${(e as Error).message})`);
  }
}

/** Extract a file's text. Throws ExtractError. */
export async function extractText(path: string, opts: ExtractOptions = {}): Promise<Extracted> {
  const ext = extname(path).toLowerCase();
  const image = (IMAGES as readonly string[]).includes(ext);
  if (!(SUPPORTED as readonly string[]).includes(ext) && !(image && opts.ocr)) {
    // still say "not found" for a missing file of an unsupported type
    await readBytes(path);
    if (image) throw new ExtractError('an image: its text is read only with --ocr');
    throw new ExtractError(`unsupported file type "${ext || '(none)'}" (supported: ${[...SUPPORTED, ...IMAGES.map((e) => `${e} with --ocr`)].join(', ')})`);
  }
  const bytes = await readBytes(path);
  let out: Extracted;
  if (ext === '.pdf') out = await pdfText(bytes, opts);
  else if (ext === '.docx') out = await docxText(bytes);
  else if (image) out = await imageText(bytes);
  else out = { text: bytes.toString('utf8').replace(/^\uFEFF/, '') };
  if (!out.text.trim()) {
    if (ext === '.pdf') throw new ExtractError(opts.ocr ? 'no text found (empty, or OCR found no words)' : 'no text found (empty, or a scan without a text layer: try --ocr)');
    throw new ExtractError(image ? 'no text found (OCR found no words)' : 'no text found (empty file)');
  }
  return out;
}
