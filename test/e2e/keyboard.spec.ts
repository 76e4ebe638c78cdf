/**
 * Keyboard traps and small slips (issue 13, point 3): choosing an agency with the arrow keys adds
 * nothing until Enter or the button; removing one can be undone; status and points that disagree are
 * said; jump-by-code takes codes as people type them. Fails if a select commits on change, the undo is missing or a form of code is
 * refused.
 */
import { expect, test, type Page } from './fixtures';

async function jump(page: Page, typed: string) {
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('g');
  await page.getByLabel('Lompat ke kode').fill(typed);
  await page.getByLabel('Lompat ke kode').press('Enter');
}

/** A new empty workspace, open on question 1.1 in Instrumen. */
async function onQuestion11(page: Page, city: string) {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill(city);
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  await page.getByRole('link', { name: 'Instrumen', exact: true }).click();
  await page.locator('[data-code="1.1"]').click();
}

test('agencies are added on Enter or the button only, a removal can be undone, and codes are read as typed', async ({ page }) => {
  test.setTimeout(90_000);
  await onQuestion11(page, 'Kota Papan Ketik');

  const chips = page.locator('.chips .chip');
  const before = await chips.count();
  const select = page.getByLabel('Perangkat daerah penanggung jawab', { exact: true });
  // arrow keys pass over names: nothing is added
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(500);
  await expect(chips).toHaveCount(before);
  const picked = await select.evaluate((s: HTMLSelectElement) => s.options[s.selectedIndex].text.split(' (')[0]);
  expect(picked).not.toMatch(/^\+/);
  // Enter adds the one chosen
  await page.keyboard.press('Enter');
  await expect(chips).toHaveCount(before + 1);
  await expect(chips.last()).toContainText(picked);
  // the button adds too
  await select.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Tambahkan', exact: true }).click();
  await expect(chips).toHaveCount(before + 2);

  // removing one says so, and Urungkan brings it back
  const names = await chips.allTextContents();
  await chips.last().getByRole('button').click();
  await expect(chips).toHaveCount(before + 1);
  await expect(page.getByTestId('toast')).toContainText('dilepas dari 1.1');
  await page.getByTestId('toast').getByRole('button', { name: 'Urungkan' }).click();
  await expect(chips).toHaveCount(before + 2);
  expect(await chips.allTextContents()).toEqual(names);

  // status and points never disagree silently
  await page.getByLabel('Siap', { exact: true }).check();
  await expect(page.getByTestId('disagreement')).toHaveAttribute('data-kind', 'ready-without-points');
  await expect(page.locator('[data-code="1.1"] [data-flag="disagree"]')).toBeVisible();
  const points = page.getByLabel(/Nilai diberikan/);
  await points.fill('1');
  await points.press('Enter');
  await expect(page.getByTestId('disagreement')).toHaveCount(0);
  await expect(page.locator('[data-code="1.1"] [data-flag="disagree"]')).toHaveCount(0);

  // codes as people type them
  await jump(page, 'indikator 19');
  await expect(page).toHaveURL(/instrumen\/19\/19\.1$/);
  await jump(page, '1,2f');
  await expect(page).toHaveURL(/instrumen\/1\/1\.2f$/);
  await jump(page, 'ind 21a');
  await expect(page).toHaveURL(/instrumen\/21A\/21A\.1$/);
});

test('the points buttons: keyboard focus never looks like the chosen value; a question worth 0 says "tanpa poin"', async ({ page }) => {
  test.setTimeout(90_000);
  await onQuestion11(page, 'Kota Fokus');

  const buttons = page.getByRole('group', { name: 'Nilai' });
  const chosen = buttons.getByRole('button', { name: '6', exact: true });
  await chosen.click();
  await expect(chosen).toHaveAttribute('aria-pressed', 'true');
  // Tab from the field to "0": focused from the keyboard, not chosen
  await page.getByLabel(/Nilai diberikan/).focus();
  await page.keyboard.press('Tab');
  const zero = buttons.getByRole('button', { name: '0', exact: true });
  await expect(zero).toBeFocused();
  await expect(zero).toHaveAttribute('aria-pressed', 'false');
  const look = (el: Element) => {
    const s = getComputedStyle(el);
    return { focus: el.matches(':focus-visible'), outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), outlineColor: s.outlineColor, background: s.backgroundColor, border: s.borderTopColor, mark: getComputedStyle(el, '::before').content };
  };
  const focused = await zero.evaluate(look);
  const picked = await chosen.evaluate(look);
  // the ring is there for the keyboard: at least 2 px, not hidden
  expect(focused.focus).toBe(true);
  expect(focused.outlineStyle).not.toBe('none');
  expect(focused.outlineWidth).toBeGreaterThanOrEqual(2);
  // and it is not the chosen look: not the chosen fill's colour, no fill, no tick
  expect(focused.outlineColor).not.toBe(picked.background);
  expect(focused.outlineColor).not.toBe(picked.border);
  expect(focused.background).not.toBe(picked.background);
  expect(focused.mark).toBe('none');
  // the chosen value is told by a tick too, not by colour alone (and the tick is not in its name)
  expect(picked.mark).toContain('✓');
  await expect(chosen).toHaveAccessibleName('6');

  // 26.17 carries no points: the list and the detail say so instead of "– / 0" and a row of zeros
  await jump(page, '26.17');
  await expect(page).toHaveURL(/instrumen\/26\/26\.17$/);
  await expect(page.locator('[data-code="26.17"] .q-points')).toHaveText('tanpa poin');
  await expect(page.getByTestId('no-points')).toBeVisible();
  await expect(page.getByLabel(/Nilai diberikan/)).toHaveCount(0);
  // ready without points is right for it: no disagreement
  await page.getByLabel('Siap', { exact: true }).check();
  await expect(page.locator('[data-code="26.17"] [data-flag="disagree"]')).toHaveCount(0);
  await expect(page.getByTestId('disagreement')).toHaveCount(0);
});
