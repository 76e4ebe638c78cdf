import { expect, test, type Page } from './fixtures';

/**
 * A note edited a second time in one change (a paste, one key, a filled field) is saved: a save
 * scheduled for the first edit once took the second's turn and sent the older text, so the second
 * edit was lost without a word (found by the hub's browser test, 2 Dec 2026).
 */
const storedAnswers = (page: Page) =>
  page.evaluate(async () => {
    const open = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((ok) => (open.onsuccess = () => ok(open.result)));
    return new Promise<{ notes: string; points: number | null }[]>((ok) => {
      const q = db.transaction('answers').objectStore('answers').getAll();
      q.onsuccess = () => ok(q.result);
    });
  });
/** A new workspace for `city`, opened at the question `path` ("4/4.1"). */
async function openQuestion(page: Page, city: string, path: string) {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill(city);
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  await page.goto(`${page.url().replace(/\/$/, '')}/instrumen/${path}`);
}
const storedNotes = async (page: Page) => (await storedAnswers(page)).map((a) => a.notes);
const storedPoints = async (page: Page) => (await storedAnswers(page)).map((a) => a.points);

test('a second edit of an open note, made in one change, is saved', async ({ page }) => {
  await openQuestion(page, 'Kota Catatan', '4/4.1');
  const notes = page.getByLabel('Catatan petugas');
  await notes.fill('satu');
  await notes.press('Tab');
  await expect.poll(() => storedNotes(page)).toEqual(['satu']);
  // leaving the field
  await notes.fill('satu dua');
  await notes.press('Tab');
  await expect.poll(() => storedNotes(page)).toEqual(['satu dua']);
  // or pausing while still in it
  await notes.fill('satu dua tiga');
  await expect.poll(() => storedNotes(page)).toEqual(['satu dua tiga']);
  await page.reload();
  await expect(page.getByLabel('Catatan petugas')).toHaveValue('satu dua tiga');
});

/**
 * A score typed and left in the field is saved after a pause, as a note is: it was once saved
 * only on Enter or leaving the field, so a reload lost it without a word (an officer's walk,
 * 6 Dec 2026). Halfway through "2,5" nothing is saved and no error shows.
 */
test('a score typed and left in the field is saved after a pause', async ({ page }) => {
  await openQuestion(page, 'Kota Nilai', '1/1.1');
  const points = page.getByLabel(/Nilai diberikan/);
  await points.pressSequentially('2,');
  await page.waitForTimeout(1000);
  expect(await storedPoints(page)).toEqual([]);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await points.pressSequentially('5');
  await expect.poll(() => storedPoints(page)).toEqual([2.5]);
  await expect(points).toBeFocused();
  await page.reload();
  await expect(page.getByLabel(/Nilai diberikan/)).toHaveValue('2,5');
  // a score out of range is refused once the field is left, and the stored one stays
  const again = page.getByLabel(/Nilai diberikan/);
  await again.fill('999');
  await again.press('Tab');
  await expect(page.locator('#points-error')).toBeVisible();
  expect(await storedPoints(page)).toEqual([2.5]);
  // a button's score replaces the refused text and its error
  await page.getByRole('group', { name: 'Nilai' }).getByRole('button', { name: '6', exact: true }).click();
  await expect(again).toHaveValue('6');
  await expect(page.locator('#points-error')).toHaveCount(0);
  await expect.poll(() => storedPoints(page)).toEqual([6]);
  // tabbing through the field saves nothing; emptying it and leaving clears the score
  await again.focus();
  await again.press('Tab');
  expect(await storedPoints(page)).toEqual([6]);
  await again.fill('');
  await page.waitForTimeout(1000);
  expect(await storedPoints(page)).toEqual([6]);
  await again.press('Tab');
  await expect.poll(() => storedPoints(page)).toEqual([null]);
});
