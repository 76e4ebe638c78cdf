/**
 * Development aid: time one thing on a workspace kept by fill-profile.mts, with a CPU profile of
 * the page's main thread (self time by function, top 25; the profile in /tmp/prof/<what>.cpuprofile).
 *   npx tsx test/bench/try-profile.mts <app url> <profile dir> <workspace url> reload|search|export
 */
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
import { NAME_SHIM, printSelfTime } from './browser';

const [, , , dir, wsUrl, what] = process.argv;
const ctx = await chromium.launchPersistentContext(dir, { ...chromiumLaunch, serviceWorkers: 'block', acceptDownloads: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1280, height: 900 } });
await ctx.addInitScript(NAME_SHIM);
await ctx.addInitScript('delete window.showSaveFilePicker;');
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);

async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  const r = await run();
  const { profile } = await cdp.send('Profiler.stop');
  console.log(`${name}: ${Date.now() - t0} ms wall`);
  printSelfTime(profile, name);
  return r;
}

const LIST_READY = () => {
  const el = document.querySelector('[data-testid="doc-count"]');
  return !!el && Number((el.textContent || '').replace(/\D/g, '')) > 4000 && !!document.querySelector('[data-doc]') ? performance.now() : false;
};

await page.goto(`${wsUrl.replace(/#.*/, '')}${wsUrl.includes('#') ? '#' + wsUrl.split('#')[1].replace(/\/[^/]*$/, '/bukti') : ''}`);
await page.waitForFunction(LIST_READY, undefined, { timeout: 120_000, polling: 'raf' });
await page.waitForTimeout(4000);
if (what === 'reload') {
  for (let i = 0; i < 3; i++) {
    await profiled(`reload${i}`, async () => {
      await page.reload();
      const h = await page.waitForFunction(LIST_READY, undefined, { timeout: 120_000, polling: 'raf' });
      console.log('  ready at', Math.round((await h.jsonValue()) as number), 'ms from navigation start');
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`).join(' '));
      if (marks) console.log('  marks', marks);
    });
    await page.waitForTimeout(3000);
  }
} else if (what === 'search') {
  await page.waitForTimeout(5000);
  for (const q of ['anak', '"forum anak"', 'perlindu', 'zyxwvutqrs', 'anak', '"forum anak"']) {
    await profiled(`search-${q.replace(/\W/g, '')}`, () =>
      page.evaluate(async (q) => {
        const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
        const count = document.querySelector('[data-testid="doc-count"]')!;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const until = (ok: () => boolean) => new Promise<void>((res) => { const tick = () => (ok() ? res() : requestAnimationFrame(tick)); tick(); });
        setter.call(input, '');
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await until(() => count.getAttribute('data-query') === '');
        await new Promise((r) => setTimeout(r, 200));
        const t = performance.now();
        setter.call(input, q);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await until(() => count.getAttribute('data-query') === q);
        console.log(q, performance.now() - t);
        return performance.now() - t;
      }, q).then((ms) => console.log('  in page', Math.round(ms), 'ms')),
    );
  }
} else if (what === 'export') {
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const button = page.getByRole('button', { name: 'Ekspor berkas kota' });
  await button.waitFor();
  await page.waitForTimeout(2000);
  await profiled('export', async () => {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 1_800_000 }), button.click()]);
    await d.saveAs('/tmp/prof/export.kla');
  });
}
await ctx.close();
