// @vitest-environment node
/**
 * The text layer read by PDFium (src/domain/evidence/pdfText.ts), with the engine the command
 * line loads: the same words as pdf.js on the app's kind of PDFs, passwords, damaged and hostile
 * bytes, and no memory kept from one file to the next.
 */
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfium } from '../../../src/cli/extract';
import { MAX_PAGE_ANNOTS, readPdfText, scannedPages, tidyPageText } from '../../../src/domain/evidence/pdfText';
import { corruptPdf, ENCRYPTED_PDF_PASSWORD, encryptedPdf, formPdf, scannedPdf, textPdf } from '../../fixtures/evidence/generate';

const words = (s: string) => s.split(/\s+/).filter(Boolean);

async function pdfjsPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    out.push(c.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await doc.destroy();
  return out;
}

describe('readPdfText (PDFium)', () => {
  it('reads every page, line by line, and the title; the same words as pdf.js', async () => {
    const bytes = await textPdf({ pages: 3, seed: 11, title: 'Laporan Forum Anak 2024', lines: ['PERATURAN BUPATI SUKAMAJU', 'NOMOR 188.45/123/KEP/2024'] });
    const r = readPdfText(await pdfium(), bytes);
    if (r.state !== 'ok') throw new Error(r.state);
    expect(r.pages).toBe(3);
    expect(r.title).toBe('Laporan Forum Anak 2024');
    expect(r.pageTexts[0].split('\n').slice(0, 2)).toEqual(['PERATURAN BUPATI SUKAMAJU', 'NOMOR 188.45/123/KEP/2024']);
  });

  it('reads the same words as pdf.js did, in the same order', async () => {
    // lines that fit the page: pdf.js leaves out glyphs beyond the page edge, PDFium keeps them
    const lines = Array.from({ length: 40 }, (_, i) => `Forum Anak kelurahan ${i + 1} rapat pengasuhan 2024 Rp1.250.000`);
    const bytes = await textPdf({ pages: 1, lines });
    const r = readPdfText(await pdfium(), bytes);
    if (r.state !== 'ok') throw new Error(r.state);
    expect(r.pageTexts.map(words)).toEqual((await pdfjsPages(bytes)).map(words));
    expect(r.pageTexts[0].split('\n')).toEqual(lines);
  });

  it('reads filled form fields and sticky notes, on their own pages; not links or check boxes', async () => {
    const bytes = await formPdf({
      fields: { nama_anak: 'Rahmat Hidayat', nomor_akta: '3507-LT-12082024-0042', keterangan: 'Akta kelahiran terbit lewat layanan jemput bola Disdukcapil' },
      choice: 'Klaster V',
      notes: ['Mohon dilengkapi SK Forum Anak Desa Sukamaju', 'Foto kegiatan kurang jelas'],
    });
    const r = readPdfText(await pdfium(), bytes);
    if (r.state !== 'ok') throw new Error(r.state);
    const [p1, p2] = r.pageTexts.map((t) => t.split('\n'));
    expect(p1).toEqual(expect.arrayContaining(['FORMULIR ISIAN DATA DUKUNG KLA', 'Rahmat Hidayat', '3507-LT-12082024-0042', 'Akta kelahiran terbit lewat layanan jemput bola Disdukcapil', 'Klaster V']));
    expect(p1.join(' ')).not.toMatch(/Yes|Off|sudah_diverifikasi/);
    expect(p2).toEqual(['Catatan verifikator', 'Mohon dilengkapi SK Forum Anak Desa Sukamaju', 'Foto kegiatan kurang jelas']);
  });

  it('a note on a page without text of its own leaves that page to OCR; on a text page it does not', async () => {
    const m = await pdfium();
    const scan = readPdfText(m, await formPdf({ fields: { nomor: '12/2024' }, notes: ['SALINAN SESUAI DENGAN ASLINYA'], blankNotesPage: true }));
    if (scan.state !== 'ok') throw new Error(scan.state);
    expect(scan.pageTexts[1]).toBe('SALINAN SESUAI DENGAN ASLINYA');
    expect(scannedPages(scan.pageTexts, scan.annotations)).toEqual([2]);
    const text = readPdfText(m, await formPdf({ fields: { nomor: '12/2024' }, notes: ['SALINAN SESUAI DENGAN ASLINYA'] }));
    if (text.state !== 'ok') throw new Error(text.state);
    expect(scannedPages(text.pageTexts, text.annotations)).toEqual([]);
  });

  it('reads at most MAX_PAGE_ANNOTS annotations of a page (a hostile file claims thousands)', async () => {
    const bytes = await formPdf({ fields: {}, extraNotes: MAX_PAGE_ANNOTS + 200 });
    const r = readPdfText(await pdfium(), bytes);
    if (r.state !== 'ok') throw new Error(r.state);
    expect(r.pageTexts[1].split('\n').filter((l) => l.startsWith('catatan ')).length).toBe(MAX_PAGE_ANNOTS);
  });

  it('gives an empty page for a scan (no text layer), so the reader OCRs it', async () => {
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    const r = readPdfText(await pdfium(), await scannedPdf(png));
    expect(r).toMatchObject({ state: 'ok', pages: 1, pageTexts: [''] });
  });

  it('tells a password-protected PDF from a wrong password, and reads it with the right one', async () => {
    const m = await pdfium();
    const bytes = new Uint8Array(encryptedPdf());
    expect(readPdfText(m, bytes)).toEqual({ state: 'encrypted', wrongPassword: false });
    expect(readPdfText(m, bytes, 'salah')).toEqual({ state: 'encrypted', wrongPassword: true });
    const r = readPdfText(m, bytes, ENCRYPTED_PDF_PASSWORD);
    expect(r.state).toBe('ok');
    if (r.state === 'ok') expect(r.pageTexts.join(' ').trim().length).toBeGreaterThan(10);
  });

  it('says why a damaged or empty file cannot be read', async () => {
    const m = await pdfium();
    expect(readPdfText(m, corruptPdf())).toMatchObject({ state: 'corrupt', message: expect.stringMatching(/corrupt|error/) });
    expect(readPdfText(m, new Uint8Array())).toMatchObject({ state: 'corrupt' });
  });

  it('never throws on mangled PDFs and keeps no memory from one file to the next', async () => {
    const m = await pdfium();
    const good = await textPdf({ pages: 4, seed: 5 });
    for (let i = 0; i < 20; i++) readPdfText(m, good);
    const heap = m.pdfium.HEAPU8.length;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }), fc.nat(good.length), (edits, cut) => {
        const bad = good.slice(0, Math.max(16, cut));
        for (const [at, byte] of edits) if (at < bad.length) bad[at] = byte;
        const r = readPdfText(m, bad);
        expect(['ok', 'corrupt', 'encrypted']).toContain(r.state);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200), seed: 42 },
    );
    // 20 reads of a 4 MB file (an attachment inside) would grow the heap by 80 MB if its bytes stayed
    const doc = await PDFDocument.load(good);
    let x = 2463534242;
    const noise = new Uint8Array(4 * 1024 * 1024).map(() => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x & 255)); // xorshift: does not compress
    await doc.attach(noise, 'lampiran.bin', { mimeType: 'application/octet-stream' });
    const big = await doc.save();
    expect(big.length).toBeGreaterThan(4 * 1024 * 1024);
    readPdfText(m, big);
    const after = m.pdfium.HEAPU8.length;
    for (let i = 0; i < 20; i++) expect(readPdfText(m, big).state).toBe('ok');
    expect(m.pdfium.HEAPU8.length).toBe(after);
    expect(after - heap).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('tidyPageText', () => {
  it('makes PDFium line ends and spacing look like the rest of the app expects', () => {
    expect(tidyPageText('  PEMERINTAH  KOTA\r\nDINAS\u00a0PENDIDIKAN \r\n\r\nNomor\t1\u0000 ')).toBe('PEMERINTAH KOTA\nDINAS PENDIDIKAN\n\nNomor 1');
  });
});
