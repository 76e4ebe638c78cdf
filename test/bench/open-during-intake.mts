/**
 * Development aid: how long opening a document in Bukti takes while a batch is being read (the
 * seventh walk saw 2-8 s on a page throttled 4x, 0.3-1.7 s otherwise). A fresh profile and an
 * empty workspace; N files of the scale corpus (text PDFs and a share of scans) dropped at once;
 * while the batch is read, a row of the list is clicked every second and timed in the page from
 * the click until the preview shows its name, and until its first page is drawn. Then the same
 * once the batch is done. With PROFILE=1 a CPU profile of the page during the batch (self time
 * printed; saved in /tmp/prof).
 *
 *   npx vite build --outDir dist-b && (npx vite preview --port 4191 --outDir dist-b &)
 *   THROTTLE=4 npx tsx test/bench/open-during-intake.mts http://127.0.0.1:4191 300
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromiumLaunch } from '../../playwright.config';
import { NAME_SHIM, openBukti, printSelfTime, type CpuProfile } from './browser';
import { DOCS_DIR } from './scale-corpus';

const [url = 'http://127.0.0.1:4191', nArg = '300'] = process.argv.slice(2);
const n = Number(nArg);
const throttle = Number(process.env.THROTTLE ?? 1);
const all = readdirSync(DOCS_DIR).filter((f) => f.endsWith('.pdf')).sort();
const scans = all.filter((f) => f.includes('scan')).slice(0, Math.round(n * 0.05));
const texts = all.filter((f) => !f.includes('scan')).slice(0, n - scans.length);
const files = [...texts, ...scans].map((f) => join(DOCS_DIR, f));

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN);
const sum = (xs: number[]) => ({ runs: xs.length, p50: Math.round(pct(xs, 0.5)), p95: Math.round(pct(xs, 0.95)), max: Math.round(Math.max(...xs)) });

/** Clicks the k-th row of the list; ms until the preview names it, and until its page is drawn. */
async function openOne(page: Page, k: number): Promise<{ named: number; drawn: number } | null> {
  return page.evaluate(async (k) => {
    // a row other than the open one (the list shows 7-10 at 1366 x 768)
    const rows = [...document.querySelectorAll<HTMLButtonElement>('button.doc-open:not([aria-current])')];
    if (rows.length < 2) return null;
    const row = rows[k % rows.length];
    const name = row.getAttribute('title');
    const until = (ok: () => boolean, limit: number) =>
      new Promise<boolean>((resolve) => {
        const t = performance.now();
        const tick = () => (ok() ? resolve(true) : performance.now() - t > limit ? resolve(false) : requestAnimationFrame(tick));
        tick();
      });
    const t = performance.now();
    row.click();
    const detail = () => document.querySelector('[data-testid="doc-detail"]');
    await until(() => detail()?.querySelector('h2')?.textContent === name, 30_000);
    const named = performance.now() - t;
    // drawn: DocPreview marks its canvas once the page is rendered (a new canvas for each document)
    await until(() => !!detail()?.querySelector<HTMLCanvasElement>('canvas.pdf-canvas[data-drawn]'), 30_000);
    return { named, drawn: performance.now() - t };
  }, k);
}

const intakeText = (page: Page) => page.evaluate(() => document.querySelector('[data-testid="intake-overall"]')?.textContent ?? '');
const done = (s: string) => /([\d.,]+) dari ([\d.,]+) selesai/.exec(s)?.slice(1).every((x) => Number(x.replace(/[.,]/g, '')) === files.length) ?? false;

const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'open-during-')), { ...chromiumLaunch, serviceWorkers: 'block', locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1366, height: 768 } });
await ctx.addInitScript(NAME_SHIM);
const page = await ctx.newPage();
await openBukti(page, url, 'Kota Buka');
const cdp = await ctx.newCDPSession(page);
if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
if (process.env.PROFILE) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
}
const t0 = Date.now();
await page.getByTestId('file-input').setInputFiles(files);
const during: { named: number; drawn: number }[] = [];
for (let k = 0; !done(await intakeText(page)); k++) {
  await page.waitForTimeout(1000);
  const r = await openOne(page, k);
  if (r) during.push(r);
}
const batchS = (Date.now() - t0) / 1000;
if (process.env.PROFILE) printSelfTime((await cdp.send('Profiler.stop')).profile as CpuProfile, 'open-during-intake', 30);
await page.waitForTimeout(5000);
const after: { named: number; drawn: number }[] = [];
for (let k = 0; k < 20; k++) {
  await page.waitForTimeout(500);
  const r = await openOne(page, k);
  if (r) after.push(r);
}
console.log(
  JSON.stringify({
    files: files.length,
    throttle,
    batchSeconds: Math.round(batchS),
    during: { named: sum(during.map((r) => r.named)), drawn: sum(during.map((r) => r.drawn)) },
    after: { named: sum(after.map((r) => r.named)), drawn: sum(after.map((r) => r.drawn)) },
  }),
);
await ctx.close();
