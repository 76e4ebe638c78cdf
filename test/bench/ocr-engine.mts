/**
 * Development aid: tesseract.js alone in Chromium (the app's V8, engine and model, none of the
 * app), two engines at once over the scale corpus's scanned page images, the same images the
 * tesseract CLI reads in the scale bench. It gives the engine's ceiling: how close the app's OCR
 * (scale bench, `ocr.app`) can come to the CLI at all. Two workers, each kept for all its pages.
 *   npx tsx test/bench/ocr-engine.mts [N=200]
 * OCR_INPUT=jpeg hands tesseract the JPEG (decoded in wasm by Leptonica) instead of the grey PGM
 * the app hands it; OCR_CORE=<file in tesseract.js-core> tries another engine build.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { chromiumLaunch } from '../../playwright.config';
import { greyPgm } from '../../src/domain/evidence/pdfRender';
import { SCAN_IMG_DIR } from './scale-corpus';

const n = Number(process.argv[2] ?? 200);
const core = process.env.OCR_CORE ?? 'tesseract-core-simd-lstm.wasm.js';
const pgm = process.env.OCR_INPUT !== 'jpeg';
const files = readdirSync(SCAN_IMG_DIR).filter((f) => f.endsWith('.jpg')).sort().slice(0, n);
if (files.length === 0) throw new Error(`no scans in ${SCAN_IMG_DIR}: npx tsx test/bench/scale-corpus.ts 5000`);

// one origin for the engine, the model and the images (a worker must come from the page's origin)
const roots: Record<string, string> = {
  tjs: resolve('node_modules/tesseract.js/dist'),
  core: resolve('node_modules/tesseract.js-core'),
  lang: resolve('public/vendor/ocr'),
  img: SCAN_IMG_DIR,
};
const server = createServer((req, res) => {
  if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>ocr</title>');
  const [, top, ...rest] = (req.url ?? '/').split('?')[0].split('/');
  const root = roots[top];
  const file = root && resolve(root, ...rest);
  if (!file || !file.startsWith(root)) return void res.writeHead(404).end();
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    return void res.writeHead(404).end();
  }
  res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' }).end(body);
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const dir = mkdtempSync(join(tmpdir(), 'ocr-engine-'));
const ctx = await chromium.launchPersistentContext(dir, chromiumLaunch);
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(`${origin}/`);
await page.addScriptTag({ url: `${origin}/tjs/tesseract.min.js` });
// the app's own conversion (src/domain/evidence/pdfRender.ts), so the engine reads the same grey
await page.addScriptTag({ content: `globalThis.__name = (f) => f; globalThis.greyPgm = ${greyPgm.toString()};` });
// a string, not a function: tsx's helpers (__name) do not exist in the page
const run = `(async ({ files, core, pgm }) => {
  const o = location.origin;
  const make = () => Tesseract.createWorker('ind', 1, { workerPath: o + '/tjs/worker.min.js', corePath: o + '/core/' + core, langPath: o + '/lang', gzip: true, cacheMethod: 'none', workerBlobURL: false });
  const engines = await Promise.all([make(), make()]);
  const toPgm = async (jpeg) => {
    const bmp = await createImageBitmap(jpeg);
    const c = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d');
    c.drawImage(bmp, 0, 0);
    return new Blob([greyPgm(c.getImageData(0, 0, bmp.width, bmp.height).data, 0, bmp.width * 4, bmp.width, bmp.height, 'rgba')]);
  };
  const jpegs = await Promise.all(files.map(async (f) => (await fetch('/img/' + f)).blob()));
  const images = pgm ? await Promise.all(jpegs.map(toPgm)) : jpegs;
  const t0 = performance.now();
  let next = 0;
  await Promise.all(engines.map(async (e) => { while (next < images.length) await e.recognize(images[next++]); }));
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(engines.map((e) => e.terminate()));
  return { seconds: Math.round(seconds * 100) / 100, pagesPerSecond: Math.round((files.length / seconds) * 1000) / 1000 };
})(${JSON.stringify({ files, core, pgm })})`;
const figures = (await page.evaluate(run)) as { seconds: number; pagesPerSecond: number };
console.log(JSON.stringify({ engine: core, input: pgm ? 'grey PGM (as the app)' : 'JPEG', pages: files.length, engines: 2, ...figures }));
await ctx.close();
server.close();
rmSync(dir, { recursive: true, force: true });
