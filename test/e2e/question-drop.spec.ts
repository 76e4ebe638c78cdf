/**
 * Files dropped on a question (its own drop area in Instrumen) say there how they went: stored
 * and linked to the question, or refused with the reason, in the officer's language. Before, a
 * refusal there was said only in Bukti's queue, and the question showed nothing. Fails if the
 * question's area stops showing a refusal or its reason.
 */
import { expect, newWorkspace, test } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';
import { AKTA, pdfFile as file } from '../fixtures/evidence/topics';

test("a question's drop area names each file dropped on it: linked, or refused and why", async ({ page }) => {
  test.setTimeout(90_000);
  await newWorkspace(page, 'Kota Jatuh');
  await page.goto(`${page.url()}/instrumen/4/4.1`);
  await expect(page.locator('#q-title')).toContainText('4.1');

  await expect(page.getByTestId('dropped-here')).toBeAttached(); // present before any file, so its first news is announced
  await page.getByTestId('file-input-question').setInputFiles([
    file('rekap-akta.pdf', await textPdf({ lines: AKTA, seed: 5 })),
    { name: 'kosong.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.alloc(0) },
    { name: 'arsip.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\x03\x04' + '\0'.repeat(60), 'binary') },
  ]);
  const here = page.getByTestId('dropped-here');
  await expect(here.locator('[data-name="rekap-akta.pdf"]')).toHaveAttribute('data-state', 'stored', { timeout: 60_000 });
  await expect(here.locator('[data-name="rekap-akta.pdf"]')).toContainText('ditautkan ke 4.1');
  for (const name of ['kosong.docx', 'arsip.zip']) {
    const row = here.locator(`[data-name="${name}"]`);
    await expect(row).toHaveAttribute('data-state', /rejected|failed/);
    await expect(row).toContainText(/Ditolak|Gagal/);
  }
  await expect(here.locator('[data-name="arsip.zip"]')).toContainText(/ekstrak|zip/i);
  await expect(here.locator('[data-name="kosong.docx"]')).toContainText('Berkas kosong (0 byte).');
  // the stored file is the question's evidence; the refused ones are not
  await expect(page.getByTestId('question-evidence').locator('[data-evidence]')).toHaveCount(1);

  // another workspace's 4.1 shows none of it (the queue is the tab's, the news is the workspace's)
  await newWorkspace(page, 'Kota Lain');
  await page.goto(`${page.url()}/instrumen/4/4.1`);
  await expect(page.locator('#q-title')).toContainText('4.1');
  await expect(page.getByTestId('dropped-here').locator('li')).toHaveCount(0);
  await expect(page.getByTestId('question-evidence').locator('[data-evidence]')).toHaveCount(0);
});
