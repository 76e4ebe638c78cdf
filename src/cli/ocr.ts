/**
 * OCR for the command line (`--ocr`): the app's engine and model (tesseract.js with the bundled
 * tessdata_fast `ind` in public/vendor/ocr, never downloaded), run in Node. PDF pages are drawn
 * by PDFium (src/domain/evidence/pdfRender.ts) at the app's size; images go to tesseract as they
 * are. One engine for the whole run, ended by `closeOcr` (the process would not exit otherwise).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorker, type Worker } from 'tesseract.js';
import { drawPdfPages, OCR_MAX_SIDE, type PdfiumDraw } from '../domain/evidence/pdfRender';
import { pdfium } from './extract';

/** One page (or image) may take this long; then the engine is ended and the page left unread. */
export const OCR_PAGE_TIMEOUT_MS = 60_000;
// the Indonesian model the app bundles (public/ is the app's, read here as data)
const LANG_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'vendor', 'ocr');

let engine: Promise<Worker> | null = null;

function getEngine(): Promise<Worker> {
  engine ??= createWorker('ind', 1 /* LSTM only */, { langPath: LANG_PATH, gzip: true, cacheMethod: 'none', errorHandler: () => undefined }).catch((e) => {
    engine = null;
    throw e;
  });
  return engine;
}

export class OcrTimeout extends Error {}

/** The text tesseract reads in an image (PGM, PNG, JPEG...); a page past the time limit throws OcrTimeout. */
export async function ocrBytes(image: Uint8Array): Promise<string> {
  const w = await getEngine();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OcrTimeout(`OCR took longer than ${OCR_PAGE_TIMEOUT_MS / 1000} s`)), OCR_PAGE_TIMEOUT_MS);
  });
  try {
    const { data } = await Promise.race([w.recognize(Buffer.from(image)), late]);
    return data.text.replace(/[ \t]+/g, ' ').trim();
  } catch (e) {
    if (e instanceof OcrTimeout) await closeOcr(); // a stuck engine is not reused
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** OCR the given pages (1-based) of a PDF; returns page -> text for the pages read. */
export async function ocrPdfPages(bytes: Uint8Array, pages: number[]): Promise<Map<number, string>> {
  const drawn = drawPdfPages((await pdfium()) as PdfiumDraw, bytes, pages, OCR_MAX_SIDE);
  const out = new Map<number, string>();
  for (const d of drawn) {
    try {
      out.set(d.page, await ocrBytes(d.pgm));
    } catch (e) {
      // a page past the time limit is left unread; the pages read stay
      if (!(e instanceof OcrTimeout)) throw e;
    }
  }
  return out;
}

export async function closeOcr(): Promise<void> {
  const e = engine;
  engine = null;
  if (e) await (await e.catch(() => null))?.terminate();
}

/** Run a command and end the OCR engine after it, whatever happens (or Node would wait on its thread). */
export async function withOcr<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    await closeOcr();
  }
}
