import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, rulesFile, test, typeLink, type BrowserContext, type Page } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';
import { writeCityExchange } from './cityFiles';

/**
 * Agency packs without a hub (issue 12): the officer makes Disdukcapil's pack on Perangkat Daerah;
 * the agency opens it in its own browser (its questions only, no points), attaches a report,
 * links it and writes its notes, and exports a response; the officer takes it in: the document
 * is stored and linked, the notes taken, the points kept, the history names the agency, and the
 * same file again changes nothing.
 */
async function newProfile(browser: import('@playwright/test').Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', acceptDownloads: true });
  // no native save dialog in a test: the app falls back to a verified download
  await ctx.addInitScript(() => {
    delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  return ctx;
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return (await dl.path())!;
}

test('a pack goes to an agency and its response comes back linked, noted and logged, once', async ({ browser }) => {
  test.setTimeout(180_000);
  // ------------------------------------------------------------ the officer makes the pack
  const cityCtx = await newProfile(browser);
  const city = await cityCtx.newPage();
  await city.goto('/');
  await city.getByLabel('Kabupaten/Kota').fill('Kota Paket');
  await city.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(city.getByTestId('total')).toBeVisible();
  const wsUrl = city.url().replace(/\/$/, '');
  await city.goto(`${wsUrl}/instrumen/4/4.1`);
  const points = city.getByLabel(/Nilai diberikan/);
  await points.fill('1');
  await points.press('Enter');
  await expect(city.getByTestId('total')).toHaveText('1');
  // the city already holds a register for 4.1: the pack names it, so the agency does not send it again
  await city.getByRole('link', { name: 'Bukti', exact: true }).click();
  await city.getByTestId('file-input').setInputFiles([{ name: 'register-akta-2024.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines: ['REGISTER AKTA KELAHIRAN 2024', 'Rekap penerbitan akta kelahiran anak per kecamatan'], seed: 41 })) }]);
  await expect(city.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  await city.locator('.doc-row[data-doc="register-akta-2024.pdf"]').click();
  await typeLink(city, '4.1');
  await expect(city.getByTestId('doc-links')).toContainText('4.1');
  await city.getByRole('link', { name: 'Perangkat Daerah', exact: true }).click();
  const pack = await download(city, () => city.getByRole('button', { name: 'Buat paket .kla untuk Disdukcapil' }).click());
  // said under the agency's own row, where the click was (at the top of the page it was off-screen)
  await expect(city.locator('tr[data-agency="disdukcapil"] + tr.row-notice').getByTestId('pack-done')).toContainText('Paket untuk Disdukcapil disimpan');
  await expect(city.getByTestId('pack-done')).toBeInViewport();
  // the page keeps the round trip: to whom a pack went, and that no answer has come yet
  const exchange = city.locator('tr[data-agency="disdukcapil"] [data-testid="agency-exchange"]');
  await expect(exchange).toContainText(/Paket dibuat .* · belum dijawab$/);
  await expect(city.locator('tr[data-agency="dinsos"] [data-testid="agency-exchange"]')).toHaveText('');
  await expect(city.getByTestId('exchange-totals')).toHaveText('Paket dibuat untuk 1 perangkat daerah: 0 sudah menjawab, 1 belum. Belum menjawab: Disdukcapil.');

  // ------------------------------------------------------------- the agency, in its own browser
  const opdCtx = await newProfile(browser);
  const opd = await opdCtx.newPage();
  await opd.goto('/');
  await opd.getByLabel('OPD: buka paket pertanyaan dari DP3AKB').check();
  await opd.getByTestId('open-file').setInputFiles(pack);
  await expect(opd.getByTestId('agency-mode')).toHaveText('Mode OPD: Disdukcapil');
  // its questions only, and no points anywhere
  await expect(opd.locator('[data-code="4.1"]')).toBeVisible();
  await expect(opd.locator('[data-code="2.1"]')).toHaveCount(0);
  await expect(opd.getByRole('link', { name: 'Beranda' })).toHaveCount(0);
  // what the city holds is named, beside the agency's own (none yet), and 4.1 is not "ready without evidence"
  await expect(opd.locator('[data-code="4.1"]')).toContainText('bukti 0 (+1 sudah di DP3AKB)');
  await opd.locator('[data-code="4.1"]').click();
  await expect(opd.getByTestId('held-at-city')).toContainText('Sudah dipegang DP3AKB (1), tidak perlu dikirim lagi:');
  await expect(opd.getByTestId('held-at-city')).toContainText('register-akta-2024.pdf');
  await expect(opd.getByTestId('question-evidence')).not.toContainText('Belum ada bukti dukung');
  await expect(opd.getByLabel(/Nilai diberikan/)).toBeHidden();
  // nor in the indicator tree or the question list
  await expect(opd.locator('.tree-ind .num:visible, .tree-group h3 .num:visible, .q-points:visible')).toHaveCount(0);
  await opd.getByLabel('Catatan untuk DP3AKB').fill('Akta terbit 1.204 lembar di RSUD, laporan terlampir');
  await opd.getByLabel('Catatan untuk DP3AKB').blur();
  await opd.getByRole('radio', { name: 'Siap', exact: true }).check();

  await opd.getByRole('link', { name: 'Bukti', exact: true }).click();
  await opd.getByTestId('file-input').setInputFiles([{ name: 'laporan-akta-rsud.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines: ['LAPORAN PENERBITAN AKTA KELAHIRAN', 'Pelayanan akta kelahiran di RSUD: 1.204 akta diterbitkan'], seed: 5 })) }]);
  await expect(opd.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  await opd.locator('.doc-row[data-doc="laporan-akta-rsud.pdf"]').click();
  // another agency's question cannot be linked from here
  await typeLink(opd, '2.1');
  await expect(opd.getByText('Pertanyaan 2.1 tidak ditugaskan ke Disdukcapil.')).toBeVisible();
  await typeLink(opd, '4.1', '1');
  await expect(opd.getByTestId('doc-links')).toContainText('4.1');

  await opd.getByRole('link', { name: 'Berkas', exact: true }).click();
  const response = await download(opd, () => opd.getByRole('button', { name: 'Ekspor tanggapan OPD' }).click());
  await expect(opd.getByTestId('export-done')).toContainText('Tersimpan dan terperiksa');

  // --------------------------------------------------------------- the officer takes it in
  await city.getByRole('link', { name: 'Berkas', exact: true }).click();
  // the officer had given 4.1 to another agency meanwhile: the response is taken but for 4.1, which
  // is named (it was refused whole, the fourth walk's officer lost the agency's other answers)
  const assign41 = (agencies: string[] | null) =>
    city.evaluate(async (agencies) => {
      const req = indexedDB.open('siap-kla');
      const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
      const store = db.transaction('workspaces').objectStore('workspaces');
      const [ws] = await new Promise<{ id: string }[]>((r) => (store.getAll().onsuccess = (e) => r((e.target as IDBRequest).result)));
      const tx = db.transaction('assignments', 'readwrite');
      if (agencies) tx.objectStore('assignments').put({ workspaceId: ws.id, code: '4.1', agencies, updatedAt: Date.now() });
      else tx.objectStore('assignments').delete([ws.id, '4.1']);
      await new Promise((r) => (tx.oncomplete = r));
      db.close();
    }, agencies);
  await assign41(['dinsos']);
  await city.getByTestId('import-file').setInputFiles(response);
  await expect(city.getByTestId('import-result')).toContainText('Tanggapan Disdukcapil diambil: 1 dokumen baru, 0 tautan baru, 0 jawaban diperbarui');
  await expect(city.getByTestId('import-set-aside')).toContainText('Bagian untuk 4.1 tidak diambil');
  // 4.1 is Disdukcapil's again: the same file brings the rest, once
  await assign41(null);
  await city.getByTestId('import-file').setInputFiles(response);
  await expect(city.getByTestId('import-result')).toHaveText('Tanggapan Disdukcapil diambil: 0 dokumen baru, 1 tautan baru, 1 jawaban diperbarui (tercatat di Riwayat).');
  await city.getByTestId('import-file').setInputFiles(response);
  await expect(city.getByTestId('import-result')).toHaveText('Tanggapan Disdukcapil ini (atau yang lebih baru) sudah pernah diambil; tidak ada yang berubah.');

  await city.goto(`${wsUrl}/instrumen/4/4.1`);
  await expect(city.getByLabel('Catatan petugas')).toHaveValue('Akta terbit 1.204 lembar di RSUD, laporan terlampir');
  await expect(city.getByLabel(/Nilai diberikan/)).toHaveValue('1');
  await expect(city.getByTestId('total')).toHaveText('1');
  await city.getByRole('link', { name: 'Bukti', exact: true }).click();
  await expect(city.locator('.doc-row[data-doc="laporan-akta-rsud.pdf"] .tag')).toHaveText('4.1');
  await city.getByRole('link', { name: 'Riwayat' }).click();
  await expect(city.getByText(/laporan-akta-rsud\.pdf.*dari Disdukcapil/).first()).toBeVisible();
  await expect(city.getByText(/catatan diubah.*dari Disdukcapil/).first()).toBeVisible();
  await expect(city.getByText('Tanggapan OPD: 1 dokumen baru, 0 jawaban diperbarui · dari Disdukcapil')).toBeVisible();
  await expect(city.getByText('Tanggapan OPD: 0 dokumen baru, 1 jawaban diperbarui · dari Disdukcapil')).toBeVisible();
  // Perangkat Daerah: answered, with what the last response brought
  await city.getByRole('link', { name: 'Perangkat Daerah', exact: true }).click();
  await expect(exchange).toContainText(/Jawaban diterima .*: 0 dokumen baru, 1 jawaban diperbarui/);
  await expect(exchange).not.toContainText('belum dijawab');
  await expect(city.getByTestId('exchange-totals')).toHaveText('Paket dibuat untuk 1 perangkat daerah: 1 sudah menjawab, 0 belum.');
  // an agency whose only question is taken away is named under the table, not dropped without a word
  await expect(city.getByTestId('agencies-without-questions')).toHaveCount(0);
  await city.goto(`${wsUrl}/instrumen/7/7.2`);
  await city.getByRole('button', { name: 'Hapus pan' }).click();
  await city.getByRole('link', { name: 'Perangkat Daerah', exact: true }).click();
  await expect(city.locator('tr[data-agency="pan"]')).toHaveCount(0);
  await expect(city.getByTestId('agencies-without-questions')).toHaveText('Belum memegang pertanyaan: PAN. Penugasan diatur di Instrumen, pada setiap pertanyaan.');
  // Disdukcapil, its questions taken away after it answered, keeps its line with the round trip
  // (the sixth walk: the totals counted an answer that no row showed)
  const its = rulesFile.indicators.flatMap((i) => i.questions).filter((q) => (q.agencies ?? []).includes('disdukcapil')).map((q) => ({ code: q.code, agencies: (q.agencies ?? []).filter((a) => a !== 'disdukcapil') }));
  await city.evaluate(async (rows) => {
    const req = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    const store = db.transaction('workspaces').objectStore('workspaces');
    const [ws] = await new Promise<{ id: string }[]>((r) => (store.getAll().onsuccess = (e) => r((e.target as IDBRequest).result)));
    const tx = db.transaction('assignments', 'readwrite');
    for (const r of rows) tx.objectStore('assignments').put({ workspaceId: ws.id, code: r.code, agencies: r.agencies, updatedAt: Date.now() });
    await new Promise((r) => (tx.oncomplete = r));
    db.close();
  }, its);
  await city.reload();
  const gone = city.locator('[data-testid="agencies-without-questions"] [data-agency="disdukcapil"]');
  await expect(gone).toContainText(/^Disdukcapil: belum memegang pertanyaan · Paket dibuat .*Jawaban diterima .*: 0 dokumen baru, 1 jawaban diperbarui/);
  await cityCtx.close();
  await opdCtx.close();
});

/**
 * The open-file box starts on Evaluator: an agency that opened its pack without changing the
 * choice was refused with "Paket OPD dibuka oleh OPD yang dituju" (the fourth walk, 7 Dec 2026),
 * though a pack can only be opened as its agency. It opens as the agency now, and says so; what
 * cannot be opened stays refused. Fails if the first choice refuses a pack again.
 */
test('a pack opens as its agency whichever choice is left in the open-file box; the city still cannot open it, nor an evaluator its own response', async ({ browser }) => {
  test.setTimeout(120_000);
  const files = await writeCityExchange(mkdtempSync(join(tmpdir(), 'kla-pack-')), 'Kota Paket', { '4.1': 'Lampirkan data akta per kecamatan' }, { id: 'disdukcapil', name: 'Disdukcapil' });
  for (const choice of ['Evaluator: tinjau berkas kota (tanpa internet)', 'Kota: pulihkan ruang kerja dari cadangan']) {
    const ctx = await newProfile(browser);
    const opd = await ctx.newPage();
    await opd.goto('/');
    await opd.getByLabel(choice).check();
    await opd.getByTestId('open-file').setInputFiles(files.pack);
    await expect(opd.getByTestId('agency-mode')).toHaveText('Mode OPD: Disdukcapil');
    await expect(opd.getByTestId('toast')).toContainText('Berkas ini paket pertanyaan OPD dari DP3AKB, jadi dibuka sebagai OPD (paket hanya dapat dibuka oleh OPD).');
    await expect(opd.locator('[data-code="4.1"]')).toBeVisible();
    await expect(opd.locator('[data-code="2.1"]')).toHaveCount(0);
    await ctx.close();
  }

  const cityCtx = await newProfile(browser);
  const city = await cityCtx.newPage();
  await city.goto('/');
  await city.getByLabel('Kota: pulihkan ruang kerja dari cadangan').check();
  await city.getByTestId('open-file').setInputFiles(files.cityFile);
  await expect(city.getByTestId('total')).toBeVisible();
  const wsUrl = city.url();
  // in the city's own box a pack is the wrong file
  await city.getByRole('link', { name: 'Berkas', exact: true }).click();
  await city.getByTestId('import-file').setInputFiles(files.pack);
  await expect(city.getByTestId('exchange-problems').locator('[data-problem="agency-file-role"]')).toBeVisible();
  // in the list, the agency's copy never lands on the city's own workspace
  await city.goto('/#/');
  await city.getByTestId('open-file').setInputFiles(files.pack);
  await expect(city.getByTestId('exchange-problems').locator('[data-problem="workspace-exists"]')).toBeVisible();
  // an evaluator's response opened as an evaluator: refused as before
  await city.getByLabel('Evaluator: tinjau berkas kota (tanpa internet)').check();
  await city.getByTestId('open-file').setInputFiles(files.response);
  await expect(city.getByTestId('exchange-problems').locator('[data-problem="wrong-role"]')).toBeVisible();
  await city.goto(wsUrl);
  await expect(city.getByTestId('agency-mode')).toHaveCount(0);
  await expect(city.getByTestId('total')).toBeVisible();
  await cityCtx.close();
});
