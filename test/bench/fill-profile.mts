/**
 * Development aid: pour the first N documents of the scale corpus into a Chromium profile folder
 * and keep it, so search, reloads and export can be tried again and again on a city-sized
 * workspace without a new intake. Copy the folder before a run that changes it. IndexedDB belongs
 * to the origin: serve the app on the port the profile was filled at (the kept profile-5000 was
 * filled at 4190, profile-1000 at 4191), or the workspace list is empty.
 *
 *   npx vite build --outDir dist-b && (npx vite preview --port 4191 --outDir dist-b &)
 *   npx tsx test/bench/fill-profile.mts http://127.0.0.1:4191 ~/.cache/siap-kla/profile-5000 5000
 */
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
import { NAME_SHIM, openBukti } from './browser';
import { ensureCorpus } from './scale-corpus';

const [url, dir, n = '5000'] = process.argv.slice(2);
const { docs } = await ensureCorpus(Number(n));
const ctx = await chromium.launchPersistentContext(dir, { ...chromiumLaunch, serviceWorkers: 'block', locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1280, height: 900 } });
await ctx.addInitScript(NAME_SHIM);
const page = await ctx.newPage();
await openBukti(page, url, 'Kabupaten Bench Skala');
const order = [docs.filter((d) => d.kind === 'pdf'), docs.filter((d) => ['docx', 'xlsx', 'photo'].includes(d.kind)), docs.filter((d) => d.kind === 'scan')];
for (const batch of order) {
  const clear = page.getByRole('button', { name: 'Bersihkan daftar' });
  if (await clear.isVisible().catch(() => false)) await clear.click();
  const t0 = Date.now();
  for (let k = 0; k < batch.length; k += 500) await page.getByTestId('file-input').setInputFiles(batch.slice(k, k + 500).map((d) => d.path));
  await page.waitForFunction((k) => (document.querySelector('[data-testid="intake-overall"]')?.textContent ?? '').replace(/\D/g, '') === `${k}${k}`, batch.length, { timeout: 3_600_000, polling: 1000 });
  console.error(`${batch.length} files in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
await page.waitForTimeout(10_000); // the search index catches up
console.log(page.url());
await ctx.close();
