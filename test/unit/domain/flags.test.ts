// Misfile flags over a workspace's links: what each flag offers the officer.
import { describe, expect, it } from 'vitest';
import { classify, suggestQuestions } from '../../../src/domain/classifier';
import { computeFlags } from '../../../src/domain/flags';
import type { EvidenceLink } from '../../../src/domain/model';
import { loadRules2024 } from '../helpers';
import { model2024 } from '../classifier/helpers';

const SRA = `LAPORAN PEMBINAAN SEKOLAH RAMAH ANAK 2024
Dinas Pendidikan Kota Lembah Sari

Tim SRA mengunjungi 42 sekolah: 30 sudah membentuk tim SRA dengan SK kepala sekolah, 25 memiliki kanal pengaduan perundungan, 18 menandatangani komitmen sekolah ramah anak. Guru dilatih disiplin positif tanpa kekerasan; warung sekolah bebas rokok dan jajanan sehat.`;

const link = (code: string): EvidenceLink => ({ id: `l-${code}`, workspaceId: 'w', documentId: 'd', code, createdAt: 0 });

describe('misfile flags', () => {
  const m = model2024();
  const rules = loadRules2024();
  const c = classify(m, { text: SRA });

  it('a flag does not offer to move or add the document to a question it is linked to already', () => {
    expect(c.indicator).toBe('19');
    const [first, second] = suggestQuestions(m, c, '19', 3);
    const alone = computeFlags(m, rules, [{ id: 'd', classification: c }], [link('4.1')], []).flags;
    expect(alone).toHaveLength(1);
    expect(alone[0].suggested.questions[0]).toBe(first);
    // linked to the best question of 19 too: the 4.1 link is still flagged, and 19's next question is offered first
    const both = computeFlags(m, rules, [{ id: 'd', classification: c }], [link('4.1'), link(first)], []).flags;
    expect(both.map((f) => f.code)).toEqual(['4.1']);
    expect(both[0].suggested.questions).not.toContain(first);
    expect(both[0].suggested.questions[0]).toBe(second);
    expect(both[0].suggested.questions.length).toBe(Math.min(3, suggestQuestions(m, c, '19', 9).length - 1));
  });

  it('a flagged link that cites pages suggests what those pages speak about, not the whole document', () => {
    const perda = classify(m, {
      text: '',
      pages: [
        `PERATURAN DAERAH KABUPATEN LEMBAH SARI NOMOR 5 TAHUN 2023
TENTANG PENYELENGGARAAN KABUPATEN LAYAK ANAK
Menimbang : bahwa pemenuhan hak anak perlu diselenggarakan secara terpadu melalui kebijakan kabupaten layak anak;
MEMUTUSKAN: Menetapkan PERATURAN DAERAH TENTANG PENYELENGGARAAN KABUPATEN LAYAK ANAK.`,
        `BAB III HAK SIPIL DAN KEBEBASAN
Pasal 9: Setiap anak berhak atas akta kelahiran dan kartu identitas anak. Dinas Kependudukan dan Pencatatan Sipil menerbitkan akta kelahiran tanpa biaya dan melayani pencatatan kelahiran secara jemput bola di rumah sakit dan puskesmas.`,
        `Ditetapkan di Lembah Sari
BUPATI LEMBAH SARI,
ttd`,
      ],
    });
    expect(perda.indicator).toBe('1');
    expect(perda.pages).toEqual(expect.arrayContaining([expect.objectContaining({ from: 2, to: 2, indicator: '4' })]));
    const cited: EvidenceLink = { ...link('21C.1'), page: 2 };
    const [flag] = computeFlags(m, rules, [{ id: 'd', classification: perda }], [cited], []).flags;
    expect(flag.code).toBe('21C.1');
    expect(flag.suggested).toMatchObject({ group: 'K1', indicator: '4' });
    expect(flag.suggested.questions[0]).toMatch(/^4\./);
    // the same link without a page: the whole document's reading
    const [whole] = computeFlags(m, rules, [{ id: 'd', classification: perda }], [link('21C.1')], []).flags;
    expect(whole.suggested.indicator).toBe('1');
  });
});
