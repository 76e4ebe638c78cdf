/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

/** pdf.js's worker code, imported to run pdf.js inside our own reader worker (no types shipped). */
declare module 'pdfjs-dist/build/pdf.worker.mjs';
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
