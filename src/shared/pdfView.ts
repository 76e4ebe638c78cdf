/**
 * pdf.js on the main thread, for previews only (reading happens in the reader worker). Loaded
 * lazily: it is not part of the start-up bundle. Its worker script is bundled (`?url`).
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';

let lib: Promise<typeof import('pdfjs-dist')> | null = null;

export function loadPdfjs() {
  if (!lib) {
    lib = Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([pdfjs, worker]) => {
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      return pdfjs;
    });
  }
  return lib;
}

export async function openPdfForView(data: Uint8Array, password?: string): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfjs();
  const base = import.meta.env.BASE_URL;
  return pdfjs.getDocument({
    data,
    password,
    isEvalSupported: false,
    enableXfa: false,
    standardFontDataUrl: `${base}vendor/pdfjs/standard_fonts/`,
    wasmUrl: `${base}vendor/pdfjs/wasm/`,
  }).promise;
}
