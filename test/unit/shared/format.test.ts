/**
 * File names and dates as the officer reads them (shared/format.ts): an exported file never says
 * "kota" twice ("kota-kota-contoh-...kla", seen on the walk of 6 Dec 2026) nor calls a regency a
 * city; a document's own date reads like every other date, not as ISO.
 */
import { describe, expect, it } from 'vitest';
import { clipMiddle, clipWords, exportFileName, formatBytes, formatDay, formatPoints } from '../../../src/shared/format';

// 6 Dec 2026 11:19:05 UTC = 18:19:05 WIB
const AT = Date.UTC(2026, 11, 6, 11, 19, 5);

describe('exportFileName', () => {
  it('says the kind of place once: the name takes the place of "kota" when it says Kota or Kabupaten', () => {
    expect(exportFileName('kota', 'Kota Contoh', 2024, 'kla', AT)).toBe('kota-contoh-2024-20261206-181905-wib.kla');
    expect(exportFileName('kota', 'Kabupaten Serang', 2024, 'kla', AT)).toBe('kabupaten-serang-2024-20261206-181905-wib.kla');
    expect(exportFileName('kota', 'Kab. Lebak', 2024, 'kla', AT)).toBe('kab-lebak-2024-20261206-181905-wib.kla');
    expect(exportFileName('kota-terlindungi', 'Kota Contoh', 2024, 'kla', AT)).toBe('kota-contoh-terlindungi-2024-20261206-181905-wib.kla');
    // a name that does not say what it is keeps the word
    expect(exportFileName('kota', 'Serang', 2024, 'kla', AT)).toBe('kota-serang-2024-20261206-181905-wib.kla');
    expect(exportFileName('kota-terlindungi', 'Serang', 2024, 'kla', AT)).toBe('kota-terlindungi-serang-2024-20261206-181905-wib.kla');
    // other files are named as before
    expect(exportFileName('ringkasan-kla', 'Kota Contoh', 2024, 'pdf', AT)).toBe('ringkasan-kla-kota-contoh-2024-20261206-181905-wib.pdf');
    expect(exportFileName('tanggapan-terlindungi', 'Kota Contoh', 2024, 'kla', AT)).toBe('tanggapan-terlindungi-kota-contoh-2024-20261206-181905-wib.kla');
    expect(exportFileName('paket-dinkes', 'Kabupaten Serang', 2024, 'kla', AT)).toBe('paket-dinkes-kabupaten-serang-2024-20261206-181905-wib.kla');
    // a "kota" inside an agency's id is not the city's word
    expect(exportFileName('paket-satpol-kota', 'Kota Contoh', 2024, 'kla', AT)).toBe('paket-satpol-kota-kota-contoh-2024-20261206-181905-wib.kla');
    expect(exportFileName('tanggapan-dinas-kota', 'Kabupaten Serang', 2024, 'kla', AT)).toBe('tanggapan-dinas-kota-kabupaten-serang-2024-20261206-181905-wib.kla');
    for (const city of ['Kota Contoh', 'Kabupaten Serang', 'Kota Kotabaru']) expect(exportFileName('kota', city, 2024, 'kla', AT)).not.toMatch(/^(kota|kabupaten)-(kota|kabupaten)-/);
  });
});

describe('formatDay', () => {
  it('writes a document date (ISO, as stored) as the other dates are written, in either language', () => {
    expect(formatDay('2026-11-03', 'id')).toBe('3 Nov 2026');
    expect(formatDay('2024-01-12', 'id')).toBe('12 Jan 2024');
    expect(formatDay('2024-08-17', 'id')).toBe('17 Agu 2024');
    expect(formatDay('2026-11-03', 'en')).toBe('3 Nov 2026');
    // the last and first day of a year stay themselves (no shift by the zone)
    expect(formatDay('2025-12-31', 'id')).toBe('31 Des 2025');
    expect(formatDay('2026-01-01', 'id')).toBe('1 Jan 2026');
    expect(formatDay('bukan tanggal', 'id')).toBe('bukan tanggal');
    // a day that does not exist is shown as written, not rolled over into the next month
    expect(formatDay('2026-02-31', 'id')).toBe('2026-02-31');
    expect(formatDay('2026-13-01', 'id')).toBe('2026-13-01');
    expect(formatDay('2024-02-29', 'id')).toBe('29 Feb 2024');
    expect(formatDay('2026-02-29', 'en')).toBe('2026-02-29');
  });
});

describe('formatPoints', () => {
  it('writes points as stored: the quarters of 4.5 and 1.25 are not rounded (a button said 1,13 and stored 1,125)', () => {
    expect(formatPoints(1.125, 'id')).toBe('1,125');
    expect(formatPoints(0.3125, 'id')).toBe('0,3125');
    expect(formatPoints(0.9375, 'en')).toBe('0.9375');
    expect(formatPoints(612.5, 'id')).toBe('612,5');
    expect(formatPoints(1000, 'id')).toBe('1000');
  });
});

describe('clipWords', () => {
  it("cuts a question's words at a word's end with an ellipsis, and leaves a short one whole (the seventh walk: \"...pelayana Lepas\")", () => {
    const prompt = 'Ada regulasi daerah tentang fasilitas pelayanan kesehatan dengan pelayanan ramah anak yang ditetapkan';
    const clipped = clipWords(prompt, 60);
    expect(clipped.length).toBeLessThanOrEqual(60);
    expect(clipped).toBe('Ada regulasi daerah tentang fasilitas pelayanan kesehatan…');
    expect(prompt.startsWith(clipped.slice(0, -1))).toBe(true);
    expect(clipWords('Akta kelahiran anak', 60)).toBe('Akta kelahiran anak');
    // one long word: cut inside it rather than show nothing
    expect(clipWords('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('sizes take the next unit from 1000 on: never "1.003,8 MB"', () => {
    expect(formatBytes(999, 'id')).toBe('999 B');
    expect(formatBytes(1000, 'id')).toBe('1 KB');
    expect(formatBytes(1_052_568_371, 'id')).toBe('1 GB'); // 1.003,8 MiB
    expect(formatBytes(1_317_801_031, 'id')).toBe('1,2 GB');
    expect(formatBytes(74 * 1024, 'en')).toBe('74 KB');
    expect(formatBytes(1_017_000_000, 'en')).toBe('969.9 MB');
  });

  it('a long name is cut in its middle and keeps its end', () => {
    const a = 'SK Bupati tentang Pembentukan Gugus Tugas Kabupaten Layak Anak dan Rencana Aksi Daerah revisi ke-10.pdf';
    const b = a.replace('ke-10', 'ke-9');
    expect(clipMiddle(a, 64)).toHaveLength(64);
    expect(clipMiddle(a, 64).endsWith('revisi ke-10.pdf')).toBe(true);
    expect(clipMiddle(a, 64)).not.toBe(clipMiddle(b, 64));
    expect(clipMiddle('laporan.pdf', 64)).toBe('laporan.pdf');
  });
});
