/**
 * The intake queue under failure (issue 9): a reader past its time limit is replaced and the rest
 * of the batch finishes; a browser killed mid-batch names, after a restart, exactly the files that
 * were never stored, and they can be picked again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, storedRows, test, type Page } from './fixtures';
import { PDFDocument } from 'pdf-lib';
import { crash, launch } from './crash';
import { textPdf } from '../fixtures/evidence/generate';

const file = (name: string, bytes: Uint8Array | Buffer, mimeType = 'application/octet-stream') => ({ name, mimeType, buffer: Buffer.from(bytes) });
const item = (page: Page, name: string) => page.locator(`.intake-item[data-name="${name}"]`);

async function createWorkspace(page: Page, city: string, base = '') {
  await page.goto(`${base}/`);
  await page.getByLabel('Kabupaten/Kota').fill(city);
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
}

/** A full page of small printed text, drawn by the browser (some 80 lines: seconds of OCR even on a fast machine). */
async function densePagePng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 2000;
    c.height = 2000;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.fillStyle = '#000';
    ctx.font = '20px "DejaVu Sans", "Liberation Sans", sans-serif';
    for (let i = 0; (i + 2) * 25 < c.height; i++) ctx.fillText(`${i + 1}. Laporan kegiatan Forum Anak Kelurahan Sukamaju tentang pemenuhan hak anak, posyandu, PAUD dan taman bermain ramah anak ${i}`, 30, (i + 1.5) * 25);
    return c.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/** A scanned PDF of many dense pages: its OCR legitimately takes far longer than the limit plus its per-page allowance. */
async function thickScan(png: Buffer, pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const img = await doc.embedPng(png);
  for (let i = 0; i < pages; i++) doc.addPage([img.width, img.height]).drawImage(img, { x: 0, y: 0, width: img.width, height: img.height });
  return doc.save();
}

test('a reader past the time limit is ended: the file fails with the reason, a fresh reader takes the slot, the rest of the batch is stored', { tag: '@long' }, async ({ page }) => {
  test.setTimeout(240_000);
  await createWorkspace(page, 'Kota Jaga');
  await page.getByRole('link', { name: 'Pengaturan' }).click();
  // 10 s: ample for a one-page text PDF even on a loaded machine; the 10-page scan gets 10 s plus
  // 2.5 s a page begun, while one of its dense pages takes several seconds of OCR on a fast machine
  const limit = page.getByLabel('Batas waktu baca per berkas');
  await limit.fill('10');
  await limit.blur();
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();

  const files = [];
  for (let i = 0; i < 6; i++) files.push(file(`teks-${i}.pdf`, await textPdf({ pages: 1, seed: 300 + i }), 'application/pdf'));
  files.splice(2, 0, file('pindaian-tebal.pdf', await thickScan(await densePagePng(page), 10), 'application/pdf'));
  await page.getByTestId('file-input').setInputFiles(files);

  await expect(page.getByTestId('intake-overall')).toHaveText(`${files.length} dari ${files.length} selesai`, { timeout: 170_000 });
  const slow = item(page, 'pindaian-tebal.pdf');
  await expect(slow).toHaveAttribute('data-state', 'failed');
  await expect(slow).toContainText('pindaian-tebal.pdf: waktu baca habis');
  for (let i = 0; i < 6; i++) await expect(item(page, `teks-${i}.pdf`)).toHaveAttribute('data-state', 'stored');
  await expect(page.getByTestId('doc-count')).toHaveText('6 dokumen');

  // the pool works on: more files after the replacement are read and stored
  await page.getByTestId('file-input').setInputFiles([file('sesudah-1.pdf', await textPdf({ pages: 2, seed: 400 }), 'application/pdf'), file('sesudah-2.pdf', await textPdf({ pages: 1, seed: 401 }), 'application/pdf')]);
  await expect(item(page, 'sesudah-1.pdf')).toHaveAttribute('data-state', 'stored', { timeout: 60_000 });
  await expect(item(page, 'sesudah-2.pdf')).toHaveAttribute('data-state', 'stored', { timeout: 60_000 });
  await expect(page.getByTestId('doc-count')).toHaveText('8 dokumen');
});

async function storedNames(page: Page, workspaceId: string): Promise<string[]> {
  const docs = await storedRows<{ name: string; workspaceId: string }>(page, 'documents');
  return docs.filter((d) => d.workspaceId === workspaceId).map((d) => d.name);
}

async function intakeRecords(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const req = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    const n: number = await new Promise((r) => {
      const q = db.transaction('intakeQueue', 'readonly').objectStore('intakeQueue').count();
      q.onsuccess = () => r(q.result);
    });
    db.close();
    return n;
  });
}

test('the browser killed mid-batch: after a restart the files never stored are named, the stored ones are not, and "Pilih lagi" stores them', { tag: '@long' }, async ({ baseURL }) => {
  test.setTimeout(240_000);
  const profile = mkdtempSync(join(tmpdir(), 'kla-crash-'));
  const files = [];
  // enough files that the batch cannot finish before the crash (40 once all did, in CI)
  const N = 100;
  for (let i = 0; i < N; i++) files.push(file(`berkas-${String(i).padStart(3, '0')}.pdf`, await textPdf({ pages: 1 + (i % 12), seed: 500 + i }), 'application/pdf'));
  const all = files.map((f) => f.name).sort();
  let run = await launch(profile);
  try {
    const page = await run.browser.contexts()[0].newPage();
    await createWorkspace(page, 'Kota Mogok', baseURL);
    await page.getByRole('link', { name: 'Bukti', exact: true }).click();
    const url = page.url();
    const workspaceId = decodeURIComponent(url.split('#/w/')[1].split('/')[0]);
    await page.getByTestId('file-input').setInputFiles(files);
    await expect.poll(async () => page.locator('.intake-item[data-state="stored"]').count(), { timeout: 90_000, intervals: [50] }).toBeGreaterThan(3);
    await crash(run);

    run = await launch(profile);
    const again = await run.browser.contexts()[0].newPage();
    await again.goto(url);
    const card = again.getByTestId('intake-unfinished');
    await expect(card).toBeVisible();
    const stored = await storedNames(again, workspaceId);
    const named = await card.locator('[data-name]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!));
    expect(stored.length).toBeGreaterThan(3);
    expect(named.length).toBeGreaterThan(0);
    // exactly the complement: nothing stored is named, nothing unstored is forgotten (the card
    // names the first few and counts the rest)
    expect(named.filter((n) => stored.includes(n))).toEqual([]);
    const unstored = all.filter((n) => !stored.includes(n));
    expect(unstored).toEqual(expect.arrayContaining(named));
    expect(named.length).toBe(Math.min(unstored.length, 50));
    if (unstored.length > named.length) await expect(card).toContainText(`dan ${unstored.length - named.length} lainnya`);
    await expect(card).toContainText(`${unstored.length} berkas dari pengambilan`);
    await expect(card).toContainText('WIB belum tersimpan');

    // pick them again (the officer selects the whole folder again): all stored, the card goes, the records are pruned
    await again.getByTestId('file-input-again').setInputFiles(files);
    await expect(again.getByTestId('intake-overall')).toHaveText(`${N} dari ${N} selesai`, { timeout: 120_000 });
    await expect(again.getByTestId('doc-count')).toHaveText(`${N} dokumen`);
    await expect(card).toHaveCount(0);
    await expect.poll(() => intakeRecords(again)).toBe(0);
  } finally {
    await crash(run).catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a batch cut off by closing the tab is named on the next visit; a file picked again with the ordinary button is named no more; "Abaikan" settles the rest and its records are pruned', async ({ context }) => {
  test.setTimeout(120_000);
  const page = await context.newPage();
  await createWorkspace(page, 'Kota Tutup');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const url = page.url();
  const workspaceId = decodeURIComponent(url.split('#/w/')[1].split('/')[0]);
  const files = [];
  // enough files that the tab is surely closed mid-batch (30 could all be stored between two polls)
  for (let i = 0; i < 120; i++) files.push(file(`tutup-${i}.pdf`, await textPdf({ pages: 1 + (i % 8), seed: 700 + i }), 'application/pdf'));
  await page.getByTestId('file-input').setInputFiles(files);
  await expect.poll(async () => page.locator('.intake-item[data-state="stored"]').count(), { timeout: 60_000, intervals: [100] }).toBeGreaterThan(2);
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(url);
  const card = again.getByTestId('intake-unfinished');
  await expect(card).toBeVisible();
  const stored = await storedNames(again, workspaceId);
  const named = await card.locator('[data-name]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!));
  const missing = files.map((f) => f.name).filter((n) => !stored.includes(n));
  expect(missing.length).toBeGreaterThan(0);
  // every file not stored is counted; the first 50 are named, the rest summed up
  await expect(card).toContainText(`${missing.length} berkas dari pengambilan`);
  expect(named.length).toBe(Math.min(50, missing.length));
  expect(named.filter((n) => !missing.includes(n))).toEqual([]);
  if (missing.length > 50) await expect(card).toContainText(`${missing.length - 50} lainnya`);
  // on an office laptop's screen the names scroll and the buttons stay in view (the seventh walk scrolled inside the box for them)
  await again.setViewportSize({ width: 1366, height: 768 });
  await expect(card.getByRole('button', { name: 'Pilih lagi' })).toBeInViewport();
  await expect(card.getByRole('button', { name: 'Abaikan' })).toBeInViewport();
  // one of them picked again with the ordinary file button, not "Pilih lagi": stored, and no longer named
  const first = files.find((f) => f.name === named[0])!;
  await again.getByTestId('file-input').setInputFiles([first]);
  await expect(again.locator(`.intake-item[data-name="${first.name}"]`)).toHaveAttribute('data-state', 'stored', { timeout: 30_000 });
  await expect(card).toContainText(`${missing.length - 1} berkas dari pengambilan`);
  await expect(card.locator(`[data-name="${first.name}"]`)).toHaveCount(0);
  await card.getByRole('button', { name: 'Abaikan' }).click();
  await expect(card).toHaveCount(0);
  await expect.poll(() => intakeRecords(again)).toBe(0);
  // nothing was stored by dismissing (the one picked again was)
  expect((await storedNames(again, workspaceId)).length).toBe(stored.length + 1);
});
