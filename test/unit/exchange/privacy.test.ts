/** The personal-data finder on realistic Indonesian evidence text. */
import { describe, expect, it } from 'vitest';
import { findPersonalData, isPlausibleNik, scanDocuments } from '../../../src/domain/privacy';

const BAP = `BERITA ACARA PEMERIKSAAN
Pada hari Senin tanggal 4 Maret 2024 telah diperiksa korban berinisial AB (12 tahun), NIK 3201014509120001,
anak dari Sdr. Rahmat, alamat Kel. Cipare. Pelaku bernama Budi Santoso (NIK: 3604 0112 0385 0003) telah diamankan.
Korban: Sdri. Melati. Saksi yaitu Joko Widodo. Anak berinisial R.A. dirujuk ke UPTD PPA.
Nomor KK 32.01.01.120390.0002. Pendamping a.n. Siti Aminah.
Biaya dibebankan pada kode rekening 5.2.02.01.01.0001 dan sub kegiatan 1.02.02.2.01.0001.
Hubungi 0812-3456-7890 atau +62 812 3456 7890 atau (0254) 200123.
a.n. WALI KOTA SERANG, Kepala Dinas Kesehatan. Atas nama Kepala DP3AKB.
Layanan korban kekerasan dan korban TPPO serta korban KDRT ditangani UPTD PPA.`;

describe('findPersonalData', () => {
  const found = findPersonalData(BAP);
  const original = (f: { start: number; end: number }) => BAP.slice(f.start, f.end);

  it('finds NIK with and without separators, and only plausible ones', () => {
    const niks = found.filter((f) => f.kind === 'nik').map(original);
    expect(niks).toEqual(['3201014509120001', '3604 0112 0385 0003', '32.01.01.120390.0002']);
    expect(found.find((f) => original(f) === '3201014509120001')).toMatchObject({ masked: '3201************', trigger: 'NIK' });
    expect(found.find((f) => original(f) === '3604 0112 0385 0003')!.masked).toBe('3604 **** **** ****');
  });

  it('finds names after korban / pelaku / saksi / anak berinisial / a.n., masked', () => {
    const names = found.filter((f) => f.kind === 'name').map((f) => [f.trigger, original(f), f.masked]);
    expect(names).toEqual([
      ['korban', 'AB', 'A*'],
      ['pelaku', 'Budi Santoso', 'B*** S******'],
      ['korban', 'Melati', 'M*****'],
      ['saksi', 'Joko Widodo', 'J*** W*****'],
      ['anak', 'R.A.', 'R.*.'],
      ['a.n.', 'Siti Aminah', 'S*** A*****'],
    ]);
  });

  it('snippets never show a finding in clear', () => {
    const all = found.map(original);
    for (const f of found) {
      expect(f.snippet).toContain(f.masked);
      for (const value of all) expect(f.snippet).not.toContain(value.length > 3 ? value : `berinisial ${value} `);
    }
  });

  it('no false positives: budget codes, sub-activity codes, phone numbers, official titles, kinds of victims', () => {
    const texts = found.map(original).join(' | ');
    for (const notPersonal of ['5.2.02', '1.02.02', '0812', '+62', 'WALI', 'Kepala', 'kekerasan', 'TPPO', 'KDRT', 'DP3AKB']) expect(texts).not.toContain(notPersonal);
    expect(findPersonalData('Kode rekening 5.2.02.01.01.0001 sebesar Rp 150.000.000 dan 1.02.0.00.0.00.01.0000')).toEqual([]);
    expect(findPersonalData('No. Rekening Bank 1234567890123456 dan telp 081234567890 serta 6281234567890123')).toEqual([]);
    expect(findPersonalData('Jumlah anak: 1.204 jiwa; 3201014509120001234 (19 digit)')).toEqual([]);
    expect(findPersonalData('a.n. Wali Kota Serang\nSekretaris Daerah\natas nama Bupati Pandeglang')).toEqual([]);
    expect(findPersonalData('Jumlah korban kekerasan terhadap anak menurun; pelaku dibina.')).toEqual([]);
  });

  it('isPlausibleNik checks province, codes and the birth date (women +40)', () => {
    expect(isPlausibleNik('3201014509120001')).toBe(true); // 45 = 5th, female
    expect(isPlausibleNik('3201017209120001')).toBe(false); // day 72
    expect(isPlausibleNik('3201011213120001')).toBe(false); // month 13
    expect(isPlausibleNik('9901011203900001')).toBe(false); // no province 99
    expect(isPlausibleNik('3200011203900001')).toBe(false); // district 00
    expect(isPlausibleNik('3201011203900000')).toBe(false); // serial 0000
  });
});

describe('scanDocuments', () => {
  it('lists only the documents with personal data, counting each kind (file names too)', () => {
    const r = scanDocuments(
      [
        { id: 'd1', name: 'BAP.pdf' },
        { id: 'd2', name: 'Perda KLA.pdf' },
        { id: 'd3', name: 'Laporan korban AB.pdf' },
      ],
      [
        { id: 'd1', text: BAP },
        { id: 'd2', text: 'Peraturan Daerah tentang Kota Layak Anak, a.n. Wali Kota Serang' },
      ],
    );
    expect(r.map((d) => [d.documentId, d.nik, d.names])).toEqual([
      ['d1', 3, 6],
      ['d3', 0, 1],
    ]);
  });
});
