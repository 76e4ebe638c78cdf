// Tokenizer, normaliser, stemmer, OCR repair, abbreviations and letterhead/signature zones, on
// real-looking Indonesian government text.
import { describe, expect, it } from 'vitest';
import { analyse, ocrKey, stemVariants, surfaceWords, FuzzyIndex } from '../../../src/domain/classifier';
import { editDistance } from '../../../src/domain/classifier/fuzzy';
import { zoneLines } from '../../../src/domain/classifier/zones';
import { model2024 } from './helpers';

const m = model2024();
const keysOf = (text: string) => analyse(m, { text }).tokens.map((t) => t.key);
const keyOf = (word: string) => {
  const k = keysOf(word);
  expect(k, word).toHaveLength(1);
  return k[0];
};

describe('surface words', () => {
  it('lower-cases, strips diacritics, drops numbers, splits hyphens and camel case', () => {
    expect(surfaceWords('Layanan PAUD-HI di Kécamatan "Seberang", 12 Mei 2024')).toEqual(['layanan', 'paud', 'hi', 'di', 'kecamatan', 'seberang', 'mei']);
    expect(surfaceWords('Dinas Kependudukan dan PencatatanSipil')).toEqual(['dinas', 'kependudukan', 'dan', 'pencatatan', 'sipil']);
    expect(surfaceWords('DP3AKB dan P2TP2A')).toEqual(['dp3akb', 'dan', 'p2tp2a']);
  });

  it('removes OCR junk inside words and reads pipes as l', () => {
    expect(surfaceWords('Kot"a ke|ompok perl¬u Pu$ke$mas')).toEqual(['kota', 'kelompok', 'perlu', 'puskesmas']);
  });
});

describe('stemmer', () => {
  it('brings the affixed forms of a word together', () => {
    const latih = keyOf('pelatihan');
    for (const w of ['melatih', 'dilatih', 'terlatih', 'latihan']) expect(keyOf(w), w).toBe(latih);
    const lindung = keyOf('perlindungan');
    for (const w of ['melindungi', 'dilindungi', 'terlindungi']) expect(keyOf(w), w).toBe(lindung);
    expect(keyOf('menyusui')).toBe(keyOf('menyusu'));
    expect(keyOf('pernikahan')).toBe(keyOf('menikahkan'));
    expect(keyOf('merokok')).toBe(keyOf('rokok'));
    expect(keyOf('penanganan')).toBe(keyOf('ditangani'));
  });

  it('keeps words apart that only look alike', () => {
    expect(keyOf('panti')).not.toBe(keyOf('pantai'));
    expect(keysOf('salinan')).not.toContain(keyOf('persalinan')); // "salinan" (a certified copy) is a stop word
    expect(keyOf('pelapor')).not.toBe(keyOf('laporan'));
    expect(keyOf('pelaporan')).not.toBe(keyOf('pelapor'));
    expect(keyOf('menimbang')).not.toBe(keyOf('penimbangan'));
    expect(keyOf('keputusan')).not.toBe(keyOf('putus'));
  });

  it('never stems short words, words with digits or listed exceptions, and never lands on an acronym', () => {
    expect(stemVariants('anak')).toEqual([]);
    expect(stemVariants('dp3akb')).toEqual([]);
    expect(stemVariants('kecamatan', new Set(['kecamatan']))).toEqual([]);
    expect(stemVariants('kesehatan')).toContain('sehat');
    expect(stemVariants('perkawinan')).toContain('kawin');
    // "pemeriksaan" must not become the acronym LKSA (lembaga kesejahteraan sosial anak)
    expect(m.surfaceOnly.has('lksa')).toBe(true);
    expect(keyOf('pemeriksaan')).not.toBe(m.lex.get('lksa'));
    expect(keyOf('pemerlksaan')).not.toBe(m.lex.get('lksa'));
  });
});

describe('stop words and abbreviations', () => {
  it('drops stop words on both sides so phrases meet', () => {
    // "kota" is a stop word: Kota Layak Anak and Kabupaten Layak Anak are one phrase
    expect(keysOf('Kota Layak Anak')).toEqual(keysOf('Kabupaten Layak Anak'));
    expect(keysOf('yang dan di dari untuk')).toEqual([]);
  });

  it('expands abbreviations', () => {
    expect(keysOf('KTR')).toEqual(keysOf('kawasan tanpa rokok'));
    expect(keysOf('ATS')).toEqual(keysOf('anak tidak sekolah'));
    expect(keysOf('PUSPAGA')).toEqual(keysOf('pusat pembelajaran keluarga'));
    expect(keysOf('ABH')).toEqual(keysOf('anak yang berhadapan dengan hukum'));
  });

  it('reads KIA by its context: the child ID card or the maternal-child health book', () => {
    const card = keysOf('kartu identitas anak');
    const book = keysOf('kesehatan ibu dan anak');
    const near = (text: string) => keysOf(text).join(' ');
    expect(near('Disdukcapil menerbitkan 300 KIA bagi siswa yang sudah memiliki akta kelahiran')).toContain(card.join(' '));
    expect(near('Setiap ibu hamil menerima buku KIA dari bidan di posyandu')).toContain(book.join(' '));
    // no context: left as it is
    expect(keysOf('KIA')).toEqual(keysOf('kia'));
    expect(near('KIA')).not.toContain(card.join(' '));
  });
});

describe('OCR damage', () => {
  it('canonical keys merge the usual confusions', () => {
    expect(ocrKey('pelat1han')).toBe(ocrKey('pelatihan'));
    expect(ocrKey('ruarig')).toBe(ocrKey('ruang'));
    expect(ocrKey('pcngclola')).toBe(ocrKey('pengelola'));
    expect(ocrKey('Jiimlah'.toLowerCase())).toBe(ocrKey('jumlah'));
  });

  it('edit distance with early exit', () => {
    expect(editDistance('kelompok', 'kelomopk', 2)).toBe(1);
    expect(editDistance('kabur', 'kapur', 1)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('a fuzzy index repairs within one edit and refuses ambiguity', () => {
    const f = new FuzzyIndex();
    f.add('perlindungan', 'K1');
    f.add('pelatihan', 'K2');
    expect(f.lookup('perlindunqan')).toBe('K1');
    expect(f.lookup('pe1atihan')).toBe('K2');
    expect(f.lookup('perlinduangan')).toBe('K1');
    expect(f.lookup('pembangunan')).toBeUndefined();
    f.add('pelatiham', 'K3');
    expect(f.lookup('pelatihan')).toBe('K2'); // exact canonical wins
  });

  it('repairs a scanned letter: digits in words, broken words, run-together words', () => {
    const scanned = `~ PEMERINTAHKOT4 SUKA MAJU
KEPUTUS4N LURAH
TENTANG PEMBENTUKAN KELOMPOK PERL1NDUNGAN ANAK TERPADU BERBASIS MASYARAKAT
Menimbang: bahwa untukmencegah kckerason terhadap anak perl¬u dibentuk kelomp0k;
KESAT¦U : Membentukke|ompok PATBM dengan 13 aktivis.
KEDUA : Kelompok bertugas melakukan sosiali - sasi dan merujiik kasus ke UPTD PPA.`;
    const a = analyse(m, { text: scanned });
    expect(a.scanned).toBe(true);
    const keys = a.tokens.map((t) => t.key);
    expect(keys).toContain(keyOf('kekerasan'));
    expect(keys).toContain(keyOf('perlindungan'));
    expect(keys).toContain(keyOf('sosialisasi'));
    expect(keys).toContain(keyOf('pencegahan'));
    expect(keys.filter((k) => k === keyOf('kelompok')).length).toBeGreaterThanOrEqual(3);
    // repaired words count a little less than clean ones
    expect(a.tokens.find((t) => t.surface === 'kckerason')?.fuzzy).toBe(true);
  });

  it('leaves clean text alone', () => {
    const a = analyse(m, { text: 'Warga kelurahan membangun taman bermain di tepi pantai bersama Dinas Lingkungan Hidup.' });
    expect(a.scanned).toBe(false);
    expect(a.tokens.some((t) => t.fuzzy)).toBe(false);
  });
});

describe('letterheads, titles and signature blocks', () => {
  const letter = `PEMERINTAH KOTA SUKA MAJU
DINAS KESEHATAN
Jl. Merdeka No. 10 Suka Maju, Telp. (0274) 551 902
email: dinkes@sukamaju.go.id

LAPORAN PELAKSANAAN PEKAN ASI SEDUNIA
TAHUN 2024

Kegiatan dilaksanakan di 12 puskesmas dengan kelas menyusui bagi 400 ibu.

Suka Maju, 12 Agustus 2024
Kepala Dinas Kesehatan,

dr. SITI AMINAH, M.Kes
NIP. 19750603 200312 2 001`;

  it('finds the zones and weighs them', () => {
    const m2 = model2024();
    const w = m2.config.weights;
    const z = zoneLines(letter, m2.boilerplate, { title: w.title, header: w.header, signature: w.signature });
    const zoneOf = (s: string) => z.find((l) => l.text.startsWith(s))!;
    expect(zoneOf('PEMERINTAH').zone).toBe('header');
    expect(zoneOf('DINAS KESEHATAN').zone).toBe('header');
    expect(zoneOf('Jl. Merdeka').weight).toBe(0);
    expect(zoneOf('email').weight).toBe(0);
    expect(zoneOf('LAPORAN PELAKSANAAN').zone).toBe('lead'); // the first title line
    expect(zoneOf('TAHUN 2024').zone).toBe('title');
    expect(zoneOf('LAPORAN PELAKSANAAN').weight).toBe(w.title);
    expect(zoneOf('Kegiatan dilaksanakan').zone).toBe('body');
    expect(zoneOf('Suka Maju, 12 Agustus').zone).toBe('signature');
    expect(zoneOf('Kepala Dinas Kesehatan,').weight).toBe(w.signature);
    expect(zoneOf('NIP.').weight).toBe(0);
  });

  it('a letterhead and signature alone say almost nothing about the topic', () => {
    const onlyBoilerplate = letter.replace(/LAPORAN[\s\S]*?ibu\.\n/, '');
    const ts = analyse(model2024(), { text: onlyBoilerplate }).tokens;
    expect(ts.every((t) => t.w <= model2024().config.weights.header)).toBe(true);
  });

  it('the legal basis of a regulation ("Mengingat") counts little', () => {
    const reg = `PERATURAN WALI KOTA SUKA MAJU NOMOR 3 TAHUN 2024
TENTANG PENYELENGGARAAN SATUAN PENDIDIKAN RAMAH ANAK

Menimbang : bahwa peserta didik perlu dilindungi dari kekerasan;
Mengingat : 1. Undang-Undang Nomor 35 Tahun 2014 tentang Perlindungan Anak;
2. Peraturan Daerah Nomor 2 Tahun 2021 tentang Kawasan Tanpa Rokok;
MEMUTUSKAN:
Pasal 1`;
    const ts = analyse(model2024(), { text: reg }).tokens;
    const rokok = ts.find((t) => t.surface === 'rokok')!;
    expect(rokok.zone).toBe('block');
    expect(rokok.w).toBeLessThan(0.5);
  });
});
