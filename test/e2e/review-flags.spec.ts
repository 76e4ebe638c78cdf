import { expect, newWorkspace, test, type Page } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';
import { AKTA, SRA, pdfFile as file } from '../fixtures/evidence/topics';

/**
 * The evaluator sees the misfile flags the city saw (the city's file carries its documents'
 * readings): marked on the question's row, listed by a filter, explained beside the document,
 * and, when the city dismissed one, with the city's reason. Without them an evaluator finds
 * "the question is in cluster 1 but the answer is in cluster 4" by reading every document.
 */
async function linkTo(page: Page, doc: string, code: string) {
  await page.locator(`.doc-row[data-doc="${doc}"]`).click();
  await page.getByLabel('Kode pertanyaan').fill(code);
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  await expect(page.getByTestId('doc-links')).toContainText(code);
}

test("Tinjauan shows the city's misfile flags: on the row, under a filter, beside the document, and the city's reason for a dismissed one", async ({ browser }) => {
  test.setTimeout(150_000);
  const cityCtx = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', acceptDownloads: true });
  await cityCtx.addInitScript(() => delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  const city = await cityCtx.newPage();
  await newWorkspace(city, 'Kota Telaah');
  await city.getByRole('link', { name: 'Bukti', exact: true }).click();
  await city.getByTestId('file-input').setInputFiles([file('laporan-sra.pdf', await textPdf({ lines: SRA })), file('rekap-akta.pdf', await textPdf({ lines: AKTA, seed: 5 }))]);
  await expect(city.getByTestId('intake-overall')).toHaveText('2 dari 2 selesai', { timeout: 60_000 });
  // the school report under birth certificates (cluster I): flagged, left open
  await linkTo(city, 'laporan-sra.pdf', '4.1');
  await expect(city.getByTestId('flag')).toContainText('indikator 19');
  // the birth-certificate figures under a school question: flagged, dismissed with a reason
  await linkTo(city, 'rekap-akta.pdf', '19.1');
  await city.getByRole('button', { name: 'Abaikan…' }).click();
  await city.getByLabel('Alasan').fill('Data akta dipakai untuk profil sekolah');
  await city.getByRole('button', { name: 'Abaikan tanda ini' }).click();
  await expect(city.getByTestId('flag-dismissed')).toContainText('Data akta dipakai untuk profil sekolah');

  await city.getByRole('link', { name: 'Berkas', exact: true }).click();
  const [dl] = await Promise.all([city.waitForEvent('download'), city.getByRole('button', { name: 'Ekspor berkas kota' }).click()]);
  await expect(city.getByTestId('export-done')).toContainText('Tersimpan dan terperiksa');
  const cityFile = (await dl.path())!;

  // ------------------------------------------------------------------ the evaluator's laptop
  const evalCtx = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const ev = await evalCtx.newPage();
  await ev.goto('/');
  await ev.getByTestId('open-file').setInputFiles(cityFile);
  await expect(ev.getByTestId('evaluator-mode')).toBeVisible();
  await ev.locator('[data-indicator="4"]').click();
  // the open flag marks its question's row; the dismissed one does not
  const row = ev.locator('.q-row[data-code="4.1"]');
  await expect(row.locator('[data-flag="misfiled"]')).toHaveText(/⚑ Salah klaster\?/);
  // the filter lists the flagged questions across clusters: 4.1 alone
  const filter = ev.getByLabel('Tampilkan');
  await expect(filter.locator('option[value="flagged"]')).toHaveText('Salah klaster/indikator? (1)');
  await filter.selectOption('flagged');
  await expect(ev.locator('.q-row')).toHaveCount(1);
  await expect(ev.locator('.q-row').first()).toHaveAttribute('data-code', '4.1');

  // beside the document: where its content seems to belong and the words that said so
  await row.click();
  const flag = ev.getByTestId('review-flag');
  await expect(flag).toHaveCount(1);
  await expect(flag).toHaveAttribute('data-suggested', '19');
  // it names the document it is about, and that document's line carries the mark (the sixth walk:
  // with two documents, the card read as being about whichever was open)
  await expect(flag).toContainText('Salah klaster? Isi laporan-sra.pdf tampaknya untuk Klaster IV, indikator 19');
  await expect(ev.locator('li').filter({ has: ev.getByRole('button', { name: 'laporan-sra.pdf' }) }).locator('[data-flag="misfiled"]')).toHaveText('⚑');
  await expect(flag).toContainText(/ramah anak/i);
  // nothing to act on here: moving evidence is the city's to do
  await expect(ev.getByRole('button', { name: /^Pindahkan ke/ })).toHaveCount(0);

  // the dismissed flag: no mark on the row, the city's reason beside the document
  await filter.selectOption('all');
  await ev.locator('[data-indicator="19"]').click();
  await expect(ev.locator('.q-row[data-code="19.1"] [data-flag="misfiled"]')).toHaveCount(0);
  await ev.locator('.q-row[data-code="19.1"]').click();
  await expect(ev.getByTestId('review-flag')).toContainText('Kota mengabaikan tanda ini: “Data akta dipakai untuk profil sekolah”.');
  await expect(ev.getByTestId('review-flag')).toHaveAttribute('data-suggested', '4');

  // in English too
  await ev.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(ev.getByTestId('review-flag')).toContainText('The city dismissed this flag');
  await cityCtx.close();
  await evalCtx.close();
});
