/**
 * Pages of a PDF drawn by PDFium into its own memory, as greyscale PGM images for OCR. Used by
 * the command line (`kla classify --ocr`, `kla check --ocr`), which has no canvas; the engine is
 * passed in, as for pdfText.ts.
 */
import type { Pdfium } from './pdfText';

/** The part of @embedpdf/pdfium used to draw pages. */
export interface PdfiumDraw extends Pdfium {
  FPDF_GetPageWidthF(page: number): number;
  FPDF_GetPageHeightF(page: number): number;
  FPDFBitmap_Create(width: number, height: number, alpha: number): number;
  FPDFBitmap_FillRect(bitmap: number, left: number, top: number, width: number, height: number, color: number): boolean;
  FPDF_RenderPageBitmap(bitmap: number, page: number, x: number, y: number, width: number, height: number, rotate: number, flags: number): void;
  FPDFBitmap_GetBuffer(bitmap: number): number;
  FPDFBitmap_GetStride(bitmap: number): number;
  FPDFBitmap_Destroy(bitmap: number): void;
}

/** FPDF_ANNOT (fpdfview.h): draw annotations and filled form fields too. */
const FPDF_ANNOT = 0x01;
const WHITE = 0xffffffff;

/** One page drawn: a binary PGM (P5), what tesseract reads without a PNG round trip. */
export interface DrawnPage {
  page: number;
  width: number;
  height: number;
  pgm: Uint8Array;
}

/** The long side of a page or photo drawn for OCR, in pixels (the app's readers and the CLI). */
export const OCR_MAX_SIDE = 2000;

/**
 * Four-byte pixels (`rgba`: a canvas's ImageData; `bgra`: PDFium's bitmap) as a binary greyscale
 * PGM (P5), what tesseract reads without a PNG round trip: a third of the bytes, and the grey it
 * would compute anyway (Leptonica's weights 0.3 / 0.5 / 0.2).
 */
export function greyPgm(src: ArrayLike<number>, offset: number, stride: number, width: number, height: number, order: 'rgba' | 'bgra'): Uint8Array {
  const [r, b] = order === 'rgba' ? [0, 2] : [2, 0];
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height);
  out.set(header);
  let j = header.length;
  for (let y = 0; y < height; y++) {
    let i = offset + y * stride;
    for (let x = 0; x < width; x++, i += 4) out[j++] = (src[i + r] * 77 + src[i + 1] * 128 + src[i + b] * 51) >> 8;
  }
  return out;
}

function drawPage(m: PdfiumDraw, doc: number, pageNo: number, maxSide: number): DrawnPage | null {
  const page = m.FPDF_LoadPage(doc, pageNo - 1);
  if (!page) return null;
  try {
    const w = m.FPDF_GetPageWidthF(page);
    const h = m.FPDF_GetPageHeightF(page);
    if (!(w > 0 && h > 0)) return null;
    const scale = maxSide / Math.max(w, h);
    const width = Math.max(1, Math.round(w * scale));
    const height = Math.max(1, Math.round(h * scale));
    const bitmap = m.FPDFBitmap_Create(width, height, 0);
    if (!bitmap) return null;
    try {
      m.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, WHITE);
      m.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, FPDF_ANNOT);
      return { page: pageNo, width, height, pgm: greyPgm(m.pdfium.HEAPU8, m.FPDFBitmap_GetBuffer(bitmap), m.FPDFBitmap_GetStride(bitmap), width, height, 'bgra') };
    } finally {
      m.FPDFBitmap_Destroy(bitmap);
    }
  } finally {
    m.FPDF_ClosePage(page);
  }
}

/**
 * Draw the given pages (1-based) at most `maxSide` pixels on the long side. A page PDFium cannot
 * draw is left out; a document it cannot open gives []. Synchronous, like readPdfText.
 */
export function drawPdfPages(m: PdfiumDraw, bytes: Uint8Array, pages: number[], maxSide: number, password = ''): DrawnPage[] {
  const ptr = m.pdfium.wasmExports.malloc(Math.max(1, bytes.length));
  if (!ptr) return [];
  try {
    m.pdfium.HEAPU8.set(bytes, ptr);
    const doc = m.FPDF_LoadMemDocument(ptr, bytes.length, password);
    if (!doc) return [];
    try {
      const count = m.FPDF_GetPageCount(doc);
      return pages.filter((p) => p >= 1 && p <= count).flatMap((p) => drawPage(m, doc, p, maxSide) ?? []);
    } finally {
      m.FPDF_CloseDocument(doc);
    }
  } finally {
    m.pdfium.wasmExports.free(ptr);
  }
}
