/**
 * Development aid: why search is slower in the scale bench than on a kept profile. Takes N text
 * PDFs of the scale corpus into a fresh profile, then times 8 of the bench's queries (as the
 * bench times them) three ways: in the same page right after the intake, after a garbage
 * collection in the page and every worker (Chromium started with --expose-gc), and after a reload.
 * 1 Dec 2026, 2,000 documents: p95 44-64 ms / 54 ms / 26-28 ms.
 *   npx vite build --outDir dist-b && (npx vite preview --port 4191 --outDir dist-b &)
 *   npx tsx test/bench/search-after-intake.mts 2000
 */
import { chromium } from '@playwright/test';
import { readdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromiumLaunch } from '../../playwright.config';
import { NAME_SHIM, openBukti } from './browser';
const n = Number(process.argv[2] ?? 2000);
const corpus = join(process.env.HOME!, '.cache/siap-kla/scale-v1/docs');
const files = readdirSync(corpus).filter((f) => f.endsWith('.pdf') && !f.includes('scan')).sort().slice(0, n).map((f) => join(corpus, f));
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'same-')), { ...chromiumLaunch, args: [...(chromiumLaunch.args ?? []), '--js-flags=--expose-gc'], serviceWorkers: 'block' });
await ctx.addInitScript(NAME_SHIM);
const page = await ctx.newPage();
await openBukti(page, 'http://127.0.0.1:4191', 'Kota Same');
for (let k = 0; k < files.length; k += 500) await page.getByTestId('file-input').setInputFiles(files.slice(k, k + 500));
await page.waitForFunction((k) => (document.querySelector('[data-testid="intake-overall"]')?.textContent ?? '').replace(/\D/g, '') === `${k}${k}`, files.length, { timeout: 1_800_000, polling: 1000 });
await page.getByRole('button', { name: 'Bersihkan daftar' }).click();
await page.waitForTimeout(8000);
const qs = ['anak', 'kesehatan', '"forum anak"', 'perlindu', 'imunisa', 'sekolah ramah kecamatan', 'ZX-4471-KLA', 'zyxwvutqrs'];
async function bench(label: string) {
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  const all: number[] = [];
  for (const q of qs) for (let k = 0; k < 6; k++) {
    const ms = await page.evaluate(async (q) => {
      const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
      const count = document.querySelector('[data-testid="doc-count"]')!;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const until = (ok: () => boolean) => new Promise<void>((res) => { const tick = () => (ok() ? res() : requestAnimationFrame(tick)); tick(); });
      setter.call(input, ''); input.dispatchEvent(new Event('input', { bubbles: true }));
      await until(() => count.getAttribute('data-query') === '');
      await new Promise((r) => setTimeout(r, 60));
      const t = performance.now();
      setter.call(input, q); input.dispatchEvent(new Event('input', { bubbles: true }));
      await until(() => count.getAttribute('data-query') === q);
      return performance.now() - t;
    }, q);
    if (k) all.push(ms);
  }
  const m = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = m.find((x) => x.name === 'JSHeapUsedSize')!.value / 1e6;
  all.sort((a, b) => a - b);
  console.log(label, 'p50', all[Math.floor(all.length / 2)].toFixed(1), 'p95', all[Math.ceil(all.length * 0.95) - 1].toFixed(1), 'JS heap MB', heap.toFixed(0));
}
await bench('same page after intake');
for (const w of page.workers()) {
  const u = w.url();
  const r = await w.evaluate(() => { const g = (globalThis as any).gc; if (g) { g(); return 'gc'; } return 'no gc'; }).catch((e) => String(e).slice(0, 80));
  console.log('worker', u.split('/').pop(), r);
}
await page.evaluate(() => (globalThis as any).gc?.());
await page.waitForTimeout(1000);
await bench('same page after GC in every worker');
await page.reload();
await page.waitForTimeout(8000);
await bench('after a reload');
await ctx.close();
