import { expect, newWorkspace, test } from './fixtures';
import type { Page } from './fixtures';

/**
 * What the fourth walk found in Mode OPD (Dispora's pack: 1.2t, 1.3x and 6.5), and the doubled
 * warning icon it saw there: `.warn` and `.error` draw their ⚠ in CSS, so the text must not.
 */

/** What a reader sees of each warning or error on the page: its CSS icon (::before) and its text. */
async function warningsSeen(page: Page): Promise<string[]> {
  return page.locator('.warn, .error').evaluateAll((els) =>
    els.map((el) => {
      const before = getComputedStyle(el, '::before').content;
      return (before === 'none' || before === 'normal' ? '' : before.replace(/^"|"$/g, '')) + (el.textContent ?? '');
    }),
  );
}

test('a warning shows its icon once', async ({ page }) => {
  await newWorkspace(page, 'Kota Ikon');
  await page.goto(`${page.url().replace(/\/$/, '')}/instrumen/6/6.5`);
  await page.getByLabel('Siap', { exact: true }).check();
  await expect(page.getByTestId('disagreement')).toBeVisible();
  const seen = await warningsSeen(page);
  expect(seen.length).toBeGreaterThan(0);
  for (const text of seen) expect(text.match(/⚠/g)?.length ?? 0, text).toBe(1);
});
