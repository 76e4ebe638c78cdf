/** URLs of the run-time assets copied into the build by vite.config.ts (OFFLINE_ASSETS). */
const base = (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');
const abs = (p: string) => new URL(base + p, self.location.origin).href;

export const PDFJS_STANDARD_FONTS = () => abs('vendor/pdfjs/standard_fonts/');
export const PDFJS_WASM = () => abs('vendor/pdfjs/wasm/');
export const OCR_WORKER = () => abs('vendor/ocr/worker.min.js');
export const OCR_CORE = () => abs('vendor/ocr/tesseract-core-simd-lstm.wasm.js');
export const OCR_LANG_PATH = () => abs('vendor/ocr');
