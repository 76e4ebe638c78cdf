/**
 * 200 % zoom on a 1366 px laptop is a 683 px wide window (issue 13, point 9): no screen scrolls
 * sideways, every menu entry and the language switch stay reachable, and Instrumen folds its
 * indicator tree above the questions. Fails if any screen is wider than the window.
 */
import { fileURLToPath } from 'node:url';
import { expect, menuLink, test, type Page } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';

const DEMO = fileURLToPath(new URL('../fixtures/demo.kla', import.meta.url));
const WIDTH = 683;

/** How far the page reaches past the window's right edge (0 when nothing does). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const doc = document.documentElement;
    let worst = '';
    let right = doc.clientWidth;
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width && r.right > right + 1 && getComputedStyle(el).position !== 'fixed' && !el.closest('.doc-list, .q-list, [data-scrolls]')) {
        right = r.right;
        worst = `${el.tagName.toLowerCase()}.${el.className}`;
      }
    }
    return { scroll: doc.scrollWidth - doc.clientWidth, worst, by: Math.round(right - doc.clientWidth) };
  });

async function noSideways(page: Page, screen: string, problems: string[]) {
  await page.waitForTimeout(300);
  const o = await overflow(page);
  if (o.scroll > 0 || o.by > 0) problems.push(`${screen}: scrolls ${o.scroll}px; ${o.worst} reaches ${o.by}px past the edge`);
}

test('at 683 px wide no screen scrolls sideways, the menu wraps, and the indicator tree folds', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: WIDTH, height: 800 });
  const problems: string[] = [];
  await page.goto('/');
  await noSideways(page, 'Ruang kerja', problems);
  await page.getByLabel('Kabupaten/Kota').fill('Kota Sempit');
  await page.getByLabel(/data contoh/).check();
  await page.getByLabel(/dokumen bukti contoh/).uncheck(); // answers only: no intake running beside the test
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();

  // every menu entry and the language switch are on screen
  for (const a of await page.locator('.mainnav a').all()) {
    const box = (await a.boundingBox())!;
    expect(box.x + box.width, (await a.textContent()) ?? "").toBeLessThanOrEqual(WIDTH);
  }
  const en = (await page.getByRole('button', { name: 'EN', exact: true }).boundingBox())!;
  expect(en.x + en.width).toBeLessThanOrEqual(WIDTH);
  await noSideways(page, 'Beranda', problems);
  // the check itself sees a wide element
  await page.evaluate(() => {
    const wide = document.createElement('div');
    wide.id = 'wide';
    wide.style.width = '2000px';
    wide.style.height = '1px';
    document.querySelector('main')!.append(wide);
  });
  expect((await overflow(page)).by).toBeGreaterThan(1000);
  await page.evaluate(() => document.getElementById('wide')!.remove());

  // a document in the list, so Bukti shows a row and its detail
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([{ name: 'laporan-kegiatan-forum-anak-kecamatan-tahun-2024-final-revisi.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines: ['Forum Anak kecamatan menyampaikan suara anak dalam Musrenbang.'] })) }]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  await page.locator('.doc-row').first().click();
  await noSideways(page, 'Bukti', problems);

  // Instrumen: the tree is folded above the questions, and opens on demand
  await page.getByRole('link', { name: 'Instrumen', exact: true }).click();
  await page.locator('.q-row').first().click();
  const fold = page.getByTestId('tree-fold');
  await expect(fold).not.toHaveAttribute('open', '');
  const listTop = (await page.locator('.q-list').boundingBox())!.y;
  expect(listTop).toBeLessThan(400);
  await noSideways(page, 'Instrumen', problems);
  await fold.locator('summary').click();
  await expect(page.locator('[data-indicator="19"]')).toBeVisible();
  await page.locator('[data-indicator="19"]').click();
  await expect(fold).not.toHaveAttribute('open', '');
  await expect(page.locator('.q-row').first()).toHaveAttribute('data-code', /^19\./);

  for (const name of ['Salah klaster', 'Revisi', 'Ringkasan', 'Berkas', 'Perangkat Daerah', 'Riwayat', 'Pengaturan']) {
    await menuLink(page, name).click();
    await page.waitForLoadState('networkidle');
    await noSideways(page, name, problems);
  }
  // the evaluator's screen
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(DEMO);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  await page.locator('.q-row').first().click();
  await noSideways(page, 'Tinjauan', problems);
  expect(problems).toEqual([]);
});
