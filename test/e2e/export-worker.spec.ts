/**
 * The export deflates the texts part in a worker (src/shared/deflateWorker.ts). A worker that
 * cannot start must not leave the export hanging: it deflates in the page instead, and the file
 * still verifies and opens.
 */
import { expect, test } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';

const pdf = async (name: string, lines: string[], seed: number) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines, seed })) });

test('an export whose deflate worker cannot start deflates in the page, and the file opens with its documents', async ({ browser }) => {
  test.setTimeout(120_000);
  const ctx = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', acceptDownloads: true, serviceWorkers: 'block' });
  await ctx.addInitScript(() => delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  let blocked = 0;
  await ctx.route(/deflate\.worker[^/]*\.js/, (route) => (blocked++, route.abort()));
  const page = await ctx.newPage();
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Pekerja');
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([await pdf('perda-kla-pekerja.pdf', ['PERATURAN DAERAH KOTA PEKERJA', 'tentang Kota Layak Anak'], 5)]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });

  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor berkas kota' }).click()]);
  await expect(page.getByTestId('export-done')).toContainText('Tersimpan dan terperiksa');
  expect(blocked).toBeGreaterThan(0); // the worker was asked for, and refused

  const other = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const p2 = await other.newPage();
  await p2.goto('/');
  await p2.getByLabel(/Kota: pulihkan ruang kerja/).check();
  await p2.getByTestId('open-file').setInputFiles((await dl.path())!);
  await p2.getByRole('link', { name: 'Bukti', exact: true }).click();
  await expect(p2.getByTestId('doc-count')).toHaveText('1 dokumen', { timeout: 30_000 });
  await other.close();
  await ctx.close();
});
