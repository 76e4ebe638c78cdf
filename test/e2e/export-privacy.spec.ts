/**
 * The export's check for personal data at a kabupaten's size (the eighth walk: 827 documents, one
 * tick box each, no way to leave many out at once): the documents holding a NIK come first and
 * can be left out together, or all of them, or none again.
 */
import { expect, holdStore, newWorkspace, releaseStore, test } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';

const pdf = async (name: string, lines: string[], seed: number) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines, seed })) });

test('personal data found in several documents: those with a NIK first, left out together, all, or none again', async ({ page }) => {
  await newWorkspace(page, 'Kota Rahasia');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([
    await pdf('a-pendampingan.pdf', ['Laporan pendampingan', 'korban bernama Siti Aminah umur 12 tahun'], 1),
    await pdf('b-bap-korban.pdf', ['Berita acara pendampingan', 'korban Dewi Lestari umur 11 tahun', 'NIK 3273015203120004'], 2),
    await pdf('c-rujukan.pdf', ['Surat rujukan UPTD PPA', 'anak Budi Santoso umur 9 tahun', 'NIK 3273011504150002'], 3),
  ]);
  await expect(page.getByTestId('intake-overall')).toHaveText('3 dari 3 selesai', { timeout: 60_000 });
  // the check is held (its texts' store in a write of this test's own): the export waits for it,
  // said, and cannot be started before the warning can show (the ninth walk exported at 1.5 s)
  await holdStore(page, 'texts');
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const exportButton = page.getByRole('button', { name: 'Ekspor berkas kota' });
  await expect(page.getByTestId('privacy-scanning')).toContainText('Ekspor dapat dimulai setelah pemeriksaan selesai');
  await expect(exportButton).toBeDisabled();
  await page.waitForTimeout(1000);
  await expect(exportButton).toBeDisabled();
  await releaseStore(page);
  const privacy = page.getByTestId('privacy');
  await expect(privacy).toContainText('Data pribadi ditemukan di 3 dokumen');
  await expect(page.getByTestId('privacy-scanning')).toHaveCount(0);
  await expect(exportButton).toBeEnabled();
  // the two holding a NIK come first
  const names = await privacy.locator('.privacy-list label').allTextContents();
  expect(names.slice(0, 2).every((n) => /NIK/.test(n) && !/\(0 NIK/.test(n))).toBe(true);
  await privacy.getByRole('button', { name: 'Jangan sertakan semua yang memuat NIK (2)' }).click();
  await expect(page.getByLabel('Jangan sertakan b-bap-korban.pdf')).toBeChecked();
  await expect(page.getByLabel('Jangan sertakan c-rujukan.pdf')).toBeChecked();
  await expect(page.getByLabel('Jangan sertakan a-pendampingan.pdf')).not.toBeChecked();
  await expect(privacy).toContainText('2 tidak disertakan');
  await privacy.getByRole('button', { name: 'Sertakan semua lagi' }).click();
  await expect(page.getByLabel('Jangan sertakan b-bap-korban.pdf')).not.toBeChecked();
  await privacy.getByRole('button', { name: 'Jangan sertakan semuanya (3)' }).click();
  await expect(page.getByLabel('Jangan sertakan a-pendampingan.pdf')).toBeChecked();
  await expect(privacy).toContainText('3 tidak disertakan');
});
