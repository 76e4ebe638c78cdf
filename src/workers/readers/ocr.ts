/**
 * OCR in Indonesian with tesseract.js. The engine (wasm), its worker script and the Indonesian
 * language data are bundled with the app (vite.config.ts OFFLINE_ASSETS, public/vendor/ocr), never
 * fetched from the internet. The model is tessdata_fast's `ind`, the one Debian's `tesseract`
 * uses: 1.8x faster than tessdata's best_int in tesseract.js (1.66 against 2.97 s a page on the
 * scale corpus's scans) with the same text on them. One tesseract worker per reader worker, created on first use and reused for at most
 * RECYCLE_PAGES pages (its wasm heap only grows, so a long batch of scans would otherwise hold
 * hundreds of MB per reader); `terminateOcr` frees its memory (cancel, or idle).
 */
import { createWorker, type Worker as TesseractWorker } from 'tesseract.js';
import { greyPgm } from '../../domain/evidence/pdfRender';
import { OCR_CORE, OCR_LANG_PATH, OCR_WORKER } from '../vendor';

let worker: Promise<TesseractWorker> | null = null;
/** Pages recognised by the current tesseract worker. */
let pages = 0;
export const RECYCLE_PAGES = 25;

function getWorker(): Promise<TesseractWorker> {
  if (!worker) {
    worker = createWorker('ind', 1 /* LSTM only */, {
      workerPath: OCR_WORKER(),
      corePath: OCR_CORE(),
      langPath: OCR_LANG_PATH(),
      gzip: true,
      workerBlobURL: false,
      cacheMethod: 'none',
      // without a handler tesseract.js throws an unreadable image's error out of its message
      // handler (the reader ended as crashed); with one, recognize() rejects and the file fails
      errorHandler: () => undefined,
    }).catch((e) => {
      worker = null;
      throw e;
    });
  }
  return worker;
}

/** The drawn page (a canvas's pixels) as a greyscale PGM for tesseract.js (see greyPgm). */
export function toPgm(image: ImageData): Blob {
  const { width, height, data } = image;
  return new Blob([greyPgm(data, 0, width * 4, width, height, 'rgba') as BlobPart], { type: 'image/x-portable-graymap' });
}

export async function ocrImage(image: OffscreenCanvas | Blob): Promise<string> {
  const w = await getWorker();
  const input = image instanceof Blob ? image : toPgm(image.getContext('2d')!.getImageData(0, 0, image.width, image.height));
  const { data } = await w.recognize(input);
  if (++pages >= RECYCLE_PAGES) await terminateOcr();
  return data.text.replace(/[ \t]+/g, ' ').trim();
}

export async function terminateOcr(): Promise<void> {
  const w = worker;
  worker = null;
  pages = 0;
  if (w) await (await w).terminate();
}
