/**
 * Screenshots for the README: `npx tsx test/bench/screenshots.ts` (builds if needed, serves the
 * production build, drives Chromium through a demo workspace with its sample documents, writes
 * docs/screenshots/*.png).
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { launch, NAME_SHIM, startPreview } from './browser';
import { ROOT } from './run';

const out = (name: string) => join(ROOT, 'docs', 'screenshots', name);
const DEMO_KLA = fileURLToPath(new URL('../fixtures/demo.kla', import.meta.url));
const server = await startPreview(4177);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta', serviceWorkers: 'block' });
  await context.addInitScript(NAME_SHIM);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Kabupaten/Kota').fill('Kota Serang');
  await page.getByLabel('Provinsi').fill('Banten');
  await page.getByLabel(/data contoh/).check();
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await page.getByTestId('home-total').waitFor();
  await page.screenshot({ path: out('beranda.png') });

  // the evidence list: the demo's documents read, with suggestions; then the bulk review
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.waitForFunction(() => /24 dari 24 selesai/.test(document.querySelector('[data-testid="intake-overall"]')?.textContent ?? ''), null, { timeout: 300_000 });
  await page.getByLabel('Tautan').selectOption('no');
  await page.locator('.doc-row').first().locator('.doc-open').click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: out('bukti.png') });
  await page.getByRole('button', { name: /Pilih semua yang belum ditautkan/ }).click();
  await page.getByRole('button', { name: 'Tautkan ke saran…' }).click();
  await page.getByTestId('bulk-review').waitFor();
  await page.screenshot({ path: out('bukti-saran.png') });
  await page.getByRole('button', { name: 'Batal' }).click();

  // a misfiled demo document, flagged on its question
  const ws = page.url().slice(0, page.url().indexOf('/bukti'));
  await page.goto(`${ws}/instrumen/4/4.1`);
  await page.getByTestId('question-flags').waitFor();
  await page.screenshot({ path: out('instrumen.png') });

  await page.getByRole('link', { name: 'Ringkasan' }).click();
  await page.getByTestId('summary-sheet').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out('ringkasan-layar.png'), fullPage: false });
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: out('ringkasan-cetak.png'), fullPage: false });
  await page.emulateMedia({ media: 'screen' });

  // 200 % zoom on a 1366 px laptop: the menu wraps, the indicator tree folds
  await page.setViewportSize({ width: 683, height: 820 });
  await page.goto(`${ws}/instrumen/19/19.1`);
  await page.locator('.q-row').first().waitFor();
  await page.screenshot({ path: out('sempit.png') });

  // the evaluator, reviewing with the keyboard
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.evaluate(() => localStorage.setItem('siap-kla.reviewer', 'Tim Provinsi Banten'));
  await page.goto(server.url);
  await page.getByTestId('open-file').setInputFiles(DEMO_KLA);
  await page.getByTestId('evaluator-mode').waitFor();
  for (const key of ['n', '1', 'n', '2']) await page.keyboard.press(key);
  await page.keyboard.type('Lampirkan SK yang sudah ditandatangani.');
  await page.waitForTimeout(300);
  await page.screenshot({ path: out('tinjauan.png') });
} finally {
  await browser.close();
  server.stop();
}
