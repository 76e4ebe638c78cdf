/**
 * Berkas' import box takes files for the workspace open there. Another city's file chosen in it
 * (the evaluator walk of 6 Dec 2026) silently became a workspace and the screen switched to it:
 * the officer could go on working in the wrong city. It is refused now, naming both, and nothing
 * changes. Fails if the box opens another workspace's file again.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, newWorkspace, test } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';
import { writeCityExchange, writeCityFile } from './cityFiles';

test("another city's file in this city's import box is refused, naming both; the screen stays", async ({ browser }) => {
  test.setTimeout(120_000);
  const ctx = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', acceptDownloads: true });
  await ctx.addInitScript(() => delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  const page = await ctx.newPage();

  await newWorkspace(page, 'Kota Sebelah');
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor berkas kota' }).click()]);
  await expect(page.getByTestId('export-done')).toContainText('Tersimpan dan terperiksa');
  const otherFile = (await dl.path())!;

  await newWorkspace(page, 'Kota Peraga');
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const here = page.url();
  await page.getByTestId('import-file').setInputFiles(otherFile);
  const refusal = page.getByTestId('exchange-problems');
  await expect(refusal.locator('[data-problem="other-workspace"]')).toHaveText(
    'Berkas ini milik Kota Sebelah 2024, bukan Kota Peraga 2024 yang sedang terbuka. Di sini hanya berkas untuk Kota Peraga 2024; berkas ruang kerja lain dibuka dari daftar Ruang kerja.',
  );
  await expect(refusal).toContainText('Tidak ada data yang berubah.');
  expect(page.url()).toBe(here);
  await expect(page.locator('.ws-title')).toHaveText('Kota Peraga 2024');
  // nothing was made or changed: the list still holds the two workspaces
  await page.goto('/#/');
  await expect(page.locator('.ws-list li')).toHaveCount(2);
  await ctx.close();
});

/**
 * The fourth walk (7 Dec 2026) chose a PDF renamed `.kla` after a response: the refusal sat above
 * the response's result and its "tanpa kata sandi" warning, as if the PDF were an unsealed
 * `.kla`. Each file shows only its own outcome now. Fails if a result outlives the next file.
 */
test('each file in the import box shows only its own outcome: a refusal after a response shows no result or seal warning', async ({ page }) => {
  test.setTimeout(90_000);
  const files = await writeCityExchange(mkdtempSync(join(tmpdir(), 'kla-box-')), 'Kota Kotak', { '4.1': 'Lampirkan data akta per kecamatan' }, { id: 'disdukcapil', name: 'Disdukcapil' });
  await page.goto('/');
  await page.getByLabel('Kota: pulihkan ruang kerja dari cadangan').check();
  await page.getByTestId('open-file').setInputFiles(files.cityFile);
  await expect(page.getByTestId('total')).toBeVisible();
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const box = page.getByTestId('import-file');
  const result = page.getByTestId('import-result');
  const seal = page.getByTestId('seal-status');

  await box.setInputFiles(files.response);
  await expect(result).toContainText('1 catatan baru');
  await expect(seal).toHaveText('Berkas ini tanpa kata sandi: pemeriksaannya hanya mendeteksi kerusakan, bukan perubahan yang disengaja. Bila ragu, tanyakan pengirimnya.');

  const pdf = Buffer.from(await textPdf({ lines: ['LAPORAN DISPORA 2024'], seed: 3 }));
  await box.setInputFiles({ name: 'laporan-dispora.kla', mimeType: 'application/octet-stream', buffer: pdf });
  await expect(page.getByTestId('exchange-problems').locator('[data-problem="not-exchange-file"]')).toBeVisible();
  await expect(result).toHaveCount(0);
  await expect(seal).toHaveCount(0);

  // the response again: its own outcome, and no refusal left from the PDF
  await box.setInputFiles(files.response);
  await expect(result).toContainText('0 catatan baru, 1 sudah ada');
  await expect(page.getByTestId('exchange-problems')).toHaveCount(0);
});

/** A 236-character name (the fourth walk) ran past the import card; it wraps inside it now. */
test('a long file name stays inside the import card: in the box, its refusal and its passphrase prompt', async ({ page }) => {
  await newWorkspace(page, 'Kota Panjang');
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const box = page.getByTestId('import-file');
  const card = page.locator('section.card').filter({ has: box });
  // nothing drawn past the element's own width (its text, or a child's)
  const fits = (l: typeof card) => l.evaluate((e) => e.scrollWidth <= e.clientWidth);
  const long = `tanggapan-dispora-kota-panjang-2024-revisi-final-benar-benar-final-${'x'.repeat(165)}.kla`;
  expect(long).toHaveLength(236);

  await box.setInputFiles({ name: long, mimeType: 'application/octet-stream', buffer: Buffer.from(await textPdf({ lines: ['LAPORAN'], seed: 4 })) });
  const refusal = page.getByTestId('exchange-problems');
  await expect(refusal).toContainText(`Berkas ${long} ditolak.`);
  await expect(card.getByText(long, { exact: true })).toBeVisible();
  expect(await fits(refusal)).toBe(true);
  expect(await fits(card)).toBe(true);

  const dir = mkdtempSync(join(tmpdir(), 'kla-long-'));
  await writeCityFile(join(dir, 'kota.kla'), 'Kota Panjang', 'Banten', {}, 'kata-sandi-panjang');
  await box.setInputFiles({ name: long, mimeType: 'application/octet-stream', buffer: readFileSync(join(dir, 'kota.kla')) });
  await expect(card.getByText(`Kata sandi untuk ${long}`)).toBeVisible();
  expect(await fits(card)).toBe(true);
});
