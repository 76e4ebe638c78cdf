/**
 * Page 1 says how sure the score is (walk of 7 Dec 2026): the answers graded without evidence,
 * the questions not graded and the evidence that looks misfiled were on page 3 of the annex only,
 * so a page 1 printed alone showed 721,95 Nindya with no warning. They now stand next to the
 * score, with the points an evaluator may not accept.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/domain/model';
import { awaitsPoints } from '../../../src/domain/progress';
import { scoreAnswers } from '../../../src/domain/scoring';
import { blocksOf, answers, fmt, pageOne, rules, summary, textOf } from './helpers';

const codes = [...rules.questionByCode.keys()];
const graded = codes.filter((c) => (answers.get(c)?.points ?? 0) > 0);
// evidence for every third graded answer; three questions with evidence that looks misfiled
const evidenceCount = new Map(graded.filter((_, i) => i % 3 === 0).map((c) => [c, 2]));
const misfiledCodes = graded.filter((c) => evidenceCount.has(c)).slice(0, 3);
const misfiled = new Map(misfiledCodes.map((c) => [c, 1]));

describe('page 1 says how sure the score is', () => {
  it('next to the score: answers graded without evidence, questions not graded, misfiled evidence, and the points at stake', () => {
    const s = summary({ kind: 'all' }, { evidenceCount, misfiled });
    const noEvidence = codes.filter((c) => !evidenceCount.has(c) && ((answers.get(c)?.points ?? 0) > 0 || answers.get(c)?.status === 'ready'));
    const unanswered = codes.filter((c) => awaitsPoints(rules, answers, c));
    expect(noEvidence.length).toBeGreaterThan(10);
    expect(unanswered.length).toBeGreaterThan(0);
    // the points an evaluator may not accept: graded without evidence, or on misfiled evidence,
    // as the total would fall without them (under the indicators' caps)
    const doubtful = new Set([...noEvidence, ...misfiledCodes]);
    const without = new Map([...answers].filter(([c, a]) => a.points != null && !doubtful.has(c)).map(([c, a]) => [c, a.points!]));
    expect(s.pointsAtRisk).toBeCloseTo(s.total - scoreAnswers(rules, without).total, 6);
    expect(s.pointsAtRisk).toBeGreaterThan(0);

    const blocks = pageOne(s);
    const at = blocks.findIndex((b) => 'text' in b && b.text.startsWith('Nilai ini belum teruji:'));
    expect(at, textOf(blocks)).toBeGreaterThan(0);
    const line = (blocks[at] as { text: string }).text;
    expect(line).toBe(
      `Nilai ini belum teruji: ${noEvidence.length} jawaban dinilai tanpa bukti dukung · ${unanswered.length} pertanyaan belum dinilai · bukti salah klaster di 3 pertanyaan. ` +
        `Bila evaluator tidak menerima jawaban tanpa bukti yang sah, nilai bisa berkurang sebanyak-banyaknya ${fmt.pts(s.pointsAtRisk)} poin (menjadi ${fmt.pts(s.total - s.pointsAtRisk)}): lampirkan buktinya.`,
    );
    // beside the score: before the scale and the week's list
    expect(at).toBeLessThan(blocks.findIndex((b) => b.type === 'bands'));
    // boxed, so it is not read as one more line of text
    expect(blocks[at]).toMatchObject({ boxed: true });
    // printed without the annex, it is still there
    expect(textOf(blocksOf(s, false))).toContain(line);
  });

  it('names only what there is, and says nothing when every graded answer has its evidence', () => {
    const ready = new Map([...answers].filter(([, a]) => a.points != null));
    const allEvidence = new Map(codes.map((c) => [c, 1]));
    const clean = summary({ kind: 'all' }, { answers: ready, evidenceCount: allEvidence });
    expect(clean.gaps.unanswered.length).toBeGreaterThan(0);
    const text = textOf(pageOne(clean));
    expect(text).toContain(`Nilai ini belum teruji: ${clean.gaps.unanswered.length} pertanyaan belum dinilai. Nilai dapat berubah saat evaluator memeriksa.`);
    expect(text).not.toContain('tanpa bukti dukung ·');
    expect(text).not.toContain('salah klaster di');
    // every question graded, with evidence, nothing misfiled: no warning at all
    const done = new Map(codes.map((c) => [c, { workspaceId: 'w', code: c, points: rules.questionByCode.get(c)!.maxPoints, status: 'ready' as const, notes: '', dataValues: {}, updatedAt: 0 }]));
    expect(textOf(pageOne(summary({ kind: 'all' }, { answers: done, evidenceCount: allEvidence })))).not.toContain('belum teruji');
  });

  it('says how many documents in Bukti are linked to no question (the eighth walk: 1,176 unmentioned), on the whole sheet only', () => {
    const s = summary({ kind: 'all' }, { evidenceCount, misfiled, unlinkedDocuments: 1176 });
    const line = (pageOne(s).find((b) => 'text' in b && b.text.startsWith('Nilai ini belum teruji:')) as { text: string }).text;
    expect(line).toContain('bukti salah klaster di 3 pertanyaan · 1.176 dokumen di Bukti belum ditautkan ke pertanyaan mana pun.');
    // a sheet for one agency or cluster cannot say whose the unlinked files are: it says nothing of them
    expect(textOf(pageOne(summary({ kind: 'agency', id: 'dinkes' }, { evidenceCount, misfiled, unlinkedDocuments: 1176 })))).not.toContain('belum ditautkan');
    // nothing else doubtful: the unlinked files alone are said
    const allEvidence = new Map(codes.map((c) => [c, 1]));
    const done = new Map(codes.map((c) => [c, { workspaceId: 'w', code: c, points: rules.questionByCode.get(c)!.maxPoints, status: 'ready' as const, notes: '', dataValues: {}, updatedAt: 0 }]));
    expect(textOf(pageOne(summary({ kind: 'all' }, { answers: done, evidenceCount: allEvidence, unlinkedDocuments: 2 })))).toContain('Nilai ini belum teruji: 2 dokumen di Bukti belum ditautkan ke pertanyaan mana pun.');
  });

  it('says how many questions have only unchecked suggested links as evidence, and the plan asks to check them first (the eighth walk)', () => {
    const plan0 = summary({ kind: 'all' }, { evidenceCount }).plan.items.filter((i) => i.step === 'grade').map((i) => i.code);
    expect(plan0.length).toBeGreaterThan(0);
    const unchecked = new Set(plan0.slice(0, 1));
    const s = summary({ kind: 'all' }, { evidenceCount, misfiled, unchecked });
    expect(s.uncheckedQuestions).toBe(1);
    expect(s.plan.items.find((i) => i.code === plan0[0])!.step).toBe('check');
    const line = (pageOne(s).find((b) => 'text' in b && b.text.startsWith('Nilai ini belum teruji:')) as { text: string }).text;
    expect(line).toContain('bukti 1 pertanyaan hanya berupa tautan dari saran aplikasi yang belum diperiksa');
    const annex = textOf(blocksOf(s));
    expect(annex).toContain('bukti dari saran aplikasi, belum diperiksa; buka dan periksa');
    // nothing unchecked: not a word of it
    expect(textOf(pageOne(summary({ kind: 'all' }, { evidenceCount, misfiled })))).not.toContain('saran aplikasi');
  });

  it("a sheet for one agency says its figure counts that scope's answers only (the sixth walk: two sheets, two floors for one score)", () => {
    const s = summary({ kind: 'agency', id: 'dinkes' }, { evidenceCount, misfiled });
    expect(s.pointsAtRisk).toBeGreaterThan(0);
    expect(textOf(pageOne(s))).toContain(`Bila evaluator tidak menerima jawaban tanpa bukti yang sah dalam cakupan ini, nilai bisa berkurang sebanyak-banyaknya ${fmt.pts(s.pointsAtRisk)} poin`);
  });

  it('under an indicator cap the doubtful points cost only what the cap lets through (the review: 6 doubtful beside 8 sound under a cap of 10 cost 2)', () => {
    // an indicator whose questions' maxima sum past its cap
    const pairs = rules.indicators.flatMap((i) => i.questions.flatMap((a) => i.questions.filter((b) => b !== a && a.maxPoints + b.maxPoints > i.maxPoints && b.maxPoints <= i.maxPoints).map((b) => ({ ind: i, a, b }))));
    expect(pairs.length).toBeGreaterThan(0);
    const { ind, a, b } = pairs[0];
    const full = new Map<string, Answer>();
    const mk = (code: string, points: number) => ({ ...answers.get(code)!, code, points, status: 'ready' as const });
    // b alone fills the cap; a's points (no evidence) add nothing the cap lets through
    full.set(a.code, mk(a.code, a.maxPoints));
    full.set(b.code, mk(b.code, Math.min(b.maxPoints, ind.maxPoints)));
    const s = summary({ kind: 'all' }, { answers: full, evidenceCount: new Map([[b.code, 1]]) });
    const capped = Math.min(ind.maxPoints, a.maxPoints + Math.min(b.maxPoints, ind.maxPoints)) - Math.min(b.maxPoints, ind.maxPoints);
    expect(s.pointsAtRisk).toBeCloseTo(capped, 6);
    expect(s.pointsAtRisk).toBeLessThan(a.maxPoints);
  });
});

