/**
 * Instrumen's list: questions that open with the same long words (1.2a-1.2s: "Di luar Perda KLA,
 * daerah sudah punya regulasi/kebijakan tentang …") read by what differs, so no row hides it
 * behind its two-line cut; the run's first row and the open question read whole, and a screen
 * reader hears every question whole. Fails if the rows show the whole prompt again (the words
 * that differ are cut off) or lose it for assistive technology.
 */
import { expect, newWorkspace, prompts, test, typeLink } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';
import { SRA, pdfFile } from '../fixtures/evidence/topics';

test('a run of questions with one long opening shows what differs on each row, within the row', async ({ page }) => {
  await newWorkspace(page, 'Kota Baris');
  await page.getByRole('link', { name: 'Instrumen', exact: true }).click();
  await page.locator('[data-code="1.1"]').click();

  const row = (code: string) => page.locator(`.q-row[data-code="${code}"]`);
  // the run's first row reads whole; the next ones by what differs, in full view (not cut)
  await expect(row('1.2a').locator('.q-prompt')).toHaveText(prompts.get('1.2a')!);
  const f = row('1.2f').locator('.q-prompt [aria-hidden="true"]');
  await expect(f).toHaveText('… tentang pencegahan perkawinan anak');
  await row('1.2q').scrollIntoViewIfNeeded();
  const q = row('1.2q').locator('.q-prompt');
  await expect(q.locator('[aria-hidden="true"]')).toHaveText(/^… tentang Kawasan Tanpa Rokok/);
  const cut = await q.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  expect(cut).toBe(false);
  // a screen reader hears the whole question once (the shortened words are hidden from it), a hover shows it
  await expect(row('1.2f').locator('.q-prompt .sr-only')).toHaveText(prompts.get('1.2f')!);
  await expect(page.getByRole('option', { name: new RegExp(`^1\\.2f ${prompts.get('1.2f')!.replace(/[()/.]/g, '.')} –`) })).toHaveCount(1);
  await expect(q).toHaveAttribute('title', prompts.get('1.2q')!);

  // the open question reads whole in its detail
  await row('1.2f').click();
  await expect(page.locator('#q-title')).toContainText(prompts.get('1.2f')!);
});

test('the open question fits its pane at 1280 px, and its data rows say what goes where', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await newWorkspace(page, 'Kabupaten Tanjung Jabung Barat');
  const home = page.url();
  // a misfiled document, so that the menu carries the count of open flags beside Salah klaster
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([pdfFile('laporan-sra.pdf', await textPdf({ lines: SRA }))]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  await page.locator('.doc-row[data-doc="laporan-sra.pdf"]').click();
  await typeLink(page, '4.1');
  await expect(page.getByTestId('flags-badge')).toBeVisible();
  await page.goto(`${home}/instrumen/15/15.1`);
  // at 1280 px the menu, the workspace link and the language switch share one line, in both languages
  const oneLine = () => page.evaluate(() => Math.abs(document.querySelector('.brand')!.getBoundingClientRect().top - document.querySelector('.lang-switch')!.getBoundingClientRect().top) < 12);
  expect(await oneLine()).toBe(true);
  // and the city's name is whole, in two short lines, not "Kabupate…" (the seventh walk)
  await expect(page.locator('.ws-name')).toHaveText('Kab. Tanjung Jabung Barat');
  const nameCut = await page.evaluate(() => {
    const n = document.querySelector('.ws-name')!;
    return n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1;
  });
  expect(nameCut).toBe(false);
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Instrument', exact: true })).toBeVisible();
  expect(await oneLine()).toBe(true);
  // Beranda too, where the page's scrollbar takes its width
  await page.goto(home);
  await expect(page.getByTestId('home-total')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollHeight > innerHeight)).toBe(true);
  expect(await oneLine()).toBe(true);
  await page.getByRole('button', { name: 'ID', exact: true }).click();
  expect(await oneLine()).toBe(true);
  await page.goto(`${home}/instrumen/15/15.1`);
  await page.getByRole('button', { name: 'Tambah data' }).click();
  // the data rows have visible column names and examples, not two bare boxes
  await expect(page.getByRole('columnheader', { name: 'Nama data' })).toBeVisible();
  await expect(page.locator('.data-values input').nth(1)).toHaveAttribute('placeholder', /11 dari 11/);
  // nothing in the question's pane runs past the window (the agency picker sized to its longest option did)
  const past = await page.evaluate(() => [...document.querySelectorAll('.pane-detail *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.tagName));
  expect(past).toEqual([]);
});

test("the indicator tree shows each indicator's name whole on a laptop screen, in both languages", async ({ page }) => {
  for (const [width, lang] of [[1366, 'ID'], [1280, 'EN']] as const) {
    await page.setViewportSize({ width, height: 800 });
    await newWorkspace(page, `Kota Pohon ${lang}`);
    if (lang === 'EN') await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.goto(`${page.url()}/instrumen`);
    const titles = page.locator('.tree-ind[data-indicator] .ind-title');
    await expect(titles).toHaveCount(31);
    // was one line with an ellipsis: "Peraturan dan kebijak…", "Gugus Tugas, RAD dan pro…"
    const cut = await titles.evaluateAll((els) => els.filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(cut, `${lang} at ${width} px`).toEqual([]);
  }
});
