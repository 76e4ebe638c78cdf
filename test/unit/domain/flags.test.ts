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
});
