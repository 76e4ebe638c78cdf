/**
 * An address that names no screen (a typo, an old bookmark) opens the workspace's Beranda with a
 * notice naming what was asked, in the officer's language, instead of a blank page. Fails if the
 * app loads a screen that does not exist (it crashed before any screen was drawn).
 */
import { expect, newWorkspace, test } from './fixtures';

test('a workspace address naming no screen opens Beranda and says so', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await newWorkspace(page, 'Kota Alamat');
  const home = page.url();

  // typed into the address bar and reloaded, as an officer would
  await page.goto(`${home}/salah-klaster`);
  await page.reload();
  await expect(page.getByTestId('page-missing')).toContainText('Tidak ada halaman “salah-klaster”');
  await expect(page.getByTestId('total')).toBeVisible();
  // the menu still works from there, and the notice goes with the bad address
  await page.getByRole('link', { name: 'Instrumen', exact: true }).click();
  await expect(page.locator('.q-row').first()).toBeVisible();
  await expect(page.getByTestId('page-missing')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a mistyped workspace address is not kept as the one to reopen: the bare address opens the last real workspace', async ({ page }) => {
  await newWorkspace(page, 'Kota Alamat');
  const home = page.url();
  // one character too many, arrived at from the workspace (the record of the last one still loaded)
  await page.goto(`${home}x`);
  await expect(page.getByText(/Ruang kerja ini tidak ditemukan/)).toBeVisible();
  await page.waitForTimeout(500);
  // a later start (a new tab) on the bare address
  const later = await page.context().newPage();
  await later.goto('/');
  await expect(later.getByTestId('total')).toBeVisible();
  expect(later.url()).toBe(home);
});
