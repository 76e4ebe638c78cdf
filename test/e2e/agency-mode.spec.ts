import { expect, newWorkspace, test, type BrowserContext, type Page } from './fixtures';

/**
 * What the fourth walk found in Mode OPD (Dispora's pack: 1.2t, 1.3x and 6.5), and the doubled
 * warning icon it saw there: `.warn` and `.error` draw their ⚠ in CSS, so the text must not.
 */

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return (await dl.path())!;
}

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

/** The city names its office DP3A (Pengaturan), gives 6.5 to Dispora too (1.2t and 1.3x are Dispora's by the rules) and makes its pack. */
async function disporaPack(city: Page): Promise<string> {
  await newWorkspace(city, 'Kota Dispora');
  const wsUrl = city.url().replace(/\/$/, '');
  await city.goto(`${wsUrl}/pengaturan`);
  const office = city.getByLabel('Nama dinas pengampu KLA di kota ini (singkatan)');
  await office.fill('DP3A');
  await office.blur();
  // stored before the reload (a reload at once can cut the write off, as it can any page's)
  await expect(city.getByTestId('office-saved')).toBeVisible();
  await city.reload();
  await expect(city.getByLabel('Nama dinas pengampu KLA di kota ini (singkatan)')).toHaveValue('DP3A');
  await city.goto(`${wsUrl}/instrumen/6/6.5`);
  await city.getByLabel('Perangkat daerah penanggung jawab').selectOption('dispora');
  await city.getByRole('button', { name: 'Tambahkan' }).click();
  await expect(city.locator('.chip', { hasText: 'Dispora' })).toBeVisible();
  // the screens name the office as the city does, as the printed summary does: not the rules' DPPPAPPKB
  await expect(city.locator('.chip').first()).toHaveText(/^DP3A×?$/);
  await expect(city.getByLabel('Perangkat daerah penanggung jawab').locator('option[value="dp3akb"]')).toHaveCount(0);
  await city.getByRole('link', { name: 'Perangkat Daerah', exact: true }).click();
  await expect(city.locator('[data-agency="dp3akb"] strong')).toHaveText('DP3A');
  return download(city, () => city.getByRole('button', { name: 'Buat paket .kla untuk Dispora' }).click());
}

async function openAsAgency(browser: import('@playwright/test').Browser, pack: string): Promise<{ ctx: BrowserContext; opd: Page }> {
  const ctx = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const opd = await ctx.newPage();
  await opd.goto('/');
  await opd.getByLabel('OPD: buka paket pertanyaan dari DP3AKB').check();
  await opd.getByTestId('open-file').setInputFiles(pack);
  await expect(opd.getByTestId('agency-mode')).toHaveText('Mode OPD: Dispora');
  return { ctx, opd };
}

/** Dispora's pack made by the city in `page`, opened in a browser of its own. */
async function disporaCopy(page: Page, browser: import('@playwright/test').Browser) {
  // no native save dialog in a test: the app falls back to a verified download
  await page.context().addInitScript(() => {
    delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  return openAsAgency(browser, await disporaPack(page));
}

test('Mode OPD never asks the agency for points: Siap says whose points they are', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { ctx, opd } = await disporaCopy(page, browser);
  await opd.locator('.q-row[data-code="6.5"]').click();
  await opd.getByLabel('Siap', { exact: true }).check();
  await expect(opd.locator('[data-code="6.5"]')).toContainText('Siap');
  await expect(opd.getByTestId('disagreement')).toHaveCount(0);
  // the city's own name for its office, from its Pengaturan, carried by the pack
  await expect(opd.getByTestId('points-by-city')).toHaveText('Nilai diisi oleh DP3A.');
  // the row asks for evidence, the agency's to give, never for points
  await expect(opd.locator('[data-code="6.5"] [data-flag="disagree"]')).toHaveCount(0);
  await expect(opd.locator('[data-code="6.5"] [data-flag="no-evidence"]')).toHaveText('⚠ Siap tanpa bukti dukung');
  await ctx.close();
});

test('Mode OPD shows the assignment and cannot change it: only the city assigns', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { ctx, opd } = await disporaCopy(page, browser);
  await opd.locator('.q-row[data-code="1.3x"]').click();
  const agencies = opd.locator('section').filter({ has: opd.locator(':scope > h3', { hasText: 'Perangkat daerah penanggung jawab' }) });
  await expect(agencies.locator('.chip')).toHaveCount(3);
  await expect(agencies.getByRole('button')).toHaveCount(0);
  await expect(agencies.getByRole('combobox')).toHaveCount(0);
  await expect(agencies.locator('.chip')).toHaveText(['BAPPEDA', 'Disdikbud', 'Dispora']);
  await expect(agencies).toContainText('Penanggung jawab ditetapkan oleh DP3A.');
  await ctx.close();
});

test('Mode OPD lands on the agency\'s own questions: the indicators holding them, with counts, and what to do', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { ctx, opd } = await disporaCopy(page, browser);
  await expect(opd.getByTestId('agency-arrival')).toHaveText('3 pertanyaan ditugaskan kepada Dispora: isi jawaban, catatan dan bukti, lalu kirim tanggapan dari Berkas.');
  await expect(opd.locator('.q-row')).toHaveCount(3);
  await expect(opd.locator('.tree-all')).toContainText('Pertanyaan Dispora (3)');
  await expect(opd.locator('.tree-group')).toHaveCount(2);
  await expect(opd.locator('.tree-ind[data-indicator]')).toHaveCount(2);
  await expect(opd.locator('.tree-ind[data-indicator="1"]')).toContainText('0/2 siap');
  await expect(opd.locator('.tree-ind[data-indicator="6"]')).toContainText('0/1 siap');
  // an indicator lists its share of the agency's questions; the top line all of them again
  await opd.locator('.tree-ind[data-indicator="6"]').click();
  await expect(opd.locator('.q-row')).toHaveCount(1);
  await opd.locator('.q-row[data-code="6.5"]').click();
  await opd.getByLabel('Siap', { exact: true }).check();
  await expect(opd.locator('.tree-ind[data-indicator="6"]')).toContainText('1/1 siap');
  await opd.locator('.tree-all').click();
  await expect(opd.locator('.q-row')).toHaveCount(3);
  // opened again from the workspace list (its Beranda address): the same landing, Instrumen lit
  await opd.goto(opd.url().replace(/\/instrumen.*$/, ''));
  await expect(opd.getByTestId('agency-arrival')).toBeVisible();
  await expect(opd.locator('.mainnav [aria-current="page"]')).toHaveText('Instrumen');
  // Bukti offers no filter by agency (the copy is Dispora's alone); Berkas does not warn Dispora of Klaster V's victims
  await opd.getByRole('link', { name: 'Bukti', exact: true }).click();
  await expect(opd.getByLabel('Jenis', { exact: true })).toBeVisible();
  await expect(opd.getByLabel('Perangkat daerah', { exact: true })).toHaveCount(0);
  await opd.getByRole('link', { name: 'Berkas', exact: true }).click();
  await expect(opd.getByText('Disarankan bila bukti memuat data pribadi (NIK, nama anak).', { exact: false })).toBeVisible();
  await expect(opd.getByText('Klaster V', { exact: false })).toHaveCount(0);
  await ctx.close();
});
