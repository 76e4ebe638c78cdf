// @vitest-environment node
/**
 * Office files are read as zip archives of XML (src/domain/evidence/office.ts): text of DOCX, ODT,
 * XLSX and ODS; caps on inflated bytes, sheets and cells hold whatever the archive declares; and
 * the spreadsheet writer of the summary (CSV without formula injection, XLSX read back).
 */
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { afterEach, describe, expect, it } from 'vitest';
import { docxText, odtText, OFFICE_LIMITS, OfficeLimitError, spreadsheetText } from '../../../src/domain/evidence/office';
import { CSV_EN, CSV_ID, csvCell, csvText, xlsxBytes } from '../../../src/domain/spreadsheet';

async function zipOf(files: Record<string, string | Uint8Array>, level = 6): Promise<Uint8Array> {
  const zip = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, level });
  for (const [name, body] of Object.entries(files)) await zip.add(name, typeof body === 'string' ? new TextReader(body) : new Uint8ArrayReader(body));
  return zip.close();
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const docx = (body: string, extra: Record<string, string> = {}) =>
  zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`, ...extra });

const saved = { ...OFFICE_LIMITS };
afterEach(() => Object.assign(OFFICE_LIMITS, saved));

describe('DOCX and ODT', () => {
  it('DOCX: the letterhead in the header first, then paragraphs, tabs, breaks, tables and entities', async () => {
    const bytes = await docx(
      '<w:p><w:r><w:t>KEPUTUSAN KEPALA DINAS</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Nomor: </w:t></w:r><w:r><w:t>188.45/12/KEP/2024</w:t></w:r></w:p>' +
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Kecamatan</w:t></w:r><w:r><w:tab/><w:t>Anak</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
        '<w:p><w:r><w:t>Sekolah &amp; Madrasah &lt;Ramah Anak&gt;</w:t><w:br/><w:t>baris dua</w:t></w:r></w:p><w:p><w:r><w:delText>dihapus</w:delText></w:r></w:p>',
      { 'word/header1.xml': `<w:hdr ${W}><w:p><w:r><w:t>PEMERINTAH KOTA SERANG DINAS PENDIDIKAN</w:t></w:r></w:p></w:hdr>` },
    );
    expect(await docxText(bytes)).toBe('PEMERINTAH KOTA SERANG DINAS PENDIDIKAN\nKEPUTUSAN KEPALA DINAS\nNomor: 188.45/12/KEP/2024\nKecamatan\tAnak\nSekolah & Madrasah <Ramah Anak>\nbaris dua');
  });

  it('ODT: headings, paragraphs, spaces and line breaks', async () => {
    const content = '<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text><text:h>Notulen Musrenbang Anak</text:h><text:p>Hadir:<text:s text:c="2"/>40 anak<text:line-break/>Forum Anak Kecamatan</text:p></office:text></office:body></office:document-content>';
    expect(await odtText(await zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': content }))).toBe('Notulen Musrenbang Anak\nHadir:  40 anak\nForum Anak Kecamatan');
  });

  it('a part that inflates past the cap stops there, even when the archive declares a small size', async () => {
    OFFICE_LIMITS.entryBytes = 2 * 1024 * 1024;
    const big = `<w:p><w:r><w:t>${'a'.repeat(3 * 1024 * 1024)}</w:t></w:r></w:p>`;
    await expect(docxText(await docx(big))).rejects.toBeInstanceOf(OfficeLimitError);
    // lie about the size in the central directory and the local header: the counting sink still stops it
    const honest = await docx(big);
    const lying = Buffer.from(honest);
    for (let i = 0; i + 4 <= lying.length; i++) {
      const sig = lying.readUInt32LE(i);
      if (sig === 0x04034b50 && lying.toString('latin1', i + 30, i + 30 + 17) === 'word/document.xml') lying.writeUInt32LE(100, i + 22);
      if (sig === 0x02014b50 && lying.toString('latin1', i + 46, i + 46 + 17) === 'word/document.xml') lying.writeUInt32LE(100, i + 24);
    }
    await expect(docxText(new Uint8Array(lying))).rejects.toThrow();
  });

  it('malformed XML and a missing body are errors, not hangs', async () => {
    await expect(docxText(await docx('<w:p><w:t>open'))).rejects.toThrow();
    await expect(docxText(await zipOf({ 'x.xml': '<a/>' }))).rejects.toThrow(/document.xml/);
    await expect(docxText(new TextEncoder().encode('not a zip at all'))).rejects.toThrow();
  });
});

describe('spreadsheets', () => {
  const xlsxFiles = (sheets: [string, string][], strings: string[]) => ({
    '[Content_Types].xml': '<Types/>',
    'xl/workbook.xml': `<workbook xmlns:r="r"><sheets>${sheets.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships>${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    'xl/sharedStrings.xml': `<sst>${strings.map((s) => `<si><t>${s}</t></si>`).join('')}<si><r><t>Kaya</t></r><r><t xml:space="preserve"> teks</t></r><rPh><t>フリ</t></rPh></si></sst>`,
    ...Object.fromEntries(sheets.map(([, xml], i) => [`xl/worksheets/sheet${i + 1}.xml`, `<worksheet><sheetData>${xml}</sheetData></worksheet>`])),
  });

  it('XLSX: sheets in order, shared, inline and rich strings, numbers, booleans, gaps kept by column', async () => {
    const bytes = await zipOf(
      xlsxFiles(
        [
          ['Data Anak', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Taktakan</t></is></c><c r="B2"><v>1234</v></c><c r="C2" t="b"><v>1</v></c></row><row r="3"/><row r="4"><c r="A4" t="s"><v>2</v></c></row>'],
          ['Catatan', '<row r="1"><c r="B1" t="str"><v>Posyandu Mawar Jingga</v></c></row>'],
        ],
        ['Kecamatan', 'Ada akta'],
      ),
    );
    const r = await spreadsheetText(bytes);
    expect(r.sheets).toBe(2);
    expect(r.text).toBe('# Data Anak\nKecamatan\t\tAda akta\nTaktakan\t1234\tTRUE\nKaya teks\n\n# Catatan\n\tPosyandu Mawar Jingga');
  });

  it('ODS: tables, repeated cells, empty runs that add nothing', async () => {
    const content =
      '<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="Rekap">' +
      '<table:table-row><table:table-cell><text:p>Desa</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"><text:p>0</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16000"/></table:table-row>' +
      '<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>' +
      '</table:table></office:spreadsheet></office:body></office:document-content>';
    const r = await spreadsheetText(await zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': content }));
    expect(r).toEqual({ text: '# Rekap\nDesa\t0\t0', sheets: 1 });
  });

  it('more sheets or cells than the caps are refused as too large', async () => {
    OFFICE_LIMITS.sheets = 3;
    const many = Array.from({ length: 4 }, (_, i) => [`S${i}`, ''] as [string, string]);
    await expect(spreadsheetText(await zipOf(xlsxFiles(many, [])))).rejects.toBeInstanceOf(OfficeLimitError);
    OFFICE_LIMITS.sheets = 100;
    OFFICE_LIMITS.cells = 1000;
    const row = (n: number) => `<row r="${n}">${Array.from({ length: 20 }, (_, c) => `<c><v>${c}</v></c>`).join('')}</row>`;
    const big = Array.from({ length: 60 }, (_, i) => row(i + 1)).join('');
    await expect(spreadsheetText(await zipOf(xlsxFiles([['Besar', big]], [])))).rejects.toBeInstanceOf(OfficeLimitError);
  });
});

describe('spreadsheets written by the summary', () => {
  it('CSV cells that a spreadsheet would run as a formula start with an apostrophe; numbers stay numbers', () => {
    expect(['=HYPERLINK("http://x","klik")', '+62 812', '-5 poin', '@SUM(A1)', '\t=1', 'Perda No. 4, 2019', 'biasa'].map((v) => csvCell(v))).toEqual([
      `"'=HYPERLINK(""http://x"",""klik"")"`,
      "'+62 812",
      "'-5 poin",
      "'@SUM(A1)",
      "'\t=1",
      '"Perda No. 4, 2019"',
      'biasa',
    ]);
    expect(csvCell(-5)).toBe('-5');
    expect(csvText([{ Kode: '1.1', Nilai: 12 }, { Kode: '=cmd|calc', Nilai: 0 }])).toBe("Kode,Nilai\r\n1.1,12\r\n'=cmd|calc,0\r\n");
  });

  it('for Indonesian Excel: semicolons between cells, a decimal comma, and cells with a semicolon quoted', () => {
    expect(csvText([{ Kode: '1.2f', Nilai: 2.5, Catatan: 'Perda No. 4, 2019' }, { Kode: '4.1', Nilai: 12, Catatan: 'a; b' }], CSV_ID)).toBe(
      'Kode;Nilai;Catatan\r\n1.2f;2,5;Perda No. 4, 2019\r\n4.1;12;"a; b"\r\n',
    );
    expect(csvText([{ Nilai: 2.5 }], CSV_EN)).toBe('Nilai\r\n2.5\r\n');
  });

  it('the XLSX it writes reads back, formulas stay text, and odd characters survive', async () => {
    const rows = [
      { Kode: '1.1', Nilai: 12, Catatan: '=1+1' },
      { Kode: '2.3', Nilai: 0, Catatan: 'Sekolah & <Madrasah> "ramah" anak\u0001' },
    ];
    const bytes = await xlsxBytes(rows, 'KLA 2024: [rekap]');
    const back = await spreadsheetText(bytes);
    expect(back).toEqual({ sheets: 1, text: '# KLA 2024   rekap\nKode\tNilai\tCatatan\n1.1\t12\t=1+1\n2.3\t0\tSekolah & <Madrasah> "ramah" anak' });
  });
});
