import { expect, test, type Page } from './fixtures';

/**
 * A note edited a second time in one change (a paste, one key, a filled field) is saved: a save
 * scheduled for the first edit once took the second's turn and sent the older text, so the second
 * edit was lost without a word (found by the hub's browser test, 2 Dec 2026).
 */
const storedNotes = (page: Page) =>
  page.evaluate(async () => {
    const open = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((ok) => (open.onsuccess = () => ok(open.result)));
    return new Promise<string[]>((ok) => {
      const q = db.transaction('answers').objectStore('answers').getAll();
      q.onsuccess = () => ok(q.result.map((a: { notes: string }) => a.notes));
    });
  });

test('a second edit of an open note, made in one change, is saved', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Catatan');
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  await page.goto(`${page.url().replace(/\/$/, '')}/instrumen/4/4.1`);
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
