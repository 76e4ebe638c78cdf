/**
 * pdf.js on the main thread, for previews only (reading happens in the reader worker). Loaded
 * lazily: it is not part of the start-up bundle. Its worker script is bundled (`?url`).
 *
 * Every preview shares one pdf.js worker. Left to itself, pdf.js starts a new worker for each
 * document (and parses its 1 MB script again): while a batch is read and both cores are busy, that
 * start was most of the 1-1.5 s an opened document took to show its page on a slow laptop. A shared
 * worker could be held up by one hostile file, so a preview that is not drawn in PREVIEW_LIMIT_MS
 * ends that worker (the next preview starts a fresh one) and says so.
 */
import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';

let lib: Promise<typeof import('pdfjs-dist')> | null = null;
let worker: PDFWorker | null = null;

/** How long a page may take to load and draw before the preview gives up on it. */
export const PREVIEW_LIMIT_MS = 20_000;

export function loadPdfjs() {
  if (!lib) {
    lib = Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([pdfjs, w]) => {
      pdfjs.GlobalWorkerOptions.workerSrc = w.default;
      return pdfjs;
    });
  }
  return lib;
}

function previewWorker(pdfjs: typeof import('pdfjs-dist')): PDFWorker {
  if (!worker || worker.destroyed) worker = new pdfjs.PDFWorker();
  return worker;
}

/** The preview is given up on: its shared worker ends, so a file stuck in it holds up no other. */
export function endPreviewWorker(): void {
  worker?.destroy();
  worker = null;
}

export async function openPdfForView(data: Uint8Array, password?: string): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfjs();
  const base = import.meta.env.BASE_URL;
  return pdfjs.getDocument({
    data,
    password,
    worker: previewWorker(pdfjs),
    isEvalSupported: false,
    enableXfa: false,
    standardFontDataUrl: `${base}vendor/pdfjs/standard_fonts/`,
    wasmUrl: `${base}vendor/pdfjs/wasm/`,
  }).promise;
}
