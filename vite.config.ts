import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Files that pdf.js and tesseract.js load at run time by URL (fonts, wasm decoders, the OCR engine
 * and its Indonesian language data). They are copied from node_modules into the build under
 * /vendor/ (and served from node_modules in dev), so nothing is ever fetched from a CDN.
 * The Indonesian OCR model is not on npm in its fast form: public/vendor/ocr/ind.traineddata.gz
 * is tessdata_fast's `ind` (Apache-2.0; the file Debian's tesseract-ocr-ind 1:4.1.0 installs),
 * see docs/third-party.md.
 */
export const OFFLINE_ASSETS: { from: string; to: string; only?: RegExp }[] = [
  { from: 'node_modules/pdfjs-dist/standard_fonts', to: 'vendor/pdfjs/standard_fonts' },
  { from: 'node_modules/pdfjs-dist/wasm', to: 'vendor/pdfjs/wasm', only: /\.(wasm|js)$/ },
  { from: 'node_modules/tesseract.js/dist', to: 'vendor/ocr', only: /^worker\.min\.js$/ },
  { from: 'node_modules/tesseract.js-core', to: 'vendor/ocr', only: /^tesseract-core-simd-lstm\.wasm\.js$/ },
];

function listAssets(root: string): { file: string; fileName: string }[] {
  return OFFLINE_ASSETS.flatMap(({ from, to, only }) =>
    readdirSync(join(root, from))
      .filter((f) => statSync(join(root, from, f)).isFile() && (!only || only.test(f)))
      .map((f) => ({ file: join(root, from, f), fileName: `${to}/${f}` })),
  );
}

function offlineAssets(): Plugin {
  let root = process.cwd();
  return {
    name: 'siap-kla-offline-assets',
    configResolved(c) {
      root = c.root;
    },
    generateBundle() {
      for (const a of listAssets(root)) this.emitFile({ type: 'asset', fileName: a.fileName, source: readFileSync(a.file) });
    },
    configureServer(server) {
      const byUrl = new Map(listAssets(root).map((a) => [`/${a.fileName}`, a.file]));
      server.middlewares.use((req, res, next) => {
        const file = req.url && byUrl.get(req.url.split('?')[0]);
        if (!file) return next();
        res.setHeader('Content-Type', file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
  };
}

/**
 * Content-Security-Policy of the built app, as a <meta> in index.html (no server needed; the
 * app also runs from `vite preview` and the service worker cache). Nothing may leave the laptop
 * (`connect-src 'self'`: no fetch, XHR or WebSocket to another origin) and no script runs that
 * the build did not ship (no inline script, no eval). What the pieces need, and no more:
 * - `'wasm-unsafe-eval'`: compiling WebAssembly (tesseract.js OCR, hash-wasm, pdf.js decoders);
 * - `worker-src 'self'`: the reader, search and OCR workers are files of the build;
 * - `blob:`/`data:` for images, fonts and fetches of the app's own Blobs (previews, thumbnails,
 *   pdf.js fonts, downloads);
 * - `frame-ancestors` cannot be set from a <meta>; a hub serving the app sends it as a header.
 * Not applied by the dev server (its hot reload injects inline scripts). Proved in the browser
 * by test/e2e/csp.spec.ts: every screen and the intake, OCR, search, export and import paths run
 * with no violation.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self' blob: data:",
  "img-src 'self' blob: data:",
  "font-src 'self' blob: data:",
  "style-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "manifest-src 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'siap-kla-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

// The service worker precaches the whole build: JS (.mjs too: the pdf.js worker), wasm, the rules
// JSON, OCR data and fonts, so the app starts and works with no network after the first visit.
export default defineConfig({
  plugins: [
    react(),
    offlineAssets(),
    contentSecurityPolicy(),
    VitePWA({
      registerType: 'autoUpdate',
      // a tiny registration script file (not inline: the CSP allows no inline script), no
      // workbox-window in the start-up bundle; the generated worker itself skips waiting and
      // claims clients (registerType autoUpdate)
      injectRegister: 'script',
      includeAssets: ['favicon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Siap KLA',
        short_name: 'Siap KLA',
        description: 'Persiapan evaluasi Kabupaten/Kota Layak Anak, bekerja tanpa internet',
        lang: 'id',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,ico,wasm,json,woff2,gz,pfb,ttf}'],
        maximumFileSizeToCacheInBytes: 30 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  // the same policy as a header, so the workers (whose policy comes from their own response, not
  // the page's <meta>) are held to it too, plus what only a header can say
  preview: { headers: { 'Content-Security-Policy': `${CSP}; frame-ancestors 'none'` } },
});
