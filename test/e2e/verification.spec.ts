import { expect, test, type BrowserContext, type Page } from './fixtures';
import { readFileSync } from 'node:fs';
import { textPdf } from '../fixtures/evidence/generate';

/**
 * The whole field-verification loop, with two browser profiles and Playwright's clock:
 * the city exports, the evaluator opens the file in a fresh profile and reviews OFFLINE, exports a
 * response; the city imports it, the 48-hour countdown runs from the time of the notes, warnings
 * appear at 24 h, 6 h and 1 h, editing stops at the deadline; the evaluator opens the revised file
 * and sees only what changed.
 */
const H = 3600_000;
const T0 = Date.parse('2026-12-14T01:00:00Z'); // Senin 14 Des 2026 08.00 WIB

const pdf = async (name: string, lines: string[], seed = 1) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines, seed })) });

async function newProfile(browser: import('@playwright/test').Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', acceptDownloads: true });
  // no native save dialog in a test: the app falls back to a verified download
  await ctx.addInitScript(() => {
    delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  return ctx;
}

async function controlledBySw(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

async function exportFile(page: Page, button: string, name?: RegExp): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  await expect(page.getByTestId('export-done')).toContainText('Tersimpan dan terperiksa');
  if (name) expect(dl.suggestedFilename()).toMatch(name);
  return (await dl.path())!;
}

async function setPoints(page: Page, value: string) {
  const input = page.getByLabel(/Nilai diberikan/);
  await input.fill(value);
  await input.press('Enter');
}

test('city -> evaluator (offline) -> city revision countdown -> evaluator sees only what changed', async ({ browser }) => {
  test.setTimeout(240_000);
  // ---------------------------------------------------------------- the city prepares and exports
  const cityCtx = await newProfile(browser);
  const city = await cityCtx.newPage();
  await city.clock.install({ time: T0 });
  await city.goto('/');
  await city.getByLabel('Kabupaten/Kota').fill('Kota Lingkar');
  await city.getByLabel('Provinsi').fill('Banten');
  await city.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(city.getByTestId('total')).toHaveText('0');
  const wsUrl = city.url();

  await city.getByRole('link', { name: 'Bukti', exact: true }).click();
  await city.getByTestId('file-input').setInputFiles([
    await pdf('perda-kla.pdf', ['PERATURAN DAERAH KOTA LINGKAR', 'tentang Penyelenggaraan Kota Layak Anak'], 1),
    await pdf('bap-korban.pdf', ['Berita acara pendampingan', 'korban Siti Aminah umur 12 tahun', 'NIK 3273015203120004'], 2),
  ]);
  await expect(city.getByTestId('intake-overall')).toHaveText('2 dari 2 selesai', { timeout: 60_000 });
  for (const [doc, code] of [
    ['perda-kla.pdf', '1.1'],
    ['bap-korban.pdf', '21B.1'],
  ]) {
    await city.locator(`.doc-row[data-doc="${doc}"]`).click();
    await city.getByLabel('Kode pertanyaan').fill(code);
    await city.getByRole('button', { name: 'Tautkan', exact: true }).click();
    await expect(city.getByTestId('doc-links')).toContainText(code);
  }
  await city.goto(`${wsUrl}/instrumen/1/1.1`);
  await setPoints(city, '12');
  await city.goto(`${wsUrl}/instrumen/2/2.1`);
  await setPoints(city, '3');
  await expect(city.getByTestId('total')).toHaveText('15');

  await city.getByRole('link', { name: 'Berkas', exact: true }).click();
  // personal data found before export; the officer leaves that document out
  await expect(city.getByTestId('privacy')).toContainText('bap-korban.pdf');
  await city.getByLabel('Jangan sertakan bap-korban.pdf').check();
  await city.getByLabel('Kata sandi (opsional)').fill('lingkar-aman');
  await city.getByLabel('Ulangi kata sandi').fill('lingkar-aman');
  // the name says whose, that it is protected, and when in WIB (the page's clock: 08.0x WIB)
  const cityFile = await exportFile(city, 'Ekspor berkas kota', /^kota-lingkar-terlindungi-2024-20261214-080\d{3}-wib\.kla$/);
  expect(readFileSync(cityFile).toString('latin1')).not.toContain('perda-kla.pdf'); // names only inside encrypted parts

  // ------------------------------------------------- the evaluator, on another laptop, offline
  const evalCtx = await newProfile(browser);
  const ev = await evalCtx.newPage();
  await ev.clock.install({ time: T0 + 2 * H });
  await ev.goto('/');
  await controlledBySw(ev);
  await evalCtx.setOffline(true);
  await ev.getByTestId('open-file').setInputFiles(cityFile);
  await ev.getByLabel(/Kata sandi untuk/).fill('salah');
  await ev.getByRole('button', { name: 'Buka', exact: true }).click();
  await expect(ev.getByTestId('exchange-problems')).toContainText('Kata sandi salah');
  // asked again, the file still chosen: no need to pick it a second time
  await expect(ev.getByLabel(/Kata sandi untuk/)).toBeFocused();
  await ev.getByLabel(/Kata sandi untuk/).fill('lingkar-aman');
  await ev.getByRole('button', { name: 'Buka', exact: true }).click();
  await expect(ev.getByTestId('evaluator-mode')).toBeVisible();
  await expect(ev.getByTestId('review-progress')).toContainText('0 dari 274');
  // the left-out document never reached the evaluator
  await ev.getByRole('link', { name: 'Bukti', exact: true }).click();
  await expect(ev.getByTestId('doc-count')).toHaveText('1 dokumen');
  await ev.getByRole('link', { name: 'Tinjauan' }).click();

  await ev.locator('[data-code="1.1"]').click();
  await ev.getByLabel('Nama evaluator').fill('Tim Independen Banten');
  await ev.getByLabel('Catatan untuk kota').fill('Perda belum diundangkan; lampirkan lembaran daerah.');
  await ev.getByLabel(/Nilai evaluator/).fill('6');
  await ev.getByLabel(/Nilai evaluator/).blur();
  await ev.getByRole('button', { name: 'Perlu perbaikan' }).click();
  await expect(ev.locator('[data-code="1.1"]')).toContainText('Perlu perbaikan');
  // the list shows his own points and what the city holds as evidence
  await expect(ev.locator('.q-row[data-code="1.1"]')).toContainText('nilai Anda 6');
  await expect(ev.locator('.q-row[data-code="1.1"]')).toContainText('bukti 1');
  await expect(ev.locator('.q-row[data-code="1.1"] [data-flag="no-evidence"]')).toHaveCount(0);
  await ev.locator('[data-indicator="2"]').click();
  // graded 3 by the city with no document: marked in the list before he opens it
  await expect(ev.locator('.q-row[data-code="2.1"] [data-flag="no-evidence"]')).toContainText('Dinilai tanpa bukti dukung');
  await ev.locator('[data-code="2.1"]').click();
  await ev.getByLabel('Catatan untuk kota').fill('SK Gugus Tugas tidak dilampirkan.');
  await ev.getByRole('button', { name: 'Dokumen tidak ada' }).click();
  // the verdict alone leaves the city's 3 in his total, and the form says so
  await expect(ev.getByTestId('verdict-points-hint')).toContainText('nilai kota (3) tetap dihitung');
  await ev.getByLabel('Tandai untuk ditinjau lagi').check();
  await expect(ev.getByTestId('review-progress')).toContainText('2 dari 274');
  await expect(ev.getByTestId('evaluator-total')).toContainText('9'); // 6 (evaluator) + 3 (city's, not re-scored)
  await ev.getByRole('link', { name: 'Berkas', exact: true }).click();
  // the name typed in Tinjauan is already in the export form
  await expect(ev.getByLabel('Nama evaluator / tim')).toHaveValue('Tim Independen Banten');
  const responseFile = await exportFile(ev, 'Ekspor tanggapan evaluator');

  // ------------------------------------------------------------- back at the city: the countdown
  await city.getByRole('link', { name: 'Berkas', exact: true }).click();
  await city.getByTestId('import-file').setInputFiles(responseFile);
  await expect(city.getByTestId('import-result')).toContainText('2 catatan baru, 0 sudah ada; 2 perlu diperbaiki');
  // re-importing the same file changes nothing
  await city.getByTestId('import-file').setInputFiles(responseFile);
  await expect(city.getByTestId('import-result')).toContainText('0 catatan baru, 2 sudah ada');

  const banner = city.getByTestId('revision-banner');
  await expect(banner).toBeVisible();
  // notes written at T0 + 2 h (10.00 WIB) -> deadline Rabu 16 Des 2026 10.00 WIB
  await expect(banner).toContainText('Rabu, 16 Des 2026, 10.00 WIB');
  await expect(banner).toHaveAttribute('data-level', 'none');
  await city.getByRole('link', { name: 'Revisi' }).click();
  await expect(city.getByTestId('deadline')).toHaveText('Rabu, 16 Des 2026, 10.00 WIB');
  await expect(city.getByTestId('open-count')).toContainText('2 catatan belum selesai');
  // the evaluator's points reach the city (they were dropped on import): the total as evaluated
  // beside the city's, and on the note itself
  await expect(city.getByTestId('evaluated-score')).toContainText('Nilai menurut evaluator: 9');
  await expect(city.getByTestId('evaluated-score')).toContainText('nilai kota: 15');
  await expect(city.locator('[data-item="1.1"]').getByTestId('item-points')).toHaveText('Nilai evaluator: 6 dari 12 · nilai kota: 12');
  await expect(city.locator('[data-item="2.1"]').getByTestId('item-points')).toHaveCount(0);
  // on Revisi the banner does not offer Revisi; each note's box says what it is
  await expect(banner.getByRole('link', { name: 'Buka daftar perbaikan' })).toHaveCount(0);
  await expect(city.locator('[data-item="1.1"] label.check')).toHaveText('Selesai');
  // Beranda lists the questions with open notes among what to do next
  await city.getByRole('link', { name: 'Beranda', exact: true }).click();
  await expect(city.getByTestId('home-notes')).toHaveText('2 pertanyaan dengan catatan evaluator yang belum selesai (Revisi)');
  await expect(banner.getByRole('link', { name: 'Buka daftar perbaikan' })).toBeVisible();

  // the city revises (an hour after the notes were written): a new document for 2.1, a better answer for 1.1, the checklist ticked
  await city.clock.setSystemTime(T0 + 3 * H);
  await city.goto(`${wsUrl}/bukti`);
  await city.getByTestId('file-input').setInputFiles([await pdf('sk-gugus-tugas.pdf', ['KEPUTUSAN WALI KOTA LINGKAR', 'tentang Gugus Tugas KLA'], 3)]);
  await expect(city.locator('.intake-item[data-name="sk-gugus-tugas.pdf"]')).toHaveAttribute('data-state', 'stored', { timeout: 60_000 });
  await city.locator('.doc-row[data-doc="sk-gugus-tugas.pdf"]').click();
  await city.getByLabel('Kode pertanyaan').fill('2.1');
  await city.getByRole('button', { name: 'Tautkan', exact: true }).click();
  await city.goto(`${wsUrl}/instrumen/1/1.1`);
  // the evaluator's word is on the question itself, marked in the list, and a filter finds them all
  await expect(city.getByTestId('question-review')).toContainText('Perlu perbaikan');
  await expect(city.getByTestId('question-review')).toContainText('Perda belum diundangkan; lampirkan lembaran daerah.');
  await expect(city.getByTestId('question-review')).toContainText('Tim Independen Banten');
  await expect(city.getByTestId('question-evaluated')).toHaveText('Nilai evaluator: 6 dari 12 (Tim Independen Banten)');
  await expect(city.locator('[data-code="1.1"] [data-flag="review"]')).toHaveAttribute('data-verdict', 'perlu-perbaikan');
  await city.getByLabel('Perlu perbaikan (2)').check();
  await expect(city.locator('.q-row')).toHaveCount(2);
  await expect(city.locator('.q-row[data-code="2.1"] [data-flag="review"]')).toHaveAttribute('data-verdict', 'dokumen-tidak-ada');
  await city.getByLabel('Perlu perbaikan (2)').uncheck();
  await city.getByLabel('Catatan petugas').fill('Lembaran daerah No. 7 Tahun 2024 dilampirkan');
  await city.getByLabel('Catatan petugas').blur();
  await expect(city.getByRole('status').filter({ hasText: 'Tersimpan' })).toBeVisible();
  await city.goto(`${wsUrl}/revisi`);
  await city.locator('[data-item="2.1"]').getByLabel('Tanggapan/perbaikan yang dilakukan').fill('SK Gugus Tugas dilampirkan');
  await city.locator('[data-item="2.1"]').getByLabel('Tanggapan/perbaikan yang dilakukan').blur();
  await city.getByLabel('Selesai: 2.1').check();
  await expect(city.getByTestId('open-count')).toContainText('1 catatan belum selesai');
  // each note opens to what was done on its question since (the count alone said nothing)
  const itemChanges = city.locator('[data-item="2.1"]').getByTestId('item-changes');
  await expect(itemChanges.locator('summary')).toHaveText(/^\d+ perubahan sejak catatan$/);
  await itemChanges.locator('summary').click();
  await expect(itemChanges.locator('li').filter({ hasText: 'sk-gugus-tugas.pdf' })).toHaveCount(1);
  await expect(city.locator('[data-item="1.1"]').getByTestId('item-changes')).toHaveCount(1); // its notes were rewritten

  // warnings at 24 h, 6 h and 1 h before the deadline (the laptop may sleep in between)
  const deadline = T0 + 2 * H + 48 * H;
  await city.clock.setSystemTime(deadline - 23 * H);
  await city.clock.runFor(2000);
  await expect(banner).toHaveAttribute('data-level', '24');
  await expect(banner).toContainText('Tinggal 24 jam lagi!');
  await city.clock.setSystemTime(deadline - 5 * H);
  await city.clock.runFor(2000);
  await expect(banner).toHaveAttribute('data-level', '6');
  await city.clock.setSystemTime(deadline - 30 * 60_000);
  await city.clock.runFor(2000);
  await expect(banner).toHaveAttribute('data-level', '1');
  // the deadline runs from the evaluator's notes, written in real time after T0 + 2 h: a slow
  // machine moves it by the seconds the review took
  await expect(city.getByTestId('countdown-time')).toHaveText(/^00:(29|3[0-4]):\d\d$/);

  // the revised file goes to the evaluator before the deadline
  await city.getByRole('link', { name: 'Berkas', exact: true }).click();
  await city.getByLabel('Jangan sertakan bap-korban.pdf').check();
  await city.getByLabel('Kata sandi (opsional)').fill('lingkar-aman');
  await city.getByLabel('Ulangi kata sandi').fill('lingkar-aman');
  const revisedFile = await exportFile(city, 'Ekspor berkas kota');

  // at the deadline editing stops, after a reload too (five minutes past: see the note above)
  await city.clock.setSystemTime(deadline + 5 * 60_000);
  await city.clock.runFor(2000);
  await expect(banner).toHaveAttribute('data-level', 'closed');
  await city.goto(`${wsUrl}/instrumen/1/1.1`);
  await expect(city.getByTestId('frozen')).toBeVisible();
  await expect(city.getByLabel(/Nilai diberikan/)).toBeDisabled();
  await city.reload();
  await expect(city.getByTestId('revision-banner')).toHaveAttribute('data-level', 'closed');
  await city.goto(`${wsUrl}/revisi`);
  await expect(city.getByLabel('Selesai: 1.1')).toBeDisabled();
  await expect(city.getByTestId('countdown-time')).toHaveText('Waktu habis');

  // ------------------------------------------- the evaluator opens the revised file: only changes
  await ev.getByRole('link', { name: 'Berkas', exact: true }).click();
  await ev.getByTestId('import-file').setInputFiles(revisedFile);
  await ev.getByLabel(/Kata sandi untuk/).fill('lingkar-aman');
  await ev.getByRole('button', { name: 'Buka', exact: true }).click();
  await expect(ev.getByTestId('import-result')).toContainText('2 pertanyaan berubah sejak tinjauan Anda');
  await ev.getByRole('link', { name: 'Tinjau perubahan' }).click();
  const changes = ev.getByTestId('changes');
  await expect(changes.locator('[data-change="added"]')).toContainText('2.1: ditambahkan sk-gugus-tugas.pdf');
  await expect(changes.locator('[data-change="reanswered"]')).toContainText('1.1');
  await expect(changes.locator('[data-change="reanswered"]')).toContainText('catatan'); // the field in words
  await expect(ev.locator('.q-row')).toHaveCount(2);
  // the tree narrows too: indicators 1 and 2 alone
  await expect(ev.locator('.pane-tree [data-indicator]')).toHaveCount(2);
  await expect(ev.locator('.q-row[data-code="1.1"]')).toBeVisible();
  await expect(ev.locator('.q-row[data-code="2.1"]')).toBeVisible();
  // the city's reply to his note travels in the revised file, and he sees it on the question
  await ev.locator('.q-row[data-code="2.1"]').click();
  await expect(ev.getByTestId('city-replies')).toContainText('“SK Gugus Tugas dilampirkan” (ditandai selesai oleh kota)');

  await cityCtx.close();
  await evalCtx.close();
});
