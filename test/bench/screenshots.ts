/**
 * Screenshots for the README: `npx tsx test/bench/screenshots.ts` (builds if needed, serves the
 * production build, drives Chromium through a demo workspace, writes docs/screenshots/*.png).
 */
import { join } from 'node:path';
import { launch, NAME_SHIM, startPreview } from './browser';
import { ROOT } from './run';
import { textPdf } from '../fixtures/evidence/generate';

const out = (name: string) => join(ROOT, 'docs', 'screenshots', name);
const server = await startPreview(4177);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta', serviceWorkers: 'block' });
  await context.addInitScript(NAME_SHIM);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Kabupaten/Kota').fill('Kota Serang');
  await page.getByLabel('Provinsi').fill('Banten');
  await page.getByLabel(/data contoh/).check();
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await page.getByTestId('home-total').waitFor();
  await page.screenshot({ path: out('beranda.png') });
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([
    { name: 'laporan-sra-2024.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ pages: 2, lines: ['LAPORAN KEGIATAN DINAS PENDIDIKAN', 'Pendampingan Sekolah Ramah Anak (SRA) tahun 2024', '42 satuan pendidikan telah dideklarasikan Sekolah Ramah Anak.'] })) },
    { name: 'sk-gugus-tugas.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines: ['KEPUTUSAN WALI KOTA SERANG', 'tentang Gugus Tugas Kota Layak Anak'] })) },
  ]);
  await page.waitForFunction(() => document.querySelector('[data-testid="intake-overall"]')?.getAttribute('data-done') === '2');
  await page.locator('.doc-row[data-doc="laporan-sra-2024.pdf"]').click();
  await page.getByLabel('Kode pertanyaan').fill('4.1');
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  await page.getByTestId('flag').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: out('bukti.png') });
  await page.goto(page.url().replace(/#.*$/, '') + page.url().slice(page.url().indexOf('#')).replace(/bukti.*$/, 'instrumen/4/4.1'));
  await page.getByTestId('question-flags').waitFor();
  await page.screenshot({ path: out('instrumen.png') });
  await page.getByRole('link', { name: 'Ringkasan' }).click();
  await page.getByTestId('summary-sheet').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out('ringkasan-layar.png'), fullPage: false });
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: out('ringkasan-cetak.png'), fullPage: false });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, path: '/tmp/ringkasan.pdf' });
  console.log('pdf bytes', pdf.length);
} finally {
  await browser.close();
  server.stop();
}
