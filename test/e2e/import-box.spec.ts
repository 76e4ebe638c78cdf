/**
 * Berkas' import box takes files for the workspace open there. Another city's file chosen in it
 * (the evaluator walk of 6 Dec 2026) silently became a workspace and the screen switched to it:
 * the officer could go on working in the wrong city. It is refused now, naming both, and nothing
 * changes. Fails if the box opens another workspace's file again.
 */
import { expect, newWorkspace, test } from './fixtures';

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
