// @vitest-environment node
/**
 * `kla classify --ocr` and `kla check --ocr` (issue 11): a scan (a page drawn by PDFium, saved as
 * a PNG inside an image-only PDF, so no text layer) is read by the app's OCR engine and model in
 * Node; without --ocr it is "no text", as before. A photo (.png) is read only with --ocr.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfium } from '../../../src/cli/extract';
import { main } from '../../../src/cli/kla';
import { drawPdfPages, type PdfiumDraw } from '../../../src/domain/evidence/pdfRender';
import { greyPng, pgmPixels, scannedPdf } from '../../fixtures/evidence/generate';

const dir = mkdtempSync(join(tmpdir(), 'kla-ocr-'));
const p = (f: string) => join(dir, f);

async function run(...argv: string[]) {
  const out: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: () => undefined });
  return { code, lines: out.map((l) => JSON.parse(l)) };
}

const LINES = [
  'REKAPITULASI KEPEMILIKAN AKTA KELAHIRAN ANAK',
  'Dinas Kependudukan dan Pencatatan Sipil',
  'Jumlah anak 0-17 tahun 89.400 jiwa',
  'Memiliki kutipan akta kelahiran 85.886 anak',
  'Kartu Identitas Anak diterbitkan 61.200 keping',
  'Pelayanan jemput bola akta kelahiran di sekolah',
];

beforeAll(async () => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  LINES.forEach((l, i) => page.drawText(l, { x: 40, y: 780 - i * 28, size: 14, font }));
  const [drawn] = drawPdfPages((await pdfium()) as PdfiumDraw, await pdf.save(), [1], 2000);
  const { width, height, grey } = pgmPixels(drawn.pgm);
  expect([width, height]).toEqual([1413, 2000]);
  const png = greyPng(width, height, grey);
  writeFileSync(p('foto-rekap.png'), png);
  writeFileSync(p('scan-rekap.pdf'), await scannedPdf(png));
  mkdirSync(p('arsip/4'), { recursive: true });
  writeFileSync(p('arsip/4/scan-rekap.pdf'), await scannedPdf(png));
}, 60_000);

describe('OCR on the command line', () => {
  it('a scan is "no text" without --ocr, and read and classified with it', async () => {
    const plain = await run('classify', p('scan-rekap.pdf'));
    expect(plain.code).toBe(1);
    expect(plain.lines[0].error).toMatch(/scan without a text layer: try --ocr/);

    const r = await run('classify', '--ocr', '--explain', p('scan-rekap.pdf'), p('foto-rekap.png'));
    expect(r.code).toBe(0);
    const [scan, photo] = r.lines;
    expect(scan).toMatchObject({ group: 'K1', indicator: '4', ocrPages: [1] });
    expect(scan.evidence.join(' ')).toMatch(/akta kelahiran/);
    expect(photo).toMatchObject({ group: 'K1', indicator: '4', ocrPages: [1] });
  }, 120_000);

  it('an unreadable image gets its own error line; the run goes on', async () => {
    writeFileSync(p('rusak.png'), Buffer.from('not a png at all'));
    const r = await run('classify', '--ocr', p('rusak.png'), p('scan-rekap.pdf'));
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toMatchObject({ file: p('rusak.png'), error: expect.stringMatching(/not a readable image/) });
    expect(r.lines[1]).toMatchObject({ indicator: '4' });
  }, 120_000);

  it('an image is refused without --ocr, with the reason', async () => {
    const r = await run('classify', p('foto-rekap.png'));
    expect(r.code).toBe(1);
    expect(r.lines[0].error).toBe('an image: its text is read only with --ocr');
  });

  it('kla check --ocr checks where a scan is filed', async () => {
    const r = await run('check', '--ocr', p('arsip'));
    expect(r.lines).toEqual([expect.objectContaining({ file: p('arsip/4/scan-rekap.pdf'), misfiled: false, suggested: { group: 'K1', indicator: '4' } })]);
    expect(r.code).toBe(0);
  }, 120_000);
});
