/**
 * PDFium (WebAssembly) in this worker, for the text layer of PDFs (src/domain/evidence/pdfText.ts).
 * The wasm file is bundled (a Vite asset), never fetched from a CDN. A wasm heap
 * only grows: after a large file the engine is dropped and a fresh one made for the next file, so
 * a reader does not keep hundreds of MB for the rest of the batch.
 */
import { init } from '@embedpdf/pdfium';
import { drawPdfPages, type DrawnPage, type PdfiumDraw } from '../../domain/evidence/pdfRender';
import { readPdfText, type Pdfium, type PdfTextOutcome } from '../../domain/evidence/pdfText';
// the package's own wasm file, emitted by Vite into the build (and precached): never the CDN default
import pdfiumWasmUrl from '@embedpdf/pdfium/pdfium.wasm?url';

/** Heap size above which the engine is replaced after the current file. */
const RECYCLE_HEAP_BYTES = 256 * 1024 * 1024;

let binary: Promise<ArrayBuffer> | null = null;
let engine: Promise<Pdfium> | null = null;

function wasmBinary(): Promise<ArrayBuffer> {
  binary ??= fetch(pdfiumWasmUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`pdfium.wasm: HTTP ${r.status}`);
      return r.arrayBuffer();
    })
    .catch((e) => {
      binary = null;
      throw e;
    });
  return binary;
}

function getEngine(): Promise<Pdfium> {
  engine ??= (async () => {
    const m = await init({ wasmBinary: await wasmBinary() });
    m.PDFiumExt_Init();
    return m as unknown as Pdfium;
  })().catch((e) => {
    engine = null;
    throw e;
  });
  return engine;
}

/** Load the engine now (the reader's warm-up), so the first file's time limit measures the file. */
export async function warmPdfium(): Promise<void> {
  await getEngine();
}

/** Run `use` on the engine; after a trap, or when the heap grew too large, the next call gets a new one. */
async function withEngine<T>(use: (m: Pdfium) => T): Promise<T> {
  const m = await getEngine();
  let healthy = false;
  try {
    const out = use(m);
    healthy = m.pdfium.HEAPU8.length <= RECYCLE_HEAP_BYTES;
    return out;
  } finally {
    // a trap (out of memory, a hostile file) may leave the engine broken: the next file gets a new one
    if (!healthy) engine = null;
  }
}

/** The text layer of a PDF, read by PDFium. */
export function pdfiumText(bytes: Uint8Array, password?: string): Promise<PdfTextOutcome> {
  return withEngine((m) => readPdfText(m, bytes, password ?? ''));
}

/**
 * Scanned pages drawn by PDFium for OCR (greyscale PGM): no pdf.js document and no canvas, whose
 * image decoding kept ~11 MB a page in shared memory until a garbage collection.
 */
export function pdfiumDraw(bytes: Uint8Array, pages: number[], maxSide: number, password?: string): Promise<DrawnPage[]> {
  return withEngine((m) => drawPdfPages(m as PdfiumDraw, bytes, pages, maxSide, password ?? ''));
}

/**
 * The text layer of a PDF: PDFium first (fast); when PDFium cannot open a damaged file, pdf.js
 * (each repairs some files the other refuses), so no file that read before is lost.
 */
export async function readPdfLayer(bytes: Uint8Array, password?: string): Promise<PdfTextOutcome> {
  let first: PdfTextOutcome;
  try {
    first = await pdfiumText(bytes, password);
  } catch (e) {
    first = { state: 'corrupt', message: (e as Error)?.message ?? String(e) };
  }
  if (first.state !== 'corrupt') return first;
  const { openPdf } = await import('./pdf');
  const again = await openPdf(bytes, password);
  if (again.state !== 'ok') return again.state === 'encrypted' ? again : first;
  await again.doc.destroy();
  return { state: 'ok', pages: again.pages, pageTexts: again.pageTexts, title: again.title };
}
