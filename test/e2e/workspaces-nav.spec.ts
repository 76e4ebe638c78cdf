/**
 * Ruang kerja always shows the list. The app opened on its bare address reopens the last
 * workspace; opened on a workspace's address (a bookmark, a reload, a new tab), the first click on
 * Ruang kerja bounced back to that workspace and only the second one stayed (the fourth walk,
 * 7 Dec 2026). Fails if the reopening fires on a later visit to the list again.
 */
import { expect, newWorkspace, test, type Page } from './fixtures';

/** Click Ruang kerja and see the list, and still the list a moment later (the bounce came after it drew). */
async function toList(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Ruang kerja', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Buat ruang kerja' })).toBeVisible();
  await page.waitForTimeout(1_000);
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('button', { name: 'Buat ruang kerja' })).toBeVisible();
}

test('the first click on Ruang kerja shows the list after a bookmark, a reload or a new tab; the bare address reopens the last workspace', async ({ context, page }) => {
  await newWorkspace(page, 'Kota Penanda');
  const wsUrl = page.url();

  // a bookmark of a workspace's screen, opened in a new tab
  const bookmark = await context.newPage();
  await bookmark.goto(`${wsUrl}/instrumen`);
  await expect(bookmark.getByTestId('total')).toBeVisible();
  await toList(bookmark);

  // a new tab on a workspace's screen, reloaded
  const reloaded = await context.newPage();
  await reloaded.goto(`${wsUrl}/bukti`);
  await expect(reloaded.getByTestId('total')).toBeVisible();
  await reloaded.reload();
  await expect(reloaded.getByTestId('total')).toBeVisible();
  await toList(reloaded);

  // the bare address in a new tab: the last workspace, as before; Ruang kerja from there shows the list
  const fresh = await context.newPage();
  await fresh.goto('/');
  await expect(fresh.locator('.ws-title')).toHaveText('Kota Penanda 2024');
  await toList(fresh);
});
