import { describe, expect, it } from 'vitest';
import { findDocumentDate } from '../../../src/domain/evidence/docDate';
import { findPdfScripts } from '../../../src/domain/evidence/pdfScripts';
import { sniff } from '../../../src/domain/evidence/sniff';
import { snippetsFor } from '../../../src/domain/evidence/textSearch';
import { bloomHasPair, documentTerms, pairBloom, parseClauses, tokens } from '../../../src/domain/evidence/terms';
import { buildSegment, lookup, mergeSegments } from '../../../src/domain/evidence/segment';

const bytes = (...parts: (string | number[])[]) => {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (const c of p) out.push(c.charCodeAt(0));
    else out.push(...p);
  }
  return new Uint8Array(out);
};

describe('sniff: the real type from the content', () => {
  it('recognises each accepted type', () => {
    const cases: [string, Uint8Array, string, string][] = [
      ['a.pdf', bytes('%PDF-1.7\n'), 'pdf', 'application/pdf'],
      ['a.jpg', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image', 'image/jpeg'],
      ['a.png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image', 'image/png'],
      ['a.webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image', 'image/webp'],
      ['a.docx', bytes('PK', [3, 4], '....[Content_Types].xml....word/document.xml'), 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['a.xlsx', bytes('PK', [3, 4], '....[Content_Types].xml....xl/workbook.xml'), 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['a.odt', bytes('PK', [3, 4], '..........................mimetypeapplication/vnd.oasis.opendocument.text'), 'odt', 'application/vnd.oasis.opendocument.text'],
      ['a.ods', bytes('PK', [3, 4], '..........................mimetypeapplication/vnd.oasis.opendocument.spreadsheet'), 'ods', 'application/vnd.oasis.opendocument.spreadsheet'],
      ['a.doc', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0'), 'doc', 'application/msword'],
      ['a.xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'W\0o\0r\0k\0b\0o\0o\0k\0'), 'xls', 'application/vnd.ms-excel'],
      ['catatan.txt', bytes('Rapat Gugus Tugas KLA, 12 Januari 2024'), 'text', 'text/plain'],
    ];
    for (const [name, head, kind, mime] of cases) {
      const r = sniff(name, head, head.length);
      expect(r, name).toEqual({ ok: true, type: { kind, mime } });
    }
  });

  it('trusts content over the name and says so', () => {
    const r = sniff('laporan.pdf', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 100);
    expect(r).toEqual({ ok: true, type: { kind: 'image', mime: 'image/png', extensionMismatch: { extension: 'pdf', actual: 'png' } } });
  });

  it('keeps plain text saved under a document name as text, and says so', () => {
    expect(sniff('notulen.pdf', bytes('Notulen rapat Forum Anak, 3 Mei 2024'), 40)).toEqual({
      ok: true,
      type: { kind: 'text', mime: 'text/plain', extensionMismatch: { extension: 'pdf', actual: 'text' } },
    });
    // a web page or RTF saved under an office name is not plain text, nor is it refused as an archive
    expect(sniff('rekap.xls', bytes('<html><table><tr><td>1</td></tr></table></html>'), 50)).toMatchObject({ ok: false, problem: 'unsupported-type' });
    expect(sniff('surat.doc', bytes('{\\rtf1\\ansi surat'), 20)).toMatchObject({ ok: false, problem: 'unsupported-type' });
    expect(sniff('paparan.pptx', bytes('PK', [3, 4], '[Content_Types].xml ppt/slides/slide1.xml'), 1000)).toMatchObject({ ok: false, problem: 'unsupported-type' });
    // a text file without an extension is text, with no note about its name
    expect(sniff('CATATAN', bytes('Catatan rapat'), 13)).toEqual({ ok: true, type: { kind: 'text', mime: 'text/plain' } });
    // an unknown extension is not taken for text
    expect(sniff('skrip.js', bytes('alert(1)'), 8)).toMatchObject({ ok: false, problem: 'unsupported-type' });
  });

  it('refuses empty, unknown and oversized files with a reason', () => {
    expect(sniff('kosong.pdf', new Uint8Array(), 0)).toEqual({ ok: false, problem: 'empty' });
    expect(sniff('virus.pdf', bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4]), 1000)).toMatchObject({ ok: false, problem: 'unsupported-type' });
    expect(sniff('arsip.zip', bytes('PK', [3, 4], 'foo/bar.txt'), 1000)).toMatchObject({ ok: false, problem: 'archive' });
    expect(sniff('arsip.rar', bytes('Rar!', [0x1a, 7, 0]), 1000)).toMatchObject({ ok: false, problem: 'archive' });
    expect(sniff('data.csv.gz', bytes([0x1f, 0x8b, 8, 0]), 1000)).toMatchObject({ ok: false, problem: 'archive' });
    expect(sniff('besar.pdf', bytes('%PDF-1.4'), 60_000_000, 50 * 1024 * 1024)).toMatchObject({ ok: false, problem: 'too-large' });
    // binary junk with a .txt name is not text
    expect(sniff('x.txt', bytes([1, 2, 3, 0, 5, 6]), 6)).toMatchObject({ ok: false });
  });
});

describe('PDF scripts are found, never run', () => {
  it('finds JavaScript and auto actions', () => {
    expect(findPdfScripts(bytes('%PDF-1.4 1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>'))).toEqual({ hasScripts: true, tokens: ['/JavaScript', '/JS', '/OpenAction'] });
    expect(findPdfScripts(bytes('%PDF-1.4 1 0 obj << /Type /Catalog /Pages 2 0 R >>')).hasScripts).toBe(false);
    // /JSON is not /JS
    expect(findPdfScripts(bytes('<< /JSON 1 >>')).hasScripts).toBe(false);
  });
});

describe('document date', () => {
  it('prefers the date after "tanggal"', () => {
    expect(findDocumentDate('Rapat 3 Maret 2023. Ditetapkan di Serang pada tanggal 12 Januari 2024')).toBe('2024-01-12');
    expect(findDocumentDate('Tgl: 05/08/2024 laporan')).toBe('2024-08-05');
    expect(findDocumentDate('tanpa tanggal')).toBeUndefined();
    expect(findDocumentDate('nomor 31-13-2024')).toBeUndefined();
  });
});

describe('search excerpts and terms', () => {
  const doc = { text: '', pages: ['Keputusan Wali Kota tentang Gugus Tugas Kota Layak Anak.', 'Akta   Kelahiran diterbitkan.\nPosyandu Mawar'] };

  it('highlights the words of the query on the page where they occur, case and accents ignored', () => {
    const s = snippetsFor(doc, 'AKTA kelahir');
    expect(s).toHaveLength(1);
    expect(s[0].page).toBe(2);
    expect(s[0].parts.filter((_, i) => i % 2 === 1)).toEqual(['Akta', 'Kelahir']);
    expect(snippetsFor(doc, 'tugas')[0]).toMatchObject({ page: 1 });
    expect(snippetsFor({ text: 'Pemeriksaan gizi balita' }, 'gizi')[0].page).toBeUndefined();
    expect(snippetsFor(doc, 'tidakada')).toEqual([]);
  });

  it('indexes words and their stems, and reads phrases and codes from a query', () => {
    const terms = documentTerms(tokens('Laporan kelahiran: 1.204 akta'));
    expect([...terms]).toEqual(expect.arrayContaining(['laporan', 'lapor', 'kelahiran', 'lahir', '1', '204', 'akta']));
    expect(parseClauses('kota "forum anak" 188.45/123 a')).toEqual([
      { kind: 'word', word: 'kota', prefix: true },
      { kind: 'phrase', words: ['forum', 'anak'] },
      { kind: 'phrase', words: ['188', '45', '123'] },
    ]);
    const bloom = pairBloom(tokens('forum anak daerah'));
    expect(bloomHasPair(bloom, 'forum', 'anak')).toBe(true);
    expect(bloomHasPair(bloom, 'anak', 'daerah')).toBe(true);
    expect(bloomHasPair(bloom, 'anak', 'forum')).toBe(false);
  });
});

describe('index segments', () => {
  const a = buildSegment([
    { no: 3, terms: ['anak', 'forum'] },
    { no: 1, terms: ['anak', 'gizi'] },
  ]);
  const b = buildSegment([{ no: 7, terms: ['anakku', 'forum'] }]);

  it('keeps, per sorted term, the ascending numbers of its documents', () => {
    expect(a.terms).toEqual(['anak', 'forum', 'gizi']);
    expect(Array.from(a.docs)).toEqual([1, 3]);
    expect(lookup(a, 'anak', false).lists.map((l) => Array.from(l))).toEqual([[1, 3]]);
    expect(lookup(a, 'ana', false).lists).toEqual([]);
    expect(lookup(a, 'zzz', true).lists).toEqual([]);
  });

  it('finds prefixes, cuts long expansions, and merges segments without counting a document twice', () => {
    const m = mergeSegments([a, b, a]);
    expect(Array.from(m.docs)).toEqual([1, 3, 7]);
    expect(lookup(m, 'anak', true).lists.map((l) => Array.from(l))).toEqual([[1, 3], [7]]);
    expect(lookup(m, 'forum', false).lists.map((l) => Array.from(l))).toEqual([[3, 7]]);
    expect(lookup(m, 'a', true, 1)).toMatchObject({ cut: true });
  });
});
