/**
 * pdf.js inside a Web Worker: pages drawn (a first-page thumbnail, page images for OCR when a page
 * has no text layer), and the text layer of the damaged files PDFium refuses (pdfium.ts reads the
 * rest). pdf.js's own worker code runs in this thread (we are already off the main thread);
 * canvases are OffscreenCanvas. Scripts in the PDF are never executed (no scripting, no eval).
 */
import * as pdfjs from 'pdfjs-dist';
import * as pdfWorker from 'pdfjs-dist/build/pdf.worker.mjs';
import { PDFJS_STANDARD_FONTS, PDFJS_WASM } from '../vendor';

(globalThis as unknown as { pdfjsWorker: unknown }).pdfjsWorker = pdfWorker;

class OffscreenCanvasFactory {
  constructor(_opts?: unknown) {}
  create(width: number, height: number) {
    const canvas = new OffscreenCanvas(Math.max(1, Math.floor(width)), Math.max(1, Math.floor(height)));
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true })! };
  }
  reset(entry: { canvas: OffscreenCanvas }, width: number, height: number) {
    entry.canvas.width = Math.max(1, Math.floor(width));
    entry.canvas.height = Math.max(1, Math.floor(height));
  }
  destroy(entry: { canvas: OffscreenCanvas | null; context: unknown }) {
    if (entry.canvas) {
      entry.canvas.width = 0;
      entry.canvas.height = 0;
    }
    entry.canvas = null;
    entry.context = null;
  }
}

class NoFilterFactory {
  constructor(_opts?: unknown) {}
  addFilter() {
    return 'none';
  }
  addHCMFilter() {
    return 'none';
  }
  addAlphaFilter() {
    return 'none';
  }
  addLuminosityFilter() {
    return 'none';
  }
  addHighlightHCMFilter() {
    return 'none';
  }
  destroy() {}
}

export interface PdfHandle {
  renderPage(pageNo: number, maxSide: number): Promise<OffscreenCanvas>;
  destroy(): Promise<void>;
}

export type PdfOutcome =
  | { state: 'ok'; pages: number; pageTexts: string[]; title?: string; doc: PdfHandle }
  | { state: 'encrypted'; wrongPassword: boolean }
  | { state: 'corrupt'; message: string };

/** pdf.js, to draw pages (OCR, thumbnails); `text: false` skips reading the text layer. */
export async function openPdf(bytes: Uint8Array, password?: string, opts: { text?: boolean } = {}): Promise<PdfOutcome> {
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdf.js detaches the buffer it is given
    password,
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: PDFJS_STANDARD_FONTS(),
    wasmUrl: PDFJS_WASM(),
    CanvasFactory: OffscreenCanvasFactory,
    FilterFactory: NoFilterFactory,
    isOffscreenCanvasSupported: true,
    // pdf.js keeps WebCodecs' ImageDecoder off in Chromium, but tells Chromium by globalThis.chrome,
    // which a worker lacks: on here, each scanned page's image was decoded into a shared-memory
    // frame of ~11 MB that lived until a garbage collection (20 of them at once in a batch of scans)
    isImageDecoderSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  } as unknown as Parameters<typeof pdfjs.getDocument>[0]);
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy();
    const err = e as { name?: string; message?: string; code?: number };
    if (err?.name === 'PasswordException') return { state: 'encrypted', wrongPassword: err.code === 2 };
    return { state: 'corrupt', message: err?.message ?? String(e) };
  }
  const pageTexts: string[] = [];
  try {
    for (let i = 1; opts.text !== false && i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      // NFKC normalisation of every string is skipped: search and the classifier normalise anyway
      const content = await page.getTextContent({ disableNormalization: true });
      let s = '';
      for (const item of content.items) {
        if ('str' in item) s += item.str + (item.hasEOL ? '\n' : ' ');
      }
      pageTexts.push(s.replace(/[ \t]+/g, ' ').trim());
      page.cleanup();
    }
  } catch (e) {
    await task.destroy();
    return { state: 'corrupt', message: (e as Error)?.message ?? String(e) };
  }
  let title: string | undefined;
  try {
    if (opts.text === false) throw new Error('no text wanted');
    const meta = await doc.getMetadata();
    const t = (meta.info as { Title?: string } | undefined)?.Title;
    if (t && t.trim()) title = t.trim();
  } catch {
    /* no metadata */
  }
  return {
    state: 'ok',
    pages: doc.numPages,
    pageTexts,
    title,
    doc: {
      async renderPage(pageNo, maxSide) {
        const page = await doc.getPage(pageNo);
        const base = page.getViewport({ scale: 1 });
        const scale = maxSide / Math.max(base.width, base.height);
        const viewport = page.getViewport({ scale });
        const canvas = new OffscreenCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
        const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
        page.cleanup();
        return canvas;
      },
      destroy: () => task.destroy(),
    },
  };
}
