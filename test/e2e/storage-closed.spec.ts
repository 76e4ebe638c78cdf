/**
 * The browser closing the app's database under it (Chromium does it when its storage fails, most
 * often on a full disk: CI, 7 Dec 2026, quota.spec lost the intake's screen to "AbortError: The
 * connection was closed"). Here Chromium's own "Force close" (chrome://indexeddb-internals) closes
 * every connection of the origin, the page's and the workers'. The officer is told when, in WIB;
 * no screen falls to an error; the next file is stored (Dexie opens the database again, in the
 * page and in the reader) and found; after a reload everything is there.
 */
import { expect, newWorkspace, test } from './fixtures';

const text = (name: string, body: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(body) });

test('the database closed by the browser: said once with its time, the screens go on, the next file is stored, nothing is lost', async ({ page, context }) => {
  await newWorkspace(page, 'Kota Tutup');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([text('notulen forum anak.txt', 'Notulen rapat forum anak kota. '.repeat(30))]);
  await expect(page.getByTestId('doc-count')).toHaveText('1 dokumen');
  await expect(page.getByTestId('storage-closed')).toHaveCount(0);

  const internals = await context.newPage();
  await internals.goto('chrome://indexeddb-internals');
  const bucket = internals.locator('.indexeddb-origin', { hasText: new URL(page.url()).origin }).locator('indexeddb-bucket');
  await expect(bucket.locator('.connection-count').first()).not.toHaveText(/^\s*0\s*$/);
  await bucket.locator('.control.force-close').click();
  await internals.close();

  const notice = page.getByTestId('storage-closed');
  await expect(notice).toContainText(/Pada \d+ \S+ 20\d\d,? \d\d[.:]\d\d WIB peramban menutup penyimpanan aplikasi sesaat/);
  await expect(page.getByTestId('error-boundary')).toHaveCount(0);

  // the next file goes through the reader's reopened connection; the list and search the page's
  await page.getByTestId('file-input').setInputFiles([text('akta kelahiran.txt', 'Rekap akta kelahiran anak per kecamatan. '.repeat(30))]);
  await expect(page.getByTestId('doc-count')).toHaveText('2 dokumen');
  await expect(page.locator('.intake-item[data-state="stored"]')).toHaveCount(2);
  // a word only its text holds (a name match would show it without the index)
  await page.getByRole('searchbox', { name: 'Cari isi dokumen' }).fill('kecamatan');
  await expect(page.locator('.doc-row[data-doc="akta kelahiran.txt"]')).toBeVisible();
  await page.getByRole('link', { name: 'Instrumen', exact: true }).click();
  await expect(page.getByTestId('error-boundary')).toHaveCount(0);

  // dismissed, it stays away; a reload finds both files
  await notice.getByRole('button', { name: 'Tutup' }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await expect(page.getByTestId('doc-count')).toHaveText('2 dokumen');
});
