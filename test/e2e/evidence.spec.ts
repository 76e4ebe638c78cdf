import { expect, test, typeLink, type Page } from './fixtures';
import { corruptPdf, docx, encryptedPdf, ENCRYPTED_PDF_PASSWORD, scannedPdf, textPdf } from '../fixtures/evidence/generate';

async function createWorkspace(page: Page, city: string) {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill(city);
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
}

/** A PNG with printed Indonesian text, drawn by the browser itself (for OCR). */
async function textPng(page: Page, lines: string[]): Promise<Buffer> {
  const dataUrl = await page.evaluate((lines) => {
    const c = document.createElement('canvas');
    c.width = 1400;
    c.height = 120 + lines.length * 70;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.fillStyle = '#000';
    ctx.font = '44px "DejaVu Sans", "Liberation Sans", sans-serif';
    lines.forEach((l, i) => ctx.fillText(l, 60, 100 + i * 70));
    return c.toDataURL('image/png');
  }, lines);
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

const file = (name: string, bytes: Uint8Array | Buffer, mimeType = 'application/octet-stream') => ({ name, mimeType, buffer: Buffer.from(bytes) });

function item(page: Page, name: string) {
  return page.locator(`.intake-item[data-name="${name}"]`);
}

test('drop PDFs, an image, a DOCX, an encrypted and a corrupt PDF: good ones stored, read, searchable, linked; bad ones explained; all survives an offline reload', async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await createWorkspace(page, 'Kota Bukti');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();

  const png = await textPng(page, ['DINAS KESEHATAN KOTA BUKTI', 'Laporan imunisasi dasar lengkap', 'Posyandu Melati tahun 2024']);
  const scanPng = await textPng(page, ['PEMERINTAH KOTA BUKTI', 'Keputusan tentang Forum Anak Daerah', 'Pelopor dan Pelapor']);
  const sk = await textPdf({ pages: 3, title: 'SK Gugus Tugas KLA', lines: ['KEPUTUSAN WALI KOTA BUKTI', 'tentang Gugus Tugas Kabupaten Kota Layak Anak', 'Ditetapkan pada tanggal 12 Januari 2024'] });
  const files = [
    file('SK Gugus Tugas.pdf', sk, 'application/pdf'),
    file('scan-forum-anak.pdf', await scannedPdf(scanPng), 'application/pdf'),
    file('foto-imunisasi.png', png, 'image/png'),
    file('notulen rapat.docx', await docx(['Notulen rapat koordinasi', 'Pembahasan Pusat Kreativitas Anak dan sanggar budaya']), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    file('terkunci.pdf', encryptedPdf(), 'application/pdf'),
    file('rusak.pdf', corruptPdf(), 'application/pdf'),
    file('kosong.pdf', new Uint8Array(), 'application/pdf'),
    file('program.exe.pdf', Buffer.from('MZ\x90\x00this is not a pdf at all'), 'application/pdf'),
  ];
  await page.getByTestId('file-input').setInputFiles(files);

  await expect(page.getByTestId('intake-overall')).toHaveText(`${files.length} dari ${files.length} selesai`, { timeout: 150_000 });
  await expect(item(page, 'SK Gugus Tugas.pdf')).toHaveAttribute('data-state', 'stored');
  await expect(item(page, 'scan-forum-anak.pdf')).toHaveAttribute('data-state', 'stored');
  await expect(item(page, 'foto-imunisasi.png')).toHaveAttribute('data-state', 'stored');
  await expect(item(page, 'notulen rapat.docx')).toHaveAttribute('data-state', 'stored');
  await expect(item(page, 'terkunci.pdf')).toContainText('PDF terkunci kata sandi');
  await expect(item(page, 'rusak.pdf')).toContainText('PDF rusak atau terpotong');
  await expect(item(page, 'kosong.pdf')).toHaveAttribute('data-state', 'rejected');
  await expect(item(page, 'kosong.pdf')).toContainText('Berkas kosong');
  await expect(item(page, 'program.exe.pdf')).toHaveAttribute('data-state', 'rejected');
  await expect(item(page, 'program.exe.pdf')).toContainText('tidak didukung');
  // the batch's outcome in one line, the refusals listed first
  await expect(page.getByTestId('intake-tally')).toHaveText('6 tersimpan · 2 ditolak atau gagal');
  const firstRows = await page.locator('.intake-item').evaluateAll((els) => els.slice(0, 4).map((e) => e.getAttribute('data-name')));
  expect(firstRows).toEqual(['terkunci.pdf', 'rusak.pdf', 'kosong.pdf', 'program.exe.pdf']);
  // the finished batch folds to what needs the officer, and the drop area to one line, so that
  // Bukti's list keeps its room at 768 px (the tenth walk); the rest is one click away
  await expect(item(page, 'terkunci.pdf')).toBeVisible();
  await expect(item(page, 'SK Gugus Tugas.pdf')).toBeHidden();
  await expect(page.getByTestId('drop-area')).toHaveAttribute('title', /maksimal 50 MB per berkas/);
  await expect(page.getByTestId('drop-area').getByText(/maksimal 50 MB/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Tampilkan semua berkas (8)' }).click();
  await expect(item(page, 'SK Gugus Tugas.pdf')).toBeVisible();
  await page.getByRole('button', { name: 'Tampilkan yang perlu diperiksa saja' }).click();
  await expect(item(page, 'SK Gugus Tugas.pdf')).toBeHidden();

  // the same bytes again: stored once, the officer is told
  await page.getByTestId('file-input').setInputFiles([file('SK Gugus Tugas (salinan).pdf', sk, 'application/pdf')]);
  await expect(item(page, 'SK Gugus Tugas (salinan).pdf')).toHaveAttribute('data-state', 'duplicate');
  await expect(item(page, 'SK Gugus Tugas (salinan).pdf')).toContainText('sama persis dengan SK Gugus Tugas.pdf');
  await expect(page.getByTestId('doc-count')).toHaveText('6 dokumen');

  // first-page thumbnails: images at intake, PDFs made right after the batch
  await expect(page.locator('.doc-row[data-doc="SK Gugus Tugas.pdf"] [data-testid="thumb"]')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.doc-row[data-doc="foto-imunisasi.png"] [data-testid="thumb"]')).toBeVisible();
  // rows remounted by a search keep their thumbnail (cached, not read and made again)
  const skThumb = page.locator('.doc-row[data-doc="SK Gugus Tugas.pdf"] [data-testid="thumb"]');
  const thumbUrl = await skThumb.getAttribute('src');
  await page.getByLabel('Cari isi dokumen').fill('tidak ada kata seperti ini');
  await expect(page.locator('.doc-row')).toHaveCount(0);
  await page.getByLabel('Cari isi dokumen').fill('');
  await expect(skThumb).toHaveAttribute('src', thumbUrl!);

  // full-text search: text layer, OCR of a scanned PDF, OCR of an image, DOCX
  const search = page.getByLabel('Cari isi dokumen');
  await search.fill('gugus tugas');
  await expect(page.locator('.doc-row')).toHaveCount(1);
  await expect(page.locator('.doc-row mark').first()).toHaveText(/gugus/i);
  await search.fill('forum anak');
  await expect(page.locator('.doc-row[data-doc="scan-forum-anak.pdf"]')).toBeVisible();
  await search.fill('imunisasi');
  await expect(page.locator('.doc-row[data-doc="foto-imunisasi.png"]')).toBeVisible();
  await search.fill('kreativitas');
  await expect(page.locator('.doc-row[data-doc="notulen rapat.docx"]')).toBeVisible();
  await search.fill('');

  // previews share one pdf.js worker: a worker started for each opened PDF made opening one
  // take a second on a busy laptop
  const previewWorkers: string[] = [];
  page.on('worker', (w) => void (/pdf\.worker/.test(w.url()) && previewWorkers.push(w.url())));
  for (const name of ['scan-forum-anak.pdf', 'terkunci.pdf', 'SK Gugus Tugas.pdf', 'scan-forum-anak.pdf']) {
    await page.locator(`.doc-row[data-doc="${name}"]`).click();
    if (name !== 'terkunci.pdf') await expect(page.locator('[data-testid="pdf-canvas"][data-drawn="1"]')).toBeVisible();
  }
  expect(previewWorkers).toHaveLength(1);

  // preview and link from the document side, with a page citation
  await page.locator('.doc-row[data-doc="SK Gugus Tugas.pdf"]').click();
  await expect(page.getByTestId('doc-detail')).toContainText('3 hlm.');
  // the document's own date reads like every other date; its SHA-256 waits under Rincian teknis
  await expect(page.getByTestId('doc-detail')).toContainText('Tanggal dokumen: 12 Jan 2024');
  await expect(page.getByTestId('doc-technical').getByText(/SHA-256/)).toBeHidden();
  await expect(page.getByTestId('pdf-canvas')).toBeVisible();
  await typeLink(page, '2.1', '2');
  await expect(page.getByTestId('doc-links')).toContainText('2.1');
  await expect(page.getByTestId('doc-links')).toContainText('hlm. 2');
  // a typed link says what it did and can be taken back, as every other link step
  await expect(page.getByTestId('toast')).toContainText('SK Gugus Tugas.pdf ditautkan ke 2.1, hlm. 2.');
  await page.getByTestId('toast').getByRole('button', { name: 'Urungkan' }).click();
  await expect(page.getByTestId('doc-links')).not.toContainText('2.1');
  await typeLink(page, '2.1', '2');
  await expect(page.getByTestId('doc-links')).toContainText('hlm. 2');
  // citing other pages for the same question: Urungkan puts the old citation back
  await typeLink(page, '2.1', '1-3');
  await expect(page.getByTestId('doc-links')).toContainText('hlm. 1–3');
  await page.getByTestId('toast').getByRole('button', { name: 'Urungkan' }).click();
  await expect(page.getByTestId('doc-links')).toContainText('hlm. 2');
  await expect(page.getByTestId('doc-links')).not.toContainText('hlm. 1–3');
  await typeLink(page, '99.9');
  await expect(page.getByText('Kode 99.9 tidak ada di instrumen.')).toBeVisible();
  // an indicator's code, or a run typed backwards, is explained with what to write instead
  await typeLink(page, 'indikator 4');
  await expect(page.getByText('4 adalah kode indikator; tautkan ke salah satu pertanyaannya, misalnya 4.1.')).toBeVisible();
  await typeLink(page, '2.2', '3-2');
  await expect(page.getByText('Rentang "3-2" terbalik: tulis 2-3.')).toBeVisible();
  // the page box is the one marked wrong, not the code's (the eighth walk)
  await expect(page.getByLabel('Halaman (opsional)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Kode pertanyaan')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('doc-links')).not.toContainText('2.2');
  // a list of pages: one link cites one run, and the message names the run that holds them
  await typeLink(page, '2.2', '1, 3');
  await expect(page.getByText('Satu tautan mengutip satu halaman atau satu rentang, bukan "1, 3": tulis rentang 1-3, atau halaman yang paling menjawab pertanyaan ini.')).toBeVisible();
  await expect(page.getByTestId('doc-links')).not.toContainText('2.2');
  await page.getByLabel('Halaman (opsional)').fill('');

  // the encrypted PDF opens with its password
  await page.locator('.doc-row[data-doc="terkunci.pdf"]').click();
  await page.getByLabel('Kata sandi PDF').fill('salah');
  await page.getByRole('button', { name: 'Buka dengan kata sandi' }).click();
  await expect(page.getByText('Kata sandi salah.')).toBeVisible();
  await page.getByLabel('Kata sandi PDF').fill(ENCRYPTED_PDF_PASSWORD);
  await page.getByRole('button', { name: 'Buka dengan kata sandi' }).click();
  await expect(page.getByTestId('doc-text')).toContainText('RAHASIA');

  // link from the question side; counts and the "answered without evidence" flag
  await page.getByRole('link', { name: 'Instrumen' }).click();
  await page.locator('[data-indicator="2"]').click();
  await expect(page.locator('[data-code="2.1"]')).toContainText('bukti 1');
  await page.locator('[data-code="2.2"]').click();
  await page.getByLabel('Nilai diberikan').fill('2');
  await page.getByLabel('Nilai diberikan').press('Enter');
  await expect(page.locator('[data-code="2.2"] [data-flag="no-evidence"]')).toBeVisible();
  await page.getByLabel('Tautkan dokumen yang sudah ada').fill('notulen');
  await page.getByRole('button', { name: '+ notulen rapat.docx' }).click();
  await expect(page.getByTestId('question-evidence')).toContainText('notulen rapat.docx');
  await expect(page.locator('[data-code="2.2"] [data-flag="no-evidence"]')).toHaveCount(0);
  await expect(page.locator('[data-code="2.2"]')).toContainText('bukti 1');

  // offline reload: everything is still there, bytes included
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('question-evidence')).toContainText('notulen rapat.docx');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await expect(page.getByTestId('doc-count')).toHaveText('6 dokumen');
  await page.getByLabel('Cari isi dokumen').fill('imunisasi');
  await expect(page.locator('.doc-row[data-doc="foto-imunisasi.png"]')).toBeVisible();
  await page.getByLabel('Cari isi dokumen').fill('');
  await page.locator('.doc-row[data-doc="SK Gugus Tugas.pdf"]').click();
  await expect(page.getByTestId('pdf-canvas')).toBeVisible();
  const bytesOk = await page.evaluate(async () => {
    const req = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    const tx = db.transaction(['documents', 'blobs'], 'readonly');
    const docs: { id: string; size: number }[] = await new Promise((r) => {
      const q = tx.objectStore('documents').getAll();
      q.onsuccess = () => r(q.result);
    });
    const sizes = await Promise.all(
      docs.map(
        (d) =>
          new Promise<boolean>((r) => {
            const q = tx.objectStore('blobs').get(d.id);
            q.onsuccess = () => r(q.result.data.size === d.size);
          }),
      ),
    );
    db.close();
    return sizes.every(Boolean) && sizes.length === 6;
  });
  expect(bytesOk).toBe(true);
  expect(errors).toEqual([]);
});

test('a batch interrupted by closing the tab leaves every finished file whole and no orphan parts', async ({ context }) => {
  test.setTimeout(120_000);
  const page = await context.newPage();
  await createWorkspace(page, 'Kota Putus');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const files = [];
  // enough files that the batch cannot finish between two looks (40 once did, on a fast run)
  const N = 100;
  for (let i = 0; i < N; i++) files.push(file(`dok-${String(i).padStart(3, '0')}.pdf`, await textPdf({ pages: 1 + (i % 12), seed: i + 1 }), 'application/pdf'));
  await page.getByTestId('file-input').setInputFiles(files);
  // wait until some, but not all, are stored, then close the tab mid-batch
  await expect.poll(async () => page.locator('.intake-item[data-state="stored"]').count(), { timeout: 60_000, intervals: [50] }).toBeGreaterThan(3);
  const storedBefore = await page.locator('.intake-item[data-state="stored"]').count();
  expect(storedBefore).toBeLessThan(N);
  const url = page.url();
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(url);
  await expect(again.getByTestId('doc-count')).toBeVisible();
  const report = await again.evaluate(async () => {
    const req = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    const all = <T,>(store: string) =>
      new Promise<T[]>((r) => {
        const q = db.transaction(store, 'readonly').objectStore(store).getAll();
        q.onsuccess = () => r(q.result as T[]);
      });
    const keys = (store: string) =>
      new Promise<string[]>((r) => {
        const q = db.transaction(store, 'readonly').objectStore(store).getAllKeys();
        q.onsuccess = () => r(q.result as string[]);
      });
    const docs = await all<{ id: string; size: number }>('documents');
    const blobKeys = await keys('blobs');
    const textKeys = await keys('texts');
    const blobs = await all<{ id: string; data: Blob }>('blobs');
    db.close();
    const ids = new Set(docs.map((d) => d.id));
    return {
      docs: docs.length,
      orphanBlobs: blobKeys.filter((k) => !ids.has(k.replace(/#thumb$/, ''))).length,
      orphanTexts: textKeys.filter((k) => !ids.has(k)).length,
      docsWithoutBytes: docs.filter((d) => !blobKeys.includes(d.id)).length,
      docsWithoutText: docs.filter((d) => !textKeys.includes(d.id)).length,
      wrongSizes: docs.filter((d) => blobs.find((b) => b.id === d.id)?.data.size !== d.size).length,
    };
  });
  expect(report.docs).toBeGreaterThanOrEqual(storedBefore);
  expect(report.docs).toBeLessThan(N);
  expect(report).toMatchObject({ orphanBlobs: 0, orphanTexts: 0, docsWithoutBytes: 0, docsWithoutText: 0, wrongSizes: 0 });
  await expect(again.getByTestId('doc-count')).toHaveText(`${report.docs} dokumen`);
});

test('cancel stops the queue and stores nothing half-done', async ({ page }) => {
  test.setTimeout(120_000);
  await createWorkspace(page, 'Kota Batal');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const files = [];
  // enough files (all shown: the panel lists up to 60) that the batch cannot end between the
  // poll and the click (then "Bersihkan daftar" takes Batalkan's place under the pointer): 30
  // could, since text is read by PDFium
  for (let i = 0; i < 60; i++) files.push(file(`b-${i}.pdf`, await textPdf({ pages: 10, seed: 100 + i }), 'application/pdf'));
  await page.getByTestId('file-input').setInputFiles(files);
  await expect.poll(async () => page.locator('.intake-item[data-state="stored"]').count(), { timeout: 60_000 }).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Batalkan' }).click();
  await expect(page.getByRole('button', { name: 'Bersihkan daftar' })).toBeVisible();
  // a file already being written when cancel was pressed still completes (never half-written)
  await expect.poll(async () => (await page.locator('.intake-item[data-state="stored"]').count()) + (await page.locator('.intake-item[data-state="cancelled"]').count())).toBe(60);
  const stored = await page.locator('.intake-item[data-state="stored"]').count();
  expect(await page.locator('.intake-item[data-state="cancelled"]').count()).toBeGreaterThan(0);
  await page.waitForTimeout(1500); // a worker that was terminated must not write afterwards
  await expect(page.getByTestId('doc-count')).toHaveText(`${stored} dokumen`);
});

test('size limit from the settings, a wrong extension, an archive and a PDF with scripts are each explained', async ({ page }) => {
  test.setTimeout(120_000);
  await createWorkspace(page, 'Kota Batas');
  await page.getByRole('link', { name: 'Pengaturan' }).click();
  const limit = page.getByLabel('Batas ukuran per berkas bukti (MB)');
  await limit.fill('1');
  await limit.blur();
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await expect(page.getByText('maksimal 1 MB per berkas')).toBeVisible();
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1.5 * 1024 * 1024, 0x20)]);
  const png = await textPng(page, ['Foto kegiatan Forum Anak']);
  const scripted = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n4 0 obj << /S /JavaScript /JS (app.alert\\(1\\)) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
  await page.getByTestId('file-input').setInputFiles([
    file('terlalu-besar.pdf', big, 'application/pdf'),
    file('foto-kegiatan.pdf', png, 'application/pdf'),
    file('berskrip.pdf', scripted, 'application/pdf'),
    file('catatan-rapat.pdf', Buffer.from('Catatan rapat Gugus Tugas KLA, 3 Mei 2024'), 'application/pdf'),
    file('bukti-klaster-4.zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('klaster4/foto.jpg')]), 'application/zip'),
  ]);
  await expect(page.getByTestId('intake-overall')).toHaveText('5 dari 5 selesai', { timeout: 60_000 });
  await expect(item(page, 'catatan-rapat.pdf')).toHaveAttribute('data-state', 'stored');
  await expect(item(page, 'catatan-rapat.pdf')).toContainText('isinya teks biasa: disimpan sebagai teks');
  await expect(item(page, 'bukti-klaster-4.zip')).toHaveAttribute('data-state', 'rejected');
  await expect(item(page, 'bukti-klaster-4.zip')).toContainText('ekstrak dulu');
  await expect(item(page, 'terlalu-besar.pdf')).toHaveAttribute('data-state', 'rejected');
  await expect(item(page, 'terlalu-besar.pdf')).toContainText('melebihi batas 1 MB');
  await expect(item(page, 'foto-kegiatan.pdf')).toHaveAttribute('data-state', 'stored');
  await expect(item(page, 'foto-kegiatan.pdf')).toContainText('Ekstensi .pdf tidak sesuai isi (png)');
  await expect(item(page, 'berskrip.pdf')).toHaveAttribute('data-state', 'stored');
  await page.locator('.doc-row[data-doc="berskrip.pdf"]').click();
  await expect(page.getByTestId('doc-detail')).toContainText('Skrip tidak pernah dijalankan');
  await expect(page.getByTestId('doc-count')).toHaveText('3 dokumen');

  // "only files with reading problems": each row says its problem (the scripted PDF said nothing:
  // the tenth walk), and ticking it leaves the search box as wide as it was
  const search = page.getByRole('searchbox', { name: 'Cari isi dokumen' });
  const before = (await search.boundingBox())!.width;
  await page.getByLabel('Hanya yang bermasalah saat dibaca').check();
  await expect(page.getByTestId('doc-count')).toHaveText('1 dokumen'); // a wrong extension is the intake's note, not a reading problem
  await expect(page.locator('.doc-row[data-doc="berskrip.pdf"] .doc-row-sub')).toContainText('skrip atau aksi otomatis; skripnya tidak pernah dijalankan');
  // the problem has a line of its own, under what the row says of its links (the eleventh walk:
  // drawn over a suggestion, whose Tautkan it covered)
  const linkLine = (await page.locator('.doc-row[data-doc="berskrip.pdf"] .doc-row-sub > span').first().boundingBox())!;
  const problemLine = (await page.locator('.doc-row[data-doc="berskrip.pdf"] [data-testid="row-problem"]').boundingBox())!;
  expect(problemLine.y).toBeGreaterThanOrEqual(linkLine.y + linkLine.height - 1);
  expect((await search.boundingBox())!.width).toBe(before);
});

test('after a batch, first pages are drawn only for the rows still on screen, not for every row shown during it', { tag: '@long' }, async ({ page }) => {
  test.setTimeout(180_000);
  await createWorkspace(page, 'Kota Sampul');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const files = [];
  for (let i = 0; i < 80; i++) files.push(file(`s-${i}.pdf`, await textPdf({ pages: 12, seed: 500 + i }), 'application/pdf'));
  // one batch long enough that the list, polled every few seconds, shows different rows at its top
  await page.getByTestId('file-input').setInputFiles(files);
  await expect(page.getByTestId('intake-overall')).toContainText('80 dari 80 selesai', { timeout: 150_000 });
  await expect(page.getByTestId('doc-count')).toHaveText('80 dokumen');
  const onScreen = await page.locator('.doc-row').count();
  // the visible rows get theirs
  await expect(page.locator('.doc-row [data-testid="thumb"]').first()).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(8000); // anything still queued would be drawn by now
  const thumbs = await page.evaluate(async () => {
    const req = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    const keys: IDBValidKey[] = await new Promise((r) => {
      const q = db.transaction('blobs').objectStore('blobs').getAllKeys();
      q.onsuccess = () => r(q.result);
    });
    db.close();
    return keys.filter((k) => String(k).endsWith('#thumb')).length;
  });
  expect(thumbs).toBeGreaterThan(0);
  expect(thumbs).toBeLessThanOrEqual(onScreen);
});
