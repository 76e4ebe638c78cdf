/**
 * The export says what it does from the click on: at 5,000 documents ~20 s passed before the
 * first byte with nothing on screen (the tenth walk). Every step is seen in the real app, in
 * order, before the file is reported done.
 */
import { expect, test } from './fixtures';

test('the export shows reading, packing, the documents counted, the bytes written and the check, in that order', async ({ browser }) => {
  test.setTimeout(120_000);
  const ctx = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', acceptDownloads: true, serviceWorkers: 'block' });
  await ctx.addInitScript(() => {
    delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    // every step the progress line takes, with its words, as the page draws it
    const seen: string[][] = [];
    (window as unknown as { exportSteps: string[][] }).exportSteps = seen;
    new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="export-progress"]');
      const step = el?.dataset.step;
      if (step && seen.at(-1)?.[0] !== step) seen.push([step, el.textContent ?? '']);
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const page = await ctx.newPage();
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Langkah');
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const files = Array.from({ length: 30 }, (_, i) => ({ name: `notulen-${i}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`Notulen rapat Forum Anak ke-${i}\nPembahasan partisipasi anak dalam Musrenbang kelurahan ${i}.`) }));
  await page.getByTestId('file-input').setInputFiles(files);
  await expect(page.getByTestId('intake-overall')).toHaveText('30 dari 30 selesai', { timeout: 60_000 });

  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor berkas kota' }).click()]);
  await expect(page.getByTestId('export-done')).toContainText('Tersimpan dan terperiksa');
  const steps = await page.evaluate(() => (window as unknown as { exportSteps: string[][] }).exportSteps);
  expect(steps.map(([s]) => s)).toEqual(['collect', 'texts', 'evidence', 'write', 'verify']);
  expect(steps[0][1]).toContain('Membaca isi ruang kerja');
  expect(steps[1][1]).toContain('Memadatkan teks 30 dokumen');
  expect(steps[2][1]).toMatch(/Menyiapkan dokumen: \d+ dari 30/);
  expect(steps[3][1]).toMatch(/dari .* ditulis/);
  expect(steps[4][1]).toContain('Memeriksa berkas yang ditulis');
  await ctx.close();
});
