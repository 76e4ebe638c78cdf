// `kla classify` and `kla check` on real files: .txt, a generated .pdf (pdf-lib), a generated
// .docx (a zip built with zip.js), unreadable files, and a folder tree with a misfiled file and a
// folder whose name means nothing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobWriter, TextReader, ZipWriter } from '@zip.js/zip.js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/kla';
import { pagesPdf } from '../../fixtures/evidence/generate';

const dir = mkdtempSync(join(tmpdir(), 'kla-classify-'));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, lines: out.map((l) => JSON.parse(l)), err: err.join('\n') };
}

const KTR_REPORT = `LAPORAN HASIL PENGAWASAN KAWASAN TANPA ROKOK
Satpol PP dan Dinas Kesehatan, Triwulan III 2024

Tim gabungan memeriksa 40 sekolah dan 12 taman bermain. Ditemukan 23 pelanggaran: guru merokok di lingkungan sekolah, asbak di ruang tunggu, dan iklan rokok di warung sekitar sekolah. Pelanggar diberi teguran tertulis dan spanduk rokok diturunkan.`;

const AKTA_LINES = [
  'REKAPITULASI KEPEMILIKAN AKTA KELAHIRAN ANAK',
  'Dinas Kependudukan dan Pencatatan Sipil, keadaan Desember 2024',
  'Jumlah anak 0-17 tahun 89.400; memiliki kutipan akta kelahiran 85.886 (96,07 persen).',
  'Kepemilikan Kartu Identitas Anak naik dari 58 persen menjadi 66 persen.',
  'Pelayanan jemput bola dilakukan di sekolah dan lembaga kesejahteraan sosial anak.',
];

const SRA_PARAGRAPHS = [
  'LAPORAN PELAKSANAAN SEKOLAH RAMAH ANAK',
  'SMP Negeri 4 telah ditetapkan sebagai Satuan Pendidikan Ramah Anak. Guru mengikuti pelatihan disiplin positif, Tim Pencegahan dan Penanganan Kekerasan menangani kasus perundungan, dan siswa dilibatkan dalam penyusunan tata tertib sekolah.',
  'Evaluasi mandiri SRA dilakukan bersama fasilitator daerah SRA dan Dinas Pendidikan.',
];

async function makePdf(path: string, lines: string[]) {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Rekap akta kelahiran');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  lines.forEach((l, i) => page.drawText(l, { x: 40, y: 800 - i * 18, size: 10, font }));
  writeFileSync(path, await pdf.save());
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A minimal valid .docx: content types, package relationship, and the main document part. */
async function makeDocx(path: string, paragraphs: string[]) {
  const zip = new ZipWriter(new BlobWriter('application/vnd.openxmlformats-officedocument.wordprocessingml.document'));
  await zip.add(
    '[Content_Types].xml',
    new TextReader(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
  );
  await zip.add(
    '_rels/.rels',
    new TextReader(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
  );
  await zip.add(
    'word/document.xml',
    new TextReader(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
        .map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`)
        .join('')}</w:body></w:document>`,
    ),
  );
  const blob = await zip.close();
  writeFileSync(path, Buffer.from(await blob.arrayBuffer()));
}

const p = (name: string) => join(dir, name);

beforeAll(async () => {
  writeFileSync(p('ktr.txt'), KTR_REPORT);
  writeFileSync(p('notes.md'), '# Notulen rapat Forum Anak\n\nForum Anak Daerah membahas usulan anak untuk Musrenbang Anak dan peran pelopor dan pelapor.');
  await makePdf(p('akta.pdf'), AKTA_LINES);
  await makeDocx(p('sra.docx'), SRA_PARAGRAPHS);
  writeFileSync(p('broken.pdf'), '%PDF-1.4\nthis is not really a pdf');
  writeFileSync(p('empty.txt'), '   \n');
  writeFileSync(p('table.xlsx'), 'x');
});

describe('kla classify', () => {
  it('classifies .txt, .md, .pdf and .docx, one JSON line each, exit 0', async () => {
    const r = await run('classify', p('ktr.txt'), p('notes.md'), p('akta.pdf'), p('sra.docx'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(4);
    const [ktr, notes, akta, sra] = r.lines;
    expect(Object.keys(ktr)).toEqual(['file', 'group', 'indicator', 'confidence', 'ranking']);
    expect(ktr).toMatchObject({ file: p('ktr.txt'), group: 'K3', indicator: '17' });
    expect(notes).toMatchObject({ group: 'K1', indicator: '6' });
    expect(akta).toMatchObject({ file: p('akta.pdf'), group: 'K1', indicator: '4' });
    expect(sra).toMatchObject({ file: p('sra.docx'), group: 'K4', indicator: '19' });
    for (const l of r.lines) {
      expect(l.ranking).toHaveLength(5);
      expect(l.ranking[0]).toEqual({ group: l.group, indicator: l.indicator, score: expect.any(Number) });
      expect(l.confidence).toBeGreaterThan(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('reports unreadable files on their own line, carries on, exits 1', async () => {
    const r = await run('classify', p('missing.txt'), p('broken.pdf'), p('ktr.txt'), p('empty.txt'), p('table.xlsx'));
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(5);
    expect(r.lines[0]).toEqual({ file: p('missing.txt'), error: expect.stringMatching(/not found/) });
    expect(r.lines[1]).toEqual({ file: p('broken.pdf'), error: expect.stringMatching(/PDF/) });
    expect(r.lines[2]).toMatchObject({ indicator: '17' });
    expect(r.lines[3]).toEqual({ file: p('empty.txt'), error: expect.stringMatching(/no text/) });
    expect(r.lines[4]).toEqual({ file: p('table.xlsx'), error: expect.stringMatching(/unsupported/) });
  });

  it('--top and --explain', async () => {
    const r = await run('classify', '--top', '8', '--explain', p('ktr.txt'));
    expect(r.lines[0].ranking).toHaveLength(8);
    expect(r.lines[0].kind).toBe('report');
    expect(r.lines[0].evidence).toContain('kawasan tanpa rokok');
    expect(r.lines[0].questions[0]).toMatch(/^17\./);
  });

  it('exits 2 without files or with a bad option', async () => {
    expect((await run('classify')).code).toBe(2);
    expect((await run('classify', '--top', 'x', p('ktr.txt'))).code).toBe(2);
    expect((await run('classify', '--nope', p('ktr.txt'))).code).toBe(2);
  });
});

describe('kla check', () => {
  it('flags a misfiled file, reports an unmappable folder, exits 1', async () => {
    const root = p('evidence');
    for (const f of ['Klaster III', '1', 'K4', 'misc', 'Indikator 4']) mkdirSync(join(root, f), { recursive: true });
    writeFileSync(join(root, 'Klaster III', 'ktr.txt'), KTR_REPORT); // right group
    writeFileSync(join(root, '1', 'ktr-under-1.txt'), KTR_REPORT); // activity report under indicator 1: misfiled
    writeFileSync(join(root, 'K4', 'ktr-under-k4.txt'), KTR_REPORT); // wrong group
    writeFileSync(join(root, 'misc', 'ktr.txt'), KTR_REPORT);
    await makePdf(join(root, 'Indikator 4', 'akta.pdf'), AKTA_LINES);
    writeFileSync(join(root, '.DS_Store'), 'x');
    const r = await run('check', root);
    expect(r.code).toBe(1);
    const byFile = new Map(r.lines.map((l) => [l.file.slice(root.length + 1), l]));
    expect(byFile.size).toBe(5);
    expect(byFile.get(join('Klaster III', 'ktr.txt'))).toEqual({
      file: join(root, 'Klaster III', 'ktr.txt'),
      filedUnder: { group: 'K3', indicator: null },
      suggested: { group: 'K3', indicator: '17' },
      confidence: expect.any(Number),
      misfiled: false,
    });
    expect(byFile.get(join('1', 'ktr-under-1.txt'))).toMatchObject({ filedUnder: { group: 'KL', indicator: '1' }, suggested: { group: 'K3', indicator: '17' }, misfiled: true });
    expect(byFile.get(join('K4', 'ktr-under-k4.txt'))).toMatchObject({ filedUnder: { group: 'K4', indicator: null }, misfiled: true });
    expect(byFile.get(join('Indikator 4', 'akta.pdf'))).toMatchObject({ filedUnder: { group: 'K1', indicator: '4' }, misfiled: false });
    expect(byFile.get(join('misc', 'ktr.txt'))).toEqual({ file: join(root, 'misc', 'ktr.txt'), error: expect.stringContaining('cannot tell where folder "misc" files belong') });
  });

  it('exits 0 when every file is filed right', async () => {
    const root = p('good');
    mkdirSync(join(root, '17'), { recursive: true });
    mkdirSync(join(root, 'klaster 1', 'sub'), { recursive: true });
    writeFileSync(join(root, '17', 'ktr.txt'), KTR_REPORT);
    await makeDocx(join(root, 'klaster 1', 'sub', 'akta.docx'), AKTA_LINES);
    const r = await run('check', root);
    expect(r.lines.map((l) => l.misfiled)).toEqual([false, false]);
    expect(r.code).toBe(0);
  });

  it('a long PDF filed where some of its pages answer is filed right, and those pages are named', async () => {
    const root = p('pages');
    mkdirSync(join(root, '17'), { recursive: true });
    mkdirSync(join(root, '21C'), { recursive: true });
    const perda = await pagesPdf([
      ['PERATURAN DAERAH KOTA HALAMAN NOMOR 5 TAHUN 2023', 'TENTANG PENYELENGGARAAN KOTA LAYAK ANAK', 'Pasal 1: Kota Layak Anak adalah kota yang menjamin pemenuhan hak anak dan perlindungan khusus anak.'],
      ['BAB IV HAK SIPIL', 'Pasal 12: setiap anak memiliki akta kelahiran tanpa biaya dan Kartu Identitas Anak.', 'Dinas Kependudukan dan Pencatatan Sipil melayani akta kelahiran jemput bola.'],
      ['BAB VI KESEHATAN DASAR', 'Pasal 20: kawasan tanpa rokok di sekolah dan tempat bermain anak; dilarang merokok', 'dan memasang iklan rokok di kawasan tanpa rokok; pelanggar dikenai denda.'],
    ]);
    writeFileSync(join(root, '17', 'perda-kla.pdf'), perda);
    writeFileSync(join(root, '21C', 'perda-kla.pdf'), perda);
    const r = await run('check', root);
    const [under17, under21c] = r.lines;
    expect(under17).toMatchObject({ filedUnder: { indicator: '17' }, suggested: { indicator: '1' }, misfiled: false, pages: { from: 3, to: 3 } });
    expect(under21c).toMatchObject({ filedUnder: { indicator: '21C' }, misfiled: true });
    expect(under21c.pages).toBeUndefined();
    const explained = await run('classify', '--explain', join(root, '17', 'perda-kla.pdf'));
    expect(explained.lines[0].pages).toEqual(expect.arrayContaining([expect.objectContaining({ from: 3, to: 3, indicator: '17' })]));
  });

  it('exits 2 for a missing folder or a file given as the folder', async () => {
    expect((await run('check', p('nowhere'))).code).toBe(2);
    expect((await run('check', p('ktr.txt'))).code).toBe(2);
    expect((await run('check')).code).toBe(2);
  });
});
