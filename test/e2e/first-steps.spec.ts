/**
 * A new city workspace opens on "Mulai dari sini": four steps that tick themselves from what the
 * workspace holds (a document, a link, a grade, a backup), each a link to its screen. Hidden by
 * the officer it stays hidden for that workspace alone. Fails if a step stops following the
 * workspace, or the card stops going when hidden.
 */
import { expect, newWorkspace, test, typeLink } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';
import { AKTA, pdfFile as file } from '../fixtures/evidence/topics';

test('a new workspace starts with four steps that tick themselves and can be hidden', async ({ page }) => {
  test.setTimeout(120_000);
  // no native save dialog in a test: the export falls back to a checked download
  await page.addInitScript(() => delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  await newWorkspace(page, 'Kota Awal');
  const home = page.url();
  const steps = page.getByTestId('first-steps');
  const step = (id: string) => steps.locator(`[data-step="${id}"]`);
  await expect(steps.getByRole('heading', { name: 'Mulai dari sini' })).toBeVisible();
  await expect(page.getByTestId('first-steps-count')).toHaveText('0 dari 4 langkah selesai');
  await expect(step('add')).toHaveAttribute('data-done', 'false');

  // the first step's link opens Bukti; a stored file ticks it
  await step('add').getByRole('link').click();
  await expect(page.getByTestId('file-input')).toBeAttached();
  await page.getByTestId('file-input').setInputFiles([file('rekap-akta.pdf', await textPdf({ lines: AKTA, seed: 3 }))]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  await page.goto(home);
  await expect(step('add')).toHaveAttribute('data-done', 'true');
  await expect(step('link')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('first-steps-count')).toHaveText('1 dari 4 langkah selesai');

  // linked, then graded: two more
  await step('link').getByRole('link').click();
  await page.locator('.doc-row[data-doc="rekap-akta.pdf"]').click();
  await typeLink(page, '4.1');
  await expect(page.getByTestId('doc-links')).toContainText('4.1');
  await page.goto(home);
  await expect(step('link')).toHaveAttribute('data-done', 'true');
  await step('grade').getByRole('link').click();
  await page.goto(`${home}/instrumen/4/4.1`);
  await page.getByLabel(/Nilai diberikan/).fill('1');
  await page.getByLabel(/Nilai diberikan/).press('Enter');
  await expect(page.getByTestId('total')).toHaveText('1');
  await page.goto(home);
  await expect(step('grade')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('first-steps-count')).toHaveText('3 dari 4 langkah selesai');
  await expect(step('backup').getByRole('link')).toHaveAttribute('href', /\/berkas$/);

  // in English too
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(steps.getByRole('heading', { name: 'Start here' })).toBeVisible();
  await expect(page.getByTestId('first-steps-count')).toHaveText('3 of 4 steps done');
  await page.getByRole('button', { name: 'ID', exact: true }).click();

  // backed up (the city's file exported and checked): all four done, the card goes
  await step('backup').getByRole('link').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor berkas kota' }).click()]);
  await expect(page.getByTestId('export-done')).toContainText('Tersimpan dan terperiksa');
  expect(await dl.path()).toBeTruthy();
  await page.goto(home);
  await expect(page.getByTestId('home-total')).toBeVisible();
  await expect(page.locator('.home h1')).toContainText('Kota Awal');
  await expect(steps).toHaveCount(0);

  // hidden: gone after a reload too, for that workspace alone; the focus goes to the page's heading
  await newWorkspace(page, 'Kota Lain');
  await expect(page.getByTestId('first-steps-count')).toHaveText('0 dari 4 langkah selesai');
  await steps.getByRole('button', { name: 'Sembunyikan langkah ini' }).click();
  await expect(steps).toHaveCount(0);
  await expect(page.locator('.home h1')).toBeFocused();
  await page.reload();
  await expect(page.getByTestId('home-total')).toBeVisible();
  await expect(steps).toHaveCount(0);
  await newWorkspace(page, 'Kota Ketiga');
  await expect(page.getByTestId('first-steps-count')).toHaveText('0 dari 4 langkah selesai');
});
