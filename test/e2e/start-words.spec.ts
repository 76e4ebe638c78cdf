/**
 * A workspace opened on Beranda draws with the start-up words alone: the screens' words
 * (src/i18n/idScreens.ts, most of the dictionary) are not fetched until another screen opens, and
 * nothing on Beranda or in the menu asks for one of them (the fixture fails a test on the console
 * error that such a word raises). In English too. Fails if the shell or Beranda uses a screen's
 * word, or if the screens' words are loaded at start again; and if the JS loaded at start passes
 * its budget of 150 KB gzip (issue 2, docs/benchmarks.md).
 */
import { join } from 'node:path';
import { measureStartJs, START_BUDGET_KB } from '../bench/startJs';
import { expect, test, type Page } from './fixtures';

// every script from the server, none from the service worker's cache
test.use({ serviceWorkers: 'block' });

/** The scripts the page fetches from now on. */
function scripts(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

test('Beranda opens without the screens\' words; the first other screen brings them', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/#/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Kata');
  await page.getByLabel(/data contoh/).check();
  await page.getByLabel(/dokumen bukti contoh/).uncheck();
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('home-total')).toBeVisible();
  const home = page.url();

  // the budget the start-up bench reports (`npm run bench -- startup`), held here as well: the
  // bench is not run on every change, and the budget was missed twice without anyone seeing it
  const start = await measureStartJs(page.context(), home, join(process.cwd(), process.env.E2E_DIST ?? 'dist'));
  expect(start.totalKB, `JS at start, gzip KB:\n${start.files.map((f) => `${f.gzipKB} ${f.file}`).join('\n')}`).toBeLessThanOrEqual(START_BUDGET_KB);

  for (const lang of ['id', 'en'] as const) {
    await page.evaluate((l) => localStorage.setItem('siap-kla.lang', l), lang);
    // a new page of the same browser profile, its cache emptied: a cold start on Beranda
    const cold = await page.context().newPage();
    const cdp = await page.context().newCDPSession(cold);
    await cdp.send('Network.clearBrowserCache');
    const fetched = scripts(cold);
    await cold.goto(home);
    await expect(cold.getByTestId('home-total')).toBeVisible();
    await expect(cold.locator('.mainnav')).toContainText(lang === 'en' ? 'Evidence' : 'Bukti');
    await cold.waitForLoadState('networkidle');
    expect(fetched.filter((f) => /idScreens/.test(f)), `${lang}: screens' words fetched at start`).toEqual([]);

    await cold.locator('.mainnav').getByRole('link', { name: lang === 'en' ? 'Summary' : 'Ringkasan', exact: true }).click();
    await expect(cold.getByRole('heading', { name: lang === 'en' ? 'KLA Evaluation Readiness Summary' : 'Ringkasan Kesiapan Evaluasi KLA' })).toBeVisible();
    if (lang === 'id') expect(fetched.some((f) => /idScreens/.test(f)), "the screens' words come with the screen").toBe(true);
    await cold.close();
  }
});