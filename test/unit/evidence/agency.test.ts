import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guessAgency, type AgencyName } from '../../../src/domain/evidence/agency';

const agencies = (JSON.parse(readFileSync(new URL('../../../scoring-rules/kla-2024.json', import.meta.url), 'utf8')) as { agencies: AgencyName[] }).agencies;
const guess = (name: string, text: string) => guessAgency(agencies, { name, text });

describe('the agency that sent a document', () => {
  it('is read from the letterhead, the most specific name winning', () => {
    expect(guess('laporan.pdf', 'PEMERINTAH KOTA SERANG\nDINAS KESEHATAN\nJl. Veteran No. 1')).toBe('dinkes');
    expect(guess('x.pdf', 'DINAS PARIWISATA, PEMUDA DAN OLAHRAGA\nLaporan kegiatan')).toBe(agencies.find((a) => a.name === 'Disparpor')!.id);
    expect(guess('x.pdf', 'DINAS PEKERJAAN UMUM, PERUMAHAN DAN KAWASAN PERMUKIMAN')).toBe(agencies.find((a) => a.name === 'Dinas PU Perkim')!.id);
    expect(guess('x.pdf', 'DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL\nRekapitulasi akta')).toBe(agencies.find((a) => a.name === 'Disdukcapil')!.id);
  });

  it("is the letterhead's, not a longer name the text mentions after it; a city's Forum Anak is the Forum Anak (the seventh walk)", () => {
    expect(guess('analisis.pdf', 'BAPPEDA KOTA SUKAMAJU\nAnalisis Anggaran Responsif Anak 2026\nPeran dunia usaha dan perpustakaan daerah dalam pembiayaan')).toBe('bappeda');
    expect(guess('notulen.pdf', 'FORUM ANAK KOTA SUKAMAJU\nNotulen rapat pengurus\nKunjungan ke Dinas Perpustakaan dan Kearsipan')).toBe('forum-anak');
    // two names starting at the same word: the longer still wins
    expect(guess('x.pdf', 'DINAS PARIWISATA, PEMUDA DAN OLAHRAGA KOTA X\nDinas Kesehatan hadir')).toBe('disparpor');
    // with an address and a blank line, as letterheads are
    expect(guess('x.pdf', 'BAPPEDA KOTA SUKAMAJU\nJalan Merdeka No. 10, Sukamaju\n\nANALISIS ANGGARAN RESPONSIF ANAK\nKerja sama dunia usaha')).toBe('bappeda');
  });

  it("is the letterhead's unit, under its parent office; a body's mention does not beat the file name (the review of the seventh walk's fix)", () => {
    expect(guess('x.pdf', 'PEMERINTAH KOTA SERANG\nDINAS SOSIAL\nUPTD PERLINDUNGAN PEREMPUAN DAN ANAK\nJl. Ahmad Yani 5')).toBe('uptd-ppa');
    expect(guess('x.pdf', 'KEPOLISIAN RESOR SERANG KOTA\nUNIT PELAYANAN PEREMPUAN DAN ANAK POLRES\nLaporan penanganan')).toBe('uppa-polres');
    expect(guess('x.pdf', 'LAPORAN PERPUSTAKAAN KELILING RAMAH ANAK\nDINAS PENDIDIKAN DAN KEBUDAYAAN\n\nIsi')).toBe('disdikbud');
    expect(guess('laporan-dinkes.pdf', 'Notulen rapat forum anak kelurahan')).toBe('dinkes');
    // "forum anak" alone counts only opening a letterhead's line
    expect(guess('x.pdf', 'Notulen rapat forum anak kelurahan')).toBeNull();
  });

  it('or from the file name when the text does not say', () => {
    expect(guess('rekap_disdukcapil_2024.pdf', 'Tabel cakupan akta kelahiran')).toBe(agencies.find((a) => a.name === 'Disdukcapil')!.id);
    expect(guess('laporan-DP3AKB-2024.pdf', 'Laporan kegiatan')).toBe(agencies.find((a) => a.name === 'DPPPAPPKB')!.id);
  });

  it('guesses nothing rather than something from a short common word or a name deep in the text', () => {
    expect(guess('pan-kegiatan.pdf', 'Laporan kegiatan anak')).toBeNull();
    expect(guess('x.pdf', `${'Isi laporan. '.repeat(80)}Dinas Kesehatan hadir sebagai peserta.`)).toBeNull();
    expect(guess('foto.jpg', '')).toBeNull();
  });

  it("gives a regional head's own decree or regulation no sending agency, whoever its text names", () => {
    const decree = 'KEPUTUSAN WALI KOTA SERANG\nNOMOR 12 TAHUN 2024\nTENTANG PEMBENTUKAN GUGUS TUGAS KOTA LAYAK ANAK\nKetua: Kepala Badan Perencanaan Pembangunan Daerah\nSekretaris: Kepala Dinas Kesehatan';
    expect(guess('sk-gugus-tugas.pdf', decree)).toBeNull();
    expect(guess('x.pdf', 'WALI KOTA SERANG\nPROVINSI BANTEN\nPERATURAN WALI KOTA SERANG NOMOR 3 TAHUN 2024\nDinas Kesehatan melaksanakan')).toBeNull();
    expect(guess('x.pdf', 'BUPATI LEBAK\nKEPUTUSAN BUPATI LEBAK\nDinas Sosial')).toBeNull();
    expect(guess('x.pdf', 'PERATURAN DAERAH KOTA SERANG NOMOR 5 TAHUN 2023 TENTANG PENYELENGGARAAN KOTA LAYAK ANAK\nDinas Pendidikan')).toBeNull();
    for (const head of ['SK Walikota Serang No. 7/2024', 'PERWAL SERANG NOMOR 3 TAHUN 2024', 'Perbup Lebak No. 12', 'Salinan Perda Kota Serang No. 5'])
      expect(guess('x.pdf', `${head}\ntentang Gugus Tugas KLA\nKepala Dinas Kesehatan sebagai anggota`), head).toBeNull();
    // the file name an officer gave it still counts; an agency's own decree is still the agency's
    expect(guess('sk-gugus-tugas-disdukcapil.pdf', decree)).toBe(agencies.find((a) => a.name === 'Disdukcapil')!.id);
    expect(guess('x.pdf', 'PEMERINTAH KOTA SERANG\nDINAS KESEHATAN\nKEPUTUSAN KEPALA DINAS KESEHATAN NOMOR 4\nmengingat Peraturan Wali Kota Serang Nomor 3')).toBe('dinkes');
    expect(guess('x.pdf', 'PEMERINTAH KOTA SERANG\nDINAS SOSIAL\nLaporan pelaksanaan Keputusan Wali Kota tentang Gugus Tugas')).toBe(agencies.find((a) => a.name === 'Dinsos')!.id);
  });
});
