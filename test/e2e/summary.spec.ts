import { expect, newWorkspace, test, type Page } from './fixtures';
import { readFileSync } from 'node:fs';
import { textPdf } from '../fixtures/evidence/generate';
import { SRA } from '../fixtures/evidence/topics';

/** Text of every page of a PDF, with pdf.js (the Node build). */
async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string; byPage: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  const byPage: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    byPage.push(c.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: byPage.join(' '), byPage };
}

/** Page 1 decides on its own: score, predicate, the gap, the week's five with who owes them, agencies behind, signatures. */
function expectBrief(page1: string, total: string, predicate: string, firstPlan: string) {
  expect(page1).toContain(total);
  expect(page1).toContain(`Predikat: ${predicate}`);
  // how sure the score is, on page 1 (not only in the annex): the demo's answers have no evidence
  expect(page1).toMatch(/Nilai ini belum teruji: \d+ jawaban dinilai tanpa bukti dukung · \d+ pertanyaan belum dinilai\. Bila evaluator tidak menerima jawaban tanpa bukti yang sah, nilai bisa berkurang sebanyak-banyaknya [\d.,]+ poin \(menjadi [\d.,]+\): lampirkan buktinya\./);
  expect(page1).toContain('Untuk minggu ini');
  // the gap said once, in plain words: where the next predicate starts; the scale's lowest part labelled
  expect(page1).toMatch(/\S+ dicapai mulai nilai [\d.,]+, kurang [\d.,]+ poin lagi: \d+ pertanyaan cukup untuk menutupnya\./);
  expect(page1).not.toContain('poin lagi menuju');
  expect(page1).not.toContain('Aturan batas');
  expect(page1).toContain('Belum berpredikat');
  expect(page1).toMatch(/pertanyaan cukup untuk menutupnya/);
  // the lead names the order the rows are in (the annex's): evidence in hand first
  expect(page1).toContain('Yang sudah punya bukti dukung didahulukan, lalu yang paling menambah nilai:');
  expect(page1).toContain(firstPlan);
  expect(page1).toContain('Perangkat daerah yang tertinggal');
  // who acts: a long list of agencies is cut to two (21B.2 names ten in the demo's five)
  expect(page1).toContain('Dikerjakan oleh');
  expect(page1).toContain('UPTD PPA, Dinsos +8 lainnya');
  expect(page1).not.toContain('Kejaksaan');
  // the order of the agencies is named; the plan's evidence column is said in words
  expect(page1).toContain('Diurutkan menurut jumlah pertanyaan yang belum siap');
  expect(page1).toContain('belum ada bukti dukung');
  expect(page1).not.toContain('dokumen kurang');
  expect(page1).toContain('Mengetahui');
  // one name for the city's office: the rules' (the tables'), in the signature too
  expect(page1).toContain('Petugas DPPPAPPKB');
  expect(page1).not.toContain('DP3AKB');
  expect(page1).not.toContain('Lampiran: rincian');
}

const GROUPS = ['Kelembagaan', 'Klaster I', 'Klaster II', 'Klaster III', 'Klaster IV', 'Klaster V', 'Kelana/Dekela'];

async function demoSummary(page: Page) {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Ringkas');
  await page.getByLabel('Provinsi').fill('Banten');
  await page.getByLabel(/data contoh/).check();
  await page.getByLabel(/dokumen bukti contoh/).uncheck(); // answers only: no intake running beside the test
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  // Beranda's agencies behind, to hold against the summary's
  const homeLinks = page.locator('.home a[href*="?opd="]');
  await expect(homeLinks.first()).toBeVisible();
  const homeBehind = await homeLinks.evaluateAll((els) => els.map((e) => /[?&]opd=([^&#]+)/.exec(e.getAttribute('href')!)![1]));
  await page.getByRole('link', { name: 'Ringkasan' }).click();
  await expect(page.getByTestId('summary-sheet')).toBeVisible();
  const total = (await page.getByTestId('total').textContent())!;
  const predicate = (await page.getByTestId('predicate').textContent())!;
  const firstPlan = await page.locator('[data-plan]').first().getAttribute('data-plan');
  return { total, predicate, firstPlan: firstPlan!, homeBehind };
}

test('the printed summary (Chromium print to PDF) holds the total, predicate, every group and the next-band plan, within a page bound', async ({ page }) => {
  test.setTimeout(120_000);
  const { total, predicate, firstPlan, homeBehind } = await demoSummary(page);
  expect(predicate).not.toBe('Belum berpredikat');
  await expect(page.getByTestId('sheet-total')).toContainText(total);
  // one ranking of the agencies behind: the summary names Beranda's, in Beranda's order
  const sheetBehind = await page.locator('[data-testid="sheet-behind"] tr[data-agency]').evaluateAll((els) => els.map((e) => e.getAttribute('data-agency')));
  expect(sheetBehind).toEqual(homeBehind);
  await expect(page.getByTestId('sheet-behind')).toContainText('Diurutkan menurut jumlah pertanyaan yang belum siap');
  await expect(page.getByTestId('sheet-plan').locator('th').last()).toHaveText('Bukti dukung');
  // the print stylesheet: A4, no app chrome
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.locator('.summary-controls')).toBeHidden();
  // a notice still showing (an undo lasts 12 s) is not printed: the fifth walk's page 1 ended with "… dilepas dari 19.6."
  await page.locator('.toaster').evaluate((el) => {
    const d = document.createElement('div');
    d.className = 'toast';
    d.textContent = 'Dinsos dilepas dari 19.6.';
    el.append(d);
  });
  await expect(page.getByText('Dinsos dilepas dari 19.6.')).toBeHidden();
  // nothing overlaps on paper: the title and the score box, the score above the marker and the header
  const box = async (sel: string) => (await page.locator(sel).first().boundingBox())!;
  const [h1, totalBox, marker, head] = [await box('.sheet-head h1'), await box('.sheet-total'), await box('.band-marker span'), await box('.sheet-head')];
  expect(h1.x + h1.width <= totalBox.x || h1.y + h1.height <= totalBox.y).toBe(true);
  expect(marker.y).toBeGreaterThanOrEqual(head.y + head.height);
  // and the score is printed whole, inside the scale's width (at an end it was cut: "66" read as "6")
  const track = await box('.summary-sheet .band-track');
  expect(marker.x).toBeGreaterThanOrEqual(track.x - 4);
  expect(marker.x + marker.width).toBeLessThanOrEqual(track.x + track.width + 4);
  // the box on how sure the score is sits between them, touching neither
  const doubts = await box('[data-testid="sheet-doubts"]');
  expect(doubts.y).toBeGreaterThanOrEqual(head.y + head.height);
  expect(marker.y).toBeGreaterThanOrEqual(doubts.y + doubts.height);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  const { pages, text, byPage } = await pdfText(pdf);
  expectBrief(byPage[0], total, predicate, firstPlan);
  expect(text).not.toContain('dilepas dari');
  expect(byPage[1]).toContain('Lampiran: rincian');
  expect(text).toContain('Ringkasan Kesiapan Evaluasi KLA');
  expect(text).toContain(total);
  expect(text).toContain(`Predikat: ${predicate}`);
  for (const g of GROUPS) expect(text).toContain(g);
  expect(text).toContain('Jalan menuju predikat berikutnya');
  expect(text).toContain(firstPlan);
  expect(text).toMatch(/Dicetak \S+, \d+ \S+ 20\d\d,? \d\d[.:]\d\d WIB/);
  // page numbers in the words of the generated PDF ("Halaman 1 dari 4")
  expect(text).toMatch(/Halaman 1 dari \d/);
  expect(text).not.toMatch(/Halaman 1 \/ \d/);
  // the full instrument (31 indicator rows, 32 agencies, the plan) stays within a bound
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(pages).toBeLessThanOrEqual(7);

  // without the annex: one page
  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel('Sertakan lampiran rincian').uncheck();
  await page.emulateMedia({ media: 'print' });
  const brief = await pdfText(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
  expect(brief.pages).toBe(1);
  expectBrief(brief.byPage[0], total, predicate, firstPlan);
  // in English too, whose words run longer: page 1 stays one sheet
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('group', { name: 'Bahasa / Language' }).getByRole('button', { name: 'EN' }).click();
  await expect(page.getByTestId('sheet-doubts')).toContainText('Score not yet proven:');
  await page.emulateMedia({ media: 'print' });
  const english = await pdfText(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
  expect(english.pages).toBe(1);
  expect(english.byPage[0]).toContain('Page 1 of 1');
  expect(english.byPage[0]).toContain('Prepared by');
});

/** RFC 4180 rows (quoted cells may hold the separator, quotes and line breaks). */
function csvRows(text: string, sep: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) rows[rows.length - 1].push(cell), (cell = '');
    else if (c === '\n') rows[rows.length - 1].push(cell.replace(/\r$/, '')), rows.push([]), (cell = '');
    else cell += c;
  }
  if (cell || rows[rows.length - 1].length) rows[rows.length - 1].push(cell);
  return rows.filter((r) => r.length > 1 || r[0]);
}

test('Save PDF makes a real PDF offline; CSV/XLSX exports; the public page carries nothing personal', async ({ page, context }) => {
  test.setTimeout(120_000);
  const { total, predicate, firstPlan } = await demoSummary(page);

  // evidence with a name that must never reach the public page, and an evaluator note
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([{ name: 'Korban-Ani-kasus-21B.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines: ['Laporan pendampingan korban kekerasan anak UPTD PPA'] })) }]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  await page.locator('.doc-row').first().click();
  await page.getByLabel('Kode pertanyaan').fill('21B.1');
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  await page.getByRole('link', { name: 'Ringkasan' }).click();

  // offline (after the first visit the service worker serves the app): the PDF is made in the page
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  const [pdfDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Simpan PDF' }).click()]);
  // the time in the name is WIB (UTC+7), whatever the laptop's zone
  const stamp = /^ringkasan-kla-kota-ringkas-2024-(\d{8})-(\d{2})\d{4}-wib\.pdf$/.exec(pdfDl.suggestedFilename());
  expect(stamp, pdfDl.suggestedFilename()).not.toBeNull();
  const wibNow = new Date(Date.now() + 7 * 3600_000).toISOString();
  expect(stamp![1]).toBe(wibNow.slice(0, 10).replace(/-/g, ''));
  expect(Math.abs(Number(stamp![2]) - Number(wibNow.slice(11, 13))) % 23).toBeLessThanOrEqual(1);
  const { pages, text, byPage } = await pdfText(readFileSync((await pdfDl.path())!));
  expectBrief(byPage[0], total, predicate, firstPlan);
  // 21B.1 has its evidence now: the step left is the officer's (grading), not its agencies'
  expect(byPage[0]).toMatch(/21B\.1 [^+]*Petugas DPPPAPPKB 0 \/ 9 \+9 bukti ada/);
  expect(byPage[1]).toContain('Lampiran: rincian');
  expect(text).toContain(total);
  expect(text).toContain(`Predikat: ${predicate}`);
  for (const g of GROUPS) expect(text).toContain(g);
  expect(text).toContain('Jalan menuju predikat berikutnya');
  expect(text).toContain(firstPlan);
  expect(text).toMatch(/Halaman 1 dari \d/);
  expect(pages).toBeLessThanOrEqual(8);

  const [csvDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh CSV' }).click()]);
  const csv = readFileSync((await csvDl.path())!, 'utf8').replace(/^\ufeff/, '');
  const lines = csv.trim().split('\n');
  expect(lines).toHaveLength(275); // header + 274 questions
  // for Indonesian Excel: semicolons, statuses in words, a decimal comma
  const table = csvRows(csv, ';');
  const head = table[0];
  expect(head).toContain('Kode');
  expect(head.length).toBeGreaterThan(8);
  expect(table.every((r) => r.length === head.length)).toBe(true);
  const status = head.indexOf('Status');
  const statuses = new Set(table.slice(1).map((r) => r[status]));
  expect([...statuses].every((x) => ['Belum mulai', 'Sedang dikerjakan', 'Siap'].includes(x)), [...statuses].join(',')).toBe(true);
  expect(csv).toMatch(/;\d+,\d+;/);
  expect(csv).toContain('Korban-Ani-kasus-21B.pdf');

  const [xlsxDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh XLSX' }).click()]);
  const xlsx = readFileSync((await xlsxDl.path())!);
  expect(xlsx.subarray(0, 2).toString()).toBe('PK');

  const [htmlDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Halaman publik (PPID)' }).click()]);
  const html = readFileSync((await htmlDl.path())!, 'utf8');
  expect(html).toContain(total);
  expect(html).toContain(predicate);
  for (const g of GROUPS) expect(html).toContain(g);
  expect(html).not.toContain('Korban');
  expect(html).not.toMatch(/<script|<link|src=/);

  const [pngDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Gambar publik (PNG)' }).click()]);
  const png = readFileSync((await pngDl.path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');

  // scope: one group only
  const allIntro = (await page.getByTestId('plan-intro').textContent())!;
  const planSize = /: (\d+) pertanyaan cukup untuk menutupnya\./.exec(allIntro)![1];
  await page.getByLabel('Cakupan').selectOption('g:K3');
  await expect(page.locator('[data-indicator-row]')).toHaveCount(6);
  await expect(page.locator('[data-indicator-row="12"]')).toBeVisible();
  // the group's questions are part of the plan: the intro says how many of the whole, never that they alone close the gap
  await expect(page.getByTestId('plan-intro')).toContainText(new RegExp(`: ${planSize} pertanyaan cukup untuk menutupnya, (\\d+ di antaranya|tidak satu pun) dalam cakupan ini\\.`));
});

test('page 1 says how many files in Bukti are linked to no question, and stops once they are linked', async ({ page }) => {
  await newWorkspace(page, 'Kota Berkas');
  const home = page.url().replace(/\/$/, '');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const pdf = async (name: string, seed: number) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines: ['Notulen rapat Gugus Tugas KLA', 'Pembahasan rencana aksi daerah'], seed })) });
  await page.getByTestId('file-input').setInputFiles([await pdf('notulen-1.pdf', 1), await pdf('notulen-2.pdf', 2)]);
  await expect(page.getByTestId('intake-overall')).toHaveText('2 dari 2 selesai', { timeout: 60_000 });
  await page.goto(`${home}/ringkasan`);
  await expect(page.getByTestId('sheet-doubts')).toContainText('2 dokumen di Bukti belum ditautkan ke pertanyaan mana pun');
  await page.goto(home);
  await expect(page.getByTestId('home-unlinked')).toHaveText('2 dari 2 dokumen di Bukti belum ditautkan ke pertanyaan mana pun');
  await page.goto(`${home}/bukti`);
  await page.locator('.doc-row[data-doc="notulen-1.pdf"]').click();
  await page.getByLabel('Kode pertanyaan').fill('2.1');
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  await expect(page.getByTestId('doc-links')).toContainText('2.1');
  await page.goto(`${home}/ringkasan`);
  await expect(page.getByTestId('sheet-doubts')).toContainText('1 dokumen di Bukti belum ditautkan');
  await page.goto(home);
  await expect(page.getByTestId('home-unlinked')).toHaveText('1 dari 2 dokumen di Bukti belum ditautkan ke pertanyaan mana pun');
});

test('a one-click link is not evidence in hand until checked: page 1 says so, the question marks it, and "Tandai sudah diperiksa" ends it', async ({ page }) => {
  await newWorkspace(page, 'Kota Periksa');
  const home = page.url().replace(/\/$/, '');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([{ name: 'laporan-sra.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines: SRA })) }]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  const suggestion = page.locator('.doc-row[data-doc="laporan-sra.pdf"]').getByTestId('row-suggestion');
  const code = (await suggestion.getAttribute('data-code'))!;
  await suggestion.getByRole('button', { name: `Tautkan laporan-sra.pdf ke ${code}` }).click();
  await expect(page.getByTestId('toast')).toContainText(`laporan-sra.pdf ditautkan ke ${code}`);
  // the open document says it too, where the officer reads it
  await page.locator('.doc-row[data-doc="laporan-sra.pdf"]').click();
  await expect(page.getByTestId('doc-links').locator(`[data-link="${code}"]`).getByTestId('unchecked')).toHaveText('dari saran, belum diperiksa');
  await page.goto(`${home}/ringkasan`);
  await expect(page.getByTestId('sheet-doubts')).toContainText('bukti 1 pertanyaan hanya berupa tautan dari saran aplikasi yang belum diperiksa');
  // Beranda says it among what to do next, and leads to the question
  await page.getByRole('link', { name: 'Beranda', exact: true }).click();
  await expect(page.getByTestId('home-unchecked')).toHaveText('1 pertanyaan hanya punya bukti tautan dari saran aplikasi yang belum diperiksa');
  await expect(page.getByTestId('home-unlinked')).toHaveCount(0); // its one file is linked
  await page.getByTestId('home-unchecked').getByRole('link').click();
  // Instrumen's row says its evidence is not checked yet, and the evidence filter lists such questions
  await expect(page.locator(`.q-row[data-code="${code}"]`).getByTestId('row-unchecked')).toHaveText(' (dari saran, belum diperiksa)');
  await page.getByLabel('Bukti', { exact: true }).selectOption({ label: 'Bukti dari saran, belum diperiksa (1)' });
  await expect(page.locator('.q-row')).toHaveCount(1);
  await expect(page.locator('.q-row')).toHaveAttribute('data-code', code);
  await page.getByLabel('Bukti', { exact: true }).selectOption('');
  await expect(page).toHaveURL(new RegExp(`/instrumen/${code.split('.')[0]}/${code.replace('.', '\\.')}$`));
  const item = page.getByTestId('question-evidence').locator('[data-evidence="laporan-sra.pdf"]');
  await expect(item.getByTestId('unchecked')).toHaveText('dari saran, belum diperiksa');
  await item.getByRole('button', { name: 'Tandai sudah diperiksa' }).click();
  await expect(item.getByTestId('unchecked')).toHaveCount(0);
  await expect(page.locator(`.q-row[data-code="${code}"]`).getByTestId('row-unchecked')).toHaveCount(0);
  await page.goto(`${home}/ringkasan`);
  await expect(page.getByTestId('sheet-doubts')).not.toContainText('saran aplikasi');
  await page.goto(home);
  await expect(page.getByTestId('home-total')).toBeVisible();
  await expect(page.getByTestId('home-unchecked')).toHaveCount(0);
  // the history says who checked what
  await page.goto(`${home}/riwayat`);
  await expect(page.getByText('laporan-sra.pdf (tautan dari saran) sudah diperiksa')).toBeVisible();
});

