/**
 * Bukti's order (the eighth walk: 5,000 files and no way to sort them): newest first, then by
 * name with numbers in their number order, by size, oldest first; the choice stays after a reload
 * and the filters and search keep it. Fails if the order stops following the choice or is not kept.
 */
import { expect, newWorkspace, test } from './fixtures';

const text = (name: string, body: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(body) });
const names = (page: import('@playwright/test').Page) => page.locator('.doc-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-doc')));

test('the list is sorted as chosen (name in number order, size, oldest), kept after a reload and under a search', async ({ page }) => {
  await newWorkspace(page, 'Kota Urut');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  // added one after another, so "newest" has an order to follow
  const files = [text('Dok 2 forum anak.txt', 'Forum anak. '.repeat(5)), text('akta kelahiran.txt', 'Akta kelahiran anak. '.repeat(400)), text('dok 10 forum anak.txt', 'Notulen forum anak kota. '.repeat(40))];
  for (const [k, f] of files.entries()) {
    await page.getByTestId('file-input').setInputFiles([f]);
    await expect(page.getByTestId('doc-count')).toHaveText(`${k + 1} dokumen`);
  }
  const sort = page.getByRole('combobox', { name: 'Urutkan' });
  await expect(sort).toHaveValue('newest');
  await expect.poll(() => names(page)).toEqual(['dok 10 forum anak.txt', 'akta kelahiran.txt', 'Dok 2 forum anak.txt']);

  await sort.selectOption('name');
  // "Dok 2" before "dok 10": case aside, numbers by value
  await expect.poll(() => names(page)).toEqual(['akta kelahiran.txt', 'Dok 2 forum anak.txt', 'dok 10 forum anak.txt']);
  await sort.selectOption('oldest');
  await expect.poll(() => names(page)).toEqual(['Dok 2 forum anak.txt', 'akta kelahiran.txt', 'dok 10 forum anak.txt']);
  await sort.selectOption('size');
  await expect.poll(() => names(page)).toEqual(['akta kelahiran.txt', 'dok 10 forum anak.txt', 'Dok 2 forum anak.txt']);

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Urutkan' })).toHaveValue('size');
  await expect.poll(() => names(page)).toEqual(['akta kelahiran.txt', 'dok 10 forum anak.txt', 'Dok 2 forum anak.txt']);
  // a search keeps the order among what it finds
  await page.getByRole('searchbox', { name: 'Cari isi dokumen' }).fill('forum');
  await expect(page.getByTestId('doc-count')).toHaveText(/^2 dokumen · yang cocok di nama lebih dulu/);
  await expect.poll(() => names(page)).toEqual(['dok 10 forum anak.txt', 'Dok 2 forum anak.txt']);
  await page.getByRole('combobox', { name: 'Urutkan' }).selectOption('name');
  await expect.poll(() => names(page)).toEqual(['Dok 2 forum anak.txt', 'dok 10 forum anak.txt']);
});

test('sorted by agency, each row names its agency, so the runs can be read (a guess says so: evidence-review.spec)', async ({ page }) => {
  await newWorkspace(page, 'Kota Dinas');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([
    text('rekap wisata ramah anak.txt', 'Rekap destinasi wisata ramah anak. '.repeat(20)),
    text('rencana pembangunan.txt', 'Rencana pembangunan daerah bidang anak. '.repeat(20)),
    text('catatan lain.txt', 'Catatan rapat. '.repeat(20)),
  ]);
  await expect(page.getByTestId('doc-count')).toHaveText('3 dokumen');
  const agencyOf = async (doc: string, agency: string) => {
    await page.locator(`.doc-row[data-doc="${doc}"] .doc-open`).click();
    await page.getByRole('combobox', { name: /^Dari perangkat daerah/ }).selectOption({ label: agency });
    await expect(page.locator(`.doc-row[data-doc="${doc}"] [data-testid="row-agency"]`)).toHaveText(agency);
  };
  await agencyOf('rekap wisata ramah anak.txt', 'Dinas Pariwisata');
  await agencyOf('rencana pembangunan.txt', 'BAPPEDA');
  await expect(page.locator('.doc-row[data-doc="catatan lain.txt"] [data-testid="row-agency"]')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Urutkan' }).selectOption('agency');
  await expect.poll(() => names(page)).toEqual(['rencana pembangunan.txt', 'rekap wisata ramah anak.txt', 'catatan lain.txt']);
  await expect(page.locator('.doc-row [data-testid="row-agency"]')).toHaveText(['BAPPEDA', 'Dinas Pariwisata']);
  // where each agency's run begins, with its length (the tenth walk: no marker where they change)
  await expect(page.locator('.doc-row [data-testid="run-head"]')).toHaveText(['BAPPEDA: 1 dokumen', 'Dinas Pariwisata: 1 dokumen', 'Perangkat daerah belum diisi: 1 dokumen']);
  // the heading does not cover the first row's thumbnail or tick
  const head = (await page.locator('.doc-row[data-doc="rencana pembangunan.txt"] [data-testid="run-head"]').boundingBox())!;
  const tick = (await page.locator('.doc-row[data-doc="rencana pembangunan.txt"] .doc-tick').boundingBox())!;
  expect(tick.y).toBeGreaterThanOrEqual(head.y + head.height);
  // a search puts name matches first: no runs then
  await page.getByRole('searchbox', { name: 'Cari isi dokumen' }).fill('rencana');
  await expect(page.getByTestId('doc-count')).toHaveText('1 dokumen');
  await expect(page.locator('.doc-row [data-testid="run-head"]')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Cari isi dokumen' }).fill('');
  await expect(page.locator('.doc-row [data-testid="run-head"]')).toHaveText(['BAPPEDA: 1 dokumen', 'Dinas Pariwisata: 1 dokumen', 'Perangkat daerah belum diisi: 1 dokumen']);
});

test('a long file name beside a long agency name takes a second line rather than losing its end', async ({ page }) => {
  await newWorkspace(page, 'Kota Panjang');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const long = 'Dinas Kesehatan laporan imunisasi dasar.txt';
  await page.getByTestId('file-input').setInputFiles([text(long, 'Laporan kegiatan Forum Anak. '.repeat(20))]);
  await expect(page.getByTestId('doc-count')).toHaveText('1 dokumen');
  await page.locator('.doc-row .doc-open').click();
  await page.getByRole('combobox', { name: /^Dari perangkat daerah/ }).selectOption({ label: 'Forum Anak Daerah (FAD)' });
  const title = page.locator('.doc-row .doc-open');
  await expect(page.locator('.doc-row [data-testid="row-agency"]')).toHaveText('Forum Anak Daerah (FAD)');
  // two lines, and the whole name is shown (no text cut off)
  const box = await title.evaluate((el) => ({ lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)), cut: el.scrollHeight > el.clientHeight + 1 }));
  expect(box).toEqual({ lines: 2, cut: false });

  // a longer one is cut in its middle: its end, where names of one batch differ, stays in view
  const longer = 'SK Bupati tentang Pembentukan Gugus Tugas Kabupaten Layak Anak revisi ke-10.txt';
  await page.getByTestId('file-input').setInputFiles([text(longer, 'Surat keputusan gugus tugas. '.repeat(20))]);
  const second = page.locator(`.doc-row[data-doc="${longer}"] .doc-open`);
  await expect(second).toHaveText(/^SK Bupati tentang .*….*revisi ke-10\.txt$/);
  await expect(second).toHaveAttribute('aria-label', longer);
  expect(await second.evaluate((el) => el.scrollHeight > el.clientHeight + 1)).toBe(false);
});

test("a search lists the files named for it, then those titled for it, then the rest the text matched", async ({ page }) => {
  await newWorkspace(page, 'Kota Peringkat');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const filler = 'Rapat koordinasi membahas banyak hal tentang pembangunan daerah. '.repeat(30);
  // added one by one, oldest first: newest first would list them in the opposite order
  const batches = [
    text('laporan tahunan.txt', 'LAPORAN KEGIATAN FORUM ANAK KOTA PERINGKAT\n' + filler),
    text('forum-anak-2024.txt', 'Daftar hadir.\n' + filler + ' Forum anak hadir.'),
    text('notulen rapat.txt', 'Notulen rapat koordinasi\n' + filler + ' Perwakilan forum anak ikut bicara.'),
  ];
  for (const [i, f] of batches.entries()) {
    await page.getByTestId('file-input').setInputFiles([f]);
    await expect(page.getByTestId('doc-count')).toHaveText(`${i + 1} dokumen`);
  }
  await page.getByRole('searchbox', { name: 'Cari isi dokumen' }).fill('forum anak');
  await expect(page.getByTestId('doc-count')).toHaveText('3 dokumen');
  await expect.poll(() => names(page)).toEqual(['forum-anak-2024.txt', 'laporan tahunan.txt', 'notulen rapat.txt']);
  await expect(page.getByTestId('search-order')).toHaveText(' · yang cocok di nama lebih dulu, lalu di judul, lalu di isi');
});
