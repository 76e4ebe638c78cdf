/**
 * Development aid: misspelt searches on a kept profile (fill-profile.mts; 4190 for profile-5000):
 * the time from typing until the list answers that query, the count, and the "Maksud Anda" offer
 * (a query that finds nothing is corrected in the search worker: domain/evidence/spelling.ts).
 *
 *   cp -a ~/.cache/siap-kla/profile-5000 /tmp/prof5k && (npx vite preview --port 4190 --strictPort &)
 *   npx tsx test/bench/typo-search.mts http://127.0.0.1:4190 /tmp/prof5k
 */
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
const [url, dir] = process.argv.slice(2);
const ctx = await chromium.launchPersistentContext(dir, { ...chromiumLaunch, serviceWorkers: 'block', locale: 'id-ID', viewport: { width: 1366, height: 768 } });
const page = await ctx.newPage();
await page.goto(url);
await page.getByRole('link', { name: 'Bukti', exact: true }).click();
await page.getByTestId('doc-count').waitFor();
await page.waitForTimeout(15000);
const search = page.getByLabel('Cari isi dokumen');
for (const q of ['kesejahtraan', 'imunisassi', 'posyandu', 'kelahran', '"forum anek"', 'perlindungn anak', 'kesejahtraan', 'imunisassi']) {
  await search.fill('');
  await page.waitForTimeout(300);
  const t0 = Date.now();
  await search.fill(q);
  await page.waitForFunction((q) => document.querySelector('[data-testid=doc-count]')?.getAttribute('data-query') === q, q, { timeout: 30000, polling: 'raf' });
  const ms = Date.now() - t0;
  const offer = await page.getByTestId('did-you-mean').textContent().catch(() => null);
  console.log(JSON.stringify({ q, ms, count: await page.getByTestId('doc-count').textContent(), offer: (await page.getByTestId('did-you-mean').count()) ? offer : null }));
}
await ctx.close();
