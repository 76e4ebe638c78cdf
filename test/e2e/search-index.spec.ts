import { expect, test, type Page } from './fixtures';
import { formPdf, textPdf } from '../fixtures/evidence/generate';
import { SRA, pdfFile as file } from '../fixtures/evidence/topics';

async function createWorkspace(page: Page, city: string) {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill(city);
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
}

/** Row counts of the search tables, read straight from IndexedDB. */
function indexState(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ segments: number; pending: number; blooms: number }>((resolve, reject) => {
        const req = indexedDB.open('siap-kla');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['segments', 'searchPending', 'blooms']);
          const out = { segments: 0, pending: 0, blooms: 0 };
          const count = (store: string, key: keyof typeof out) => {
            const r = tx.objectStore(store).count();
            r.onsuccess = () => (out[key] = r.result);
          };
          count('segments', 'segments');
          count('searchPending', 'pending');
          count('blooms', 'blooms');
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

/** Removes every stored text: whatever search still finds after this came from the index. */
function dropTexts(page: Page) {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('siap-kla');
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction('texts', 'readwrite');
          tx.objectStore('texts').clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

const pdf = async (name: string, lines: string[], seed: number) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ pages: 2, seed, lines })) });

/** A new workspace whose Bukti holds one PDF of these lines, read and indexed. */
async function withOneIndexed(page: Page, city: string, name: string, lines: string[], seed: number) {
  await createWorkspace(page, city);
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([await pdf(name, lines, seed)]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  await expect.poll(async () => (await indexState(page)).pending, { timeout: 30_000 }).toBe(0);
}

test('search answers from a persisted index: words, phrases, codes; after a reload nothing is rebuilt and no text is read to find', async ({ page }) => {
  test.setTimeout(120_000);
  await createWorkspace(page, 'Kota Indeks');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const files = [
    await pdf('sk-gugus.pdf', ['KEPUTUSAN WALI KOTA INDEKS', 'Nomor 188.45/321/KEP/2024 tentang Gugus Tugas'], 1),
    await pdf('posyandu.pdf', ['Laporan Posyandu Mawar', 'pemeriksaan tumbuh kembang balita'], 2),
    await pdf('forum.pdf', ['Musyawarah Duta Pelopor Remaja', 'usulan untuk Musrenbang'], 3),
  ];
  await page.getByTestId('file-input').setInputFiles(files);
  await expect(page.getByTestId('intake-overall')).toHaveText('3 dari 3 selesai', { timeout: 60_000 });
  // the search worker indexes the batch in the background
  await expect.poll(async () => (await indexState(page)).pending, { timeout: 30_000 }).toBe(0);
  const before = await indexState(page);
  expect(before.segments).toBeGreaterThan(0);
  expect(before.blooms).toBe(3);

  const search = page.getByLabel('Cari isi dokumen');
  const count = page.getByTestId('doc-count');
  await search.fill('posyandu mawar');
  await expect(count).toHaveText('1 dokumen');
  await expect(page.locator('.doc-row')).toHaveAttribute('data-doc', 'posyandu.pdf');
  await expect(page.getByTestId('snippet').first()).toContainText('Posyandu');
  // the generated pages are random words of a small vocabulary: the phrase uses words outside it
  await search.fill('"duta pelopor"');
  await expect(count).toHaveText('1 dokumen');
  await search.fill('"pelopor duta"');
  await expect(count).toHaveText('0 dokumen');
  await search.fill('188.45/321/KEP/2024');
  await expect(count).toHaveText('1 dokumen');
  await expect(page.locator('.doc-row')).toHaveAttribute('data-doc', 'sk-gugus.pdf');

  // reload: the index is still there, unchanged, with nothing pending (nothing rebuilt)
  await page.reload();
  await expect(page.getByTestId('doc-count')).toHaveText('3 dokumen');
  expect(await indexState(page)).toEqual(before);
  // with every stored text gone, search still finds documents: the answer comes from the index
  await dropTexts(page);
  await page.getByLabel('Cari isi dokumen').fill('tumbuh kembang');
  await expect(page.getByTestId('doc-count')).toHaveText('1 dokumen');
  await expect(page.locator('.doc-row')).toHaveAttribute('data-doc', 'posyandu.pdf');
  await expect(page.getByTestId('snippet')).toHaveCount(0); // excerpts need the text, which is gone
});

test('a filled PDF form and its sticky notes are read: their text is found, on its page', async ({ page }) => {
  test.setTimeout(90_000);
  await createWorkspace(page, 'Kota Formulir');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const form = await formPdf({
    fields: { nama_kegiatan: 'Pelatihan konselor sebaya Puspaga Cempaka Wangi', nomor_sk: '463/077/PUSPAGA/2024' },
    notes: ['Lampirkan daftar hadir peserta konseling'],
  });
  await page.getByTestId('file-input').setInputFiles([{ name: 'formulir-isian.pdf', mimeType: 'application/pdf', buffer: Buffer.from(form) }]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  await expect.poll(async () => (await indexState(page)).pending, { timeout: 30_000 }).toBe(0);
  const search = page.getByLabel('Cari isi dokumen');
  const count = page.getByTestId('doc-count');
  // a field's value, not printed in the page's own content
  await search.fill('"konselor sebaya"');
  await expect(count).toHaveText('1 dokumen');
  await expect(page.getByTestId('snippet').first()).toContainText('Cempaka Wangi');
  await search.fill('463/077/PUSPAGA/2024');
  await expect(count).toHaveText('1 dokumen');
  // a sticky note on page 2: found, and its excerpt names that page
  await search.fill('"daftar hadir peserta konseling"');
  await expect(count).toHaveText('1 dokumen');
  await expect(page.getByTestId('snippet').first()).toContainText('hlm. 2:');
});

test('a search typed while a document waits for the index finds it once it is indexed, without retyping', async ({ page }) => {
  test.setTimeout(90_000);
  await createWorkspace(page, 'Kota Antre');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  // the query is asked before the document exists, so surely before its text is indexed (waiting
  // to see "mengindeks" was a race on a loaded machine: the index can be quicker than the test)
  const count = page.getByTestId('doc-count');
  await page.getByLabel('Cari isi dokumen').fill('"belajar masyarakat melati"');
  await expect(count).toContainText('0 dokumen');
  await page.getByTestId('file-input').setInputFiles([await pdf('laporan-pkbm.pdf', ['Laporan Kejar Paket Pusat Kegiatan Belajar Masyarakat Melati'], 4)]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  await expect(count).toHaveText('1 dokumen', { timeout: 30_000 });
  await expect(page.locator('.doc-row')).toHaveAttribute('data-doc', 'laporan-pkbm.pdf');
});

test('a misspelt search that finds nothing offers the word as the documents spell it, and one click searches it', async ({ page }) => {
  test.setTimeout(90_000);
  await withOneIndexed(page, 'Kota Ejaan', 'laporan-dinsos.pdf', ['Laporan Dinas Sosial', 'Program kesejahteraan sosial anak terlantar'], 8);
  const search = page.getByLabel('Cari isi dokumen');
  await search.fill('kesejahtraan anak');
  await expect(page.getByTestId('no-match')).toContainText('Tidak ada dokumen yang cocok.');
  const offer = page.getByTestId('did-you-mean');
  await expect(offer).toHaveText('Maksud Anda: kesejahteraan anak? (1 dokumen)');
  await offer.getByRole('button', { name: 'Cari kesejahteraan anak: 1 dokumen' }).click();
  await expect(search).toHaveValue('kesejahteraan anak');
  await expect(page.getByTestId('doc-count')).toHaveText('1 dokumen');
  await expect(page.locator('.doc-row')).toHaveAttribute('data-doc', 'laporan-dinsos.pdf');
  // a word nothing resembles is only "no match"
  await search.fill('qwertyuiop');
  await expect(page.getByTestId('no-match')).toBeVisible();
  await expect(page.getByTestId('did-you-mean')).toHaveCount(0);
});

test('a search worker that fails is replaced: a search typed after it is answered by a new one', async ({ page }) => {
  test.setTimeout(90_000);
  await withOneIndexed(page, 'Kota Pulih', 'laporan-tbm.pdf', ['Laporan Taman Bacaan Masyarakat Kenanga', 'kunjungan anak membaca'], 5);
  const search = page.getByLabel('Cari isi dokumen');
  const count = page.getByTestId('doc-count');
  await search.fill('"bacaan masyarakat kenanga"');
  await expect(count).toHaveText('1 dokumen');

  // an uncaught error inside the worker (what a fault in reading or indexing would raise)
  const searchWorkers = () => page.workers().filter((w) => /search\.worker/.test(w.url()));
  const [first] = searchWorkers();
  const replaced = page.waitForEvent('console', (m) => /search worker replaced \(error: .*fault injected/.test(m.text()));
  await first.evaluate(() => void setTimeout(() => {
    throw new Error('fault injected by the test');
  }, 0));
  await replaced;
  await expect.poll(() => searchWorkers().includes(first)).toBe(false);

  // the next query goes to a new worker, which reads the persisted index
  // the list shows the last answer until the new one comes: wait for the answer to this query
  await search.fill('"taman bacaan"');
  await expect(count).toHaveAttribute('data-query', '"taman bacaan"');
  await expect(count).toHaveText('1 dokumen');
  await expect(page.locator('.doc-row')).toHaveAttribute('data-doc', 'laporan-tbm.pdf');
  await expect(page.getByTestId('search-failed')).toHaveCount(0);
  await expect.poll(() => searchWorkers().length).toBe(1);
});

test('without a search worker (its script cannot load) Bukti says content search is unavailable and Berkas that the personal-data check did not run', async ({ browser }) => {
  test.setTimeout(90_000);
  // no service worker: it would serve the script from its cache
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route(/search\.worker/, (r) => r.abort());
  await createWorkspace(page, 'Kota Tanpa Pencari');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([await pdf('laporan-tbm.pdf', ['Laporan Taman Bacaan Masyarakat Kenanga'], 6)]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  await page.getByLabel('Cari isi dokumen').fill('"taman bacaan"');
  // not "0 documents" as if nothing matched: the officer is told why, and that names still match
  await expect(page.getByTestId('search-failed')).toContainText('isi dokumen tidak dapat dicari saat ini');
  await page.getByLabel('Cari isi dokumen').fill('laporan-tbm');
  await expect(page.getByTestId('doc-count')).toContainText('1 dokumen');
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  await expect(page.getByTestId('privacy-failed')).toContainText('belum dapat diperiksa untuk data pribadi');

  // the misfile flags, which that worker works out, are worked out by the page
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([file('laporan-sra.pdf', await textPdf({ lines: SRA, seed: 7 }))]);
  await expect(page.getByTestId('intake-overall')).toHaveText('2 dari 2 selesai', { timeout: 60_000 });
  await page.getByLabel('Cari isi dokumen').fill('laporan-sra');
  await page.locator('.doc-row[data-doc="laporan-sra.pdf"]').click();
  await page.getByLabel('Kode pertanyaan').fill('4.1');
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  await expect(page.getByTestId('flag')).toContainText('Salah klaster?');
  await expect(page.getByTestId('flags-badge')).toHaveAttribute('data-computed-in', 'page');
  await context.close();
});
