/**
 * Development aid: the city export on a kept profile (test/bench/fill-profile.mts), timed from
 * the click: what the progress line says and when, and the longest gaps between frames (the page
 * held still). Copy the profile first; serve the build on the port it was filled at.
 *
 *   npx vite preview --host 127.0.0.1 --port 4199 --strictPort --outDir dist-b &
 *   cp -r ~/profile-5000 /tmp/p && npx tsx test/bench/export-freeze.mts http://127.0.0.1:4199 /tmp/p
 */
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
const [url, dir] = process.argv.slice(2);
const ctx = await chromium.launchPersistentContext(dir, { ...chromiumLaunch, serviceWorkers: 'block', locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1366, height: 768 }, acceptDownloads: true });
await ctx.addInitScript(() => {
  (globalThis as any).__name = (globalThis as any).__name || ((f: unknown) => f);
  delete (window as any).showSaveFilePicker;
  const w = window as any;
  w.gaps = [];
  let last = 0;
  const tick = (t: number) => {
    if (w.measuring && last) w.gaps.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  w.steps = [];
  document.addEventListener('click', () => { w.t0 = performance.now(); }, true);
  new MutationObserver(() => {
    const el = document.querySelector<HTMLElement>('[data-testid="export-progress"]');
    const txt = el?.textContent ?? '';
    if (el && w.steps.at(-1)?.[1] !== txt) w.steps.push([Math.round(performance.now() - w.t0), txt]);
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(url);
await page.waitForTimeout(3000);
if (!(await page.getByRole('link', { name: 'Berkas', exact: true }).isVisible())) await page.getByText(/Kabupaten Bench Skala/).first().click();
await page.getByRole('link', { name: 'Berkas', exact: true }).click();
const btn = page.getByRole('button', { name: 'Ekspor berkas kota' });
await page.waitForFunction(() => !document.querySelector('[data-testid="privacy-scanning"]'), null, { timeout: 120_000 });
await page.evaluate(() => { (window as any).t0 = performance.now(); (window as any).measuring = true; });
const t0 = Date.now();
const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), btn.click()]);
await page.getByTestId('export-done').waitFor({ timeout: 600_000 });
const r = await page.evaluate(() => { const w = window as any; w.measuring = false; const g = [...w.gaps].sort((a: number, b: number) => b - a); return { top: g.slice(0, 6).map(Math.round), over1s: g.filter((x: number) => x > 1000).length, steps: w.steps }; });
console.log(JSON.stringify({ totalS: (Date.now() - t0) / 1000, ...r }, null, 1));
await dl.delete();
await ctx.close();
