/**
 * The demo workspace's evidence: a few dozen short documents written by the team (no real
 * person, no real case), so that reading, link suggestions, misfile flags, OCR and search have
 * something to show. Some are linked to the right question, some to a question in another
 * cluster (they get flagged), some are left for the officer to link by suggestion, and a few are
 * scans (pictures of text, read by OCR).
 */

export interface DemoDoc {
  name: string;
  lines: string[];
  /** The indicator the content belongs to. */
  indicator: string;
  /** Linked to the indicator's first question, to another indicator's (a misfile), or not linked. */
  link: 'right' | 'wrong' | 'none';
  /** The indicator of the wrong link (a neighbouring topic in another cluster). */
  wrong?: string;
  /** Printed and scanned: a picture of the text, no text layer. */
  scanned?: boolean;
}

interface Topic {
  indicator: string;
  wrong: string;
  file: string;
  lines: (city: string, year: number, n: number) => string[];
}

const TOPICS: Topic[] = [
  {
    indicator: '1',
    wrong: '4',
    file: 'perda-kla',
    lines: (c, y, n) => [`PERATURAN DAERAH ${c.toUpperCase()} NOMOR ${n + 3} TAHUN ${y - 1}`, 'TENTANG PENYELENGGARAAN KOTA LAYAK ANAK', 'Menimbang bahwa setiap anak berhak atas kelangsungan hidup, tumbuh dan berkembang;', 'Peraturan daerah ini mengatur kebijakan, program dan anggaran pemenuhan hak anak dan perlindungan khusus anak.', 'Wali Kota menetapkan rencana aksi daerah kota layak anak.'],
  },
  {
    indicator: '2',
    wrong: '6',
    file: 'sk-gugus-tugas',
    lines: (c, y, n) => [`KEPUTUSAN WALI KOTA ${c.toUpperCase()} NOMOR 400/${120 + n}/${y}`, 'TENTANG PEMBENTUKAN GUGUS TUGAS KOTA LAYAK ANAK', 'Gugus tugas dipimpin Kepala Bappeda dengan sekretariat di DP3AKB.', 'Tugas gugus tugas: menyusun rencana aksi daerah, mengumpulkan data terpilah anak, dan memantau pelaksanaan KLA.'],
  },
  {
    indicator: '4',
    wrong: '19',
    file: 'rekap-akta-kelahiran',
    lines: (_c, y, n) => ['DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL', `Rekapitulasi kepemilikan akta kelahiran anak 0-18 tahun, semester ${n + 1} tahun ${y}`, `Cakupan akta kelahiran anak mencapai ${95 + n},${n + 2} persen.`, 'Layanan jemput bola akta kelahiran di rumah sakit, puskesmas dan sekolah.', 'Penerbitan Kartu Identitas Anak bagi anak usia 0-17 tahun.'],
  },
  {
    indicator: '6',
    wrong: '2',
    file: 'notula-forum-anak',
    lines: (c, y) => [`NOTULA MUSYAWARAH FORUM ANAK ${c.toUpperCase()}`, `Forum Anak menyampaikan usulan anak dalam Musrenbang tahun ${y}.`, 'Pengurus Forum Anak dipilih oleh anak dan didampingi fasilitator.', 'Usulan: taman bermain di setiap kelurahan dan layanan konseling sebaya di sekolah.'],
  },
  {
    indicator: '8',
    wrong: '13',
    file: 'laporan-puspaga',
    lines: (_c, y) => ['LAPORAN LAYANAN PUSAT PEMBELAJARAN KELUARGA (PUSPAGA)', `Selama tahun ${y} PUSPAGA melayani konsultasi pengasuhan bagi orang tua dan calon orang tua.`, 'Layanan dibuka setiap hari kerja dengan psikolog dan konselor keluarga.', 'Kelas pengasuhan diadakan bersama Bina Keluarga Balita.'],
  },
  {
    indicator: '11',
    wrong: '20',
    file: 'ruang-bermain-ramah-anak',
    lines: (c) => ['BERITA ACARA PENILAIAN RUANG BERMAIN RAMAH ANAK', `Taman kota di ${c} dinilai memenuhi standar RBRA: aman, bersih, dapat diakses anak disabilitas.`, 'Permainan diperiksa berkala; tersedia toilet dan tempat cuci tangan.', 'Pengelola taman telah mengikuti pelatihan konvensi hak anak.'],
  },
  {
    indicator: '13',
    wrong: '8',
    file: 'data-gizi-balita',
    lines: (_c, y, n) => ['DINAS KESEHATAN', `Laporan pemantauan status gizi balita tahun ${y}`, `Prevalensi balita stunting turun menjadi ${17 - n},${4 + n} persen; balita gizi kurang ditangani posyandu dan puskesmas.`, 'Pemberian makanan tambahan dan pemantauan pertumbuhan bulanan di posyandu.'],
  },
  {
    indicator: '14',
    wrong: '12',
    file: 'pojok-asi-dan-pmba',
    lines: () => ['LAPORAN KEGIATAN KONSELING MENYUSUI DAN PMBA', 'Konselor ASI mendampingi ibu menyusui; ASI eksklusif enam bulan dan makanan pendamping ASI mulai usia enam bulan.', 'Ruang laktasi tersedia di kantor pemerintah dan pusat perbelanjaan.'],
  },
  {
    indicator: '17',
    wrong: '16',
    file: 'perwal-kawasan-tanpa-rokok',
    lines: (c, y) => [`PERATURAN WALI KOTA ${c.toUpperCase()} TENTANG KAWASAN TANPA ROKOK`, 'Kawasan tanpa rokok meliputi sekolah, tempat bermain anak, fasilitas kesehatan dan angkutan umum.', `Sejak ${y} iklan, promosi dan sponsor rokok dilarang di ruang publik kota.`, 'Satpol PP melakukan penegakan bersama dinas kesehatan.'],
  },
  {
    indicator: '19',
    wrong: '4',
    file: 'laporan-sekolah-ramah-anak',
    lines: (_c, y, n) => ['DINAS PENDIDIKAN DAN KEBUDAYAAN', `Pendampingan Sekolah Ramah Anak (SRA) tahun ${y}`, `Sebanyak ${30 + n * 7} satuan pendidikan telah dideklarasikan sebagai Sekolah Ramah Anak.`, 'Pelatihan guru tentang disiplin positif tanpa kekerasan dan pencegahan perundungan.', 'Peserta didik terlibat menyusun tata tertib sekolah.'],
  },
  {
    indicator: '20',
    wrong: '11',
    file: 'pusat-kreativitas-anak',
    lines: () => ['LAPORAN PUSAT KREATIVITAS ANAK', 'Sanggar seni, perpustakaan anak dan lapangan olahraga dibuka untuk anak setiap akhir pekan.', 'Kegiatan budaya daerah diajarkan oleh relawan seniman setempat.'],
  },
  {
    indicator: '21B',
    wrong: '22B',
    file: 'sop-layanan-uptd-ppa',
    lines: () => ['STANDAR OPERASIONAL PROSEDUR UPTD PERLINDUNGAN PEREMPUAN DAN ANAK', 'Pengaduan diterima, anak korban kekerasan mendapat penjangkauan, pendampingan psikologis dan hukum, serta rujukan ke rumah aman.', 'Layanan dilakukan bersama unit PPA kepolisian, rumah sakit dan dinas sosial.'],
  },
];

/** Which of each topic's two documents is linked how, and which are scans (fixed: the demo is the same every time). */
const PLAN: Record<string, [DemoDoc['link'], DemoDoc['link']]> = {
  '1': ['right', 'none'],
  '2': ['right', 'wrong'],
  '4': ['right', 'none'],
  '6': ['wrong', 'none'],
  '8': ['right', 'none'],
  '11': ['none', 'none'],
  '13': ['right', 'none'],
  '14': ['none', 'none'],
  '17': ['right', 'none'],
  '19': ['wrong', 'none'],
  '20': ['right', 'none'],
  '21B': ['right', 'none'],
};
const SCANNED = new Set(['rekap-akta-kelahiran-2', 'notula-forum-anak-2', 'data-gizi-balita-2', 'pusat-kreativitas-anak-2']);

export function demoDocuments(city: string, year: number): DemoDoc[] {
  return TOPICS.flatMap((topic) =>
    [0, 1].map((n): DemoDoc => {
      const base = `${topic.file}-${n + 1}`;
      const link = PLAN[topic.indicator][n];
      // an archive number of its own: two documents of one topic never have the same bytes
      const lines = [...topic.lines(city, year, n), `Nomor arsip: ${topic.file.toUpperCase()}/${n + 1}/${year}`];
      return { name: `${base}.pdf`, lines, indicator: topic.indicator, link, ...(link === 'wrong' ? { wrong: topic.wrong } : {}), ...(SCANNED.has(base) ? { scanned: true } : {}) };
    }),
  );
}
