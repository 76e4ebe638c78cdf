/**
 * Page 1 of the summary says only what is true (walk of 6 Dec 2026, left open):
 * - the intro never promises that N questions close a gap they cannot close: when the next band
 *   is out of reach it says so and names the best score still possible, and a group's or an
 *   agency's summary says its questions are only part of the plan;
 * - the agencies behind are ranked as Beranda ranks them (one order, `rankByWorkOwed`), and the
 *   page says by what; the plan's evidence column says what is missing in words.
 * Through `pdfBlocks` (the PDF); the sheet on screen takes the same sentences (planWords.ts).
 */
import { describe, expect, it } from 'vitest';
import { agenciesBehind, agencyProgress, notReady, rankByWorkOwed, type AgencyProgress } from '../../../src/domain/progress';
import type { Summary } from '../../../src/domain/summary';
import { pdfBlocks } from '../../../src/features/summary/summaryPdf';
import { answers, fmt, NOW, pageOne, rules, summary, tables, textOf } from './helpers';

const assignments = new Map<string, string[]>();
const target = (s: Summary) => rules.bands.items.find((b) => b.id === s.plan.target!.id)!.label.id;

describe('the intro over the plan', () => {
  it('for the whole instrument: the plan closes the gap, and says so', () => {
    const s = summary();
    expect(s.plan.reachable).toBe(true);
    expect(textOf(pageOne(s))).toContain(`${target(s)} dicapai mulai nilai ${fmt.pts(s.plan.target!.threshold)}, kurang ${fmt.pts(s.plan.pointsNeeded)} poin lagi: ${s.plan.items.length} pertanyaan cukup untuk menutupnya. Yang sudah punya bukti dukung didahulukan, lalu yang paling menambah nilai:`);
  });

  it('when the band is out of reach it says so and names the best score still possible, never "enough to close it"', () => {
    const s = summary();
    // as a plan looks when every open question at its maximum falls short
    const short: Summary = { ...s, plan: { ...s.plan, reachable: false, totalGain: 20 } };
    const text = textOf(pageOne(short));
    expect(text).not.toMatch(/cukup untuk menutupnya/);
    const best = fmt.pts(s.total + 20);
    expect(text).toContain(`${target(s)} tidak terjangkau dengan pertanyaan yang tersisa: kurang ${fmt.pts(s.plan.pointsNeeded)} poin, sedangkan semua pertanyaan yang belum bernilai penuh hanya dapat menambah 20 poin.`);
    expect(text).toContain(`Nilai tertinggi yang masih mungkin: ${best} (${s.band.label.id}).`);
    // the annex says the same, not "at least N questions must be completed"
    const annex = textOf(pdfBlocks(short, NOW, { fmt: fmt as never, rules, scopeLabel: '', annex: true }).slice(pageOne(short).length));
    expect(annex).toContain('tidak terjangkau');
    expect(annex).not.toMatch(/Paling sedikit \d+ pertanyaan/);
  });

  it("a group's summary says its questions are part of the plan, not enough on their own", () => {
    const all = summary();
    const groups = rules.groups.map((g) => summary({ kind: 'group', id: g.id }));
    const part = groups.find((s) => s.plan.items.length > 0 && s.plan.items.length < all.plan.items.length)!;
    expect(part).toBeDefined();
    expect(part.planSize).toBe(all.plan.items.length);
    const text = textOf(pageOne(part));
    expect(text).not.toContain(`${part.plan.items.length} pertanyaan cukup untuk menutupnya`);
    expect(text).toContain(`${all.plan.items.length} pertanyaan cukup untuk menutupnya, ${part.plan.items.length} di antaranya dalam cakupan ini.`);
    const none = groups.find((s) => s.plan.items.length === 0);
    if (none) expect(textOf(pageOne(none))).toContain('tidak satu pun dalam cakupan ini');
  });

  it('the plan column says what is missing in words, not "1 dokumen kurang"', () => {
    const text = textOf(pageOne(summary()));
    expect(text).toContain('Bukti dukung');
    expect(text).toContain('belum ada bukti dukung');
    expect(text).not.toContain('dokumen kurang');
  });
});

describe('the agencies behind', () => {
  it('page 1 ranks them as Beranda does, by questions not yet ready, and says so', () => {
    const home = agenciesBehind(agencyProgress(rules, answers, assignments), 5).map((a) => a.agency);
    // the data tells the two orders apart: by share ready the five would differ
    const byShare = agencyProgress(rules, answers, assignments)
      .sort((a, b) => a.ready / a.questions - b.ready / b.questions)
      .slice(0, 5)
      .map((a) => a.agency);
    expect(byShare).not.toEqual(home);
    const blocks = pageOne(summary());
    const names = new Map(rules.agencies.map((a) => [a.name, a.id]));
    const heading = blocks.findIndex((b) => b.type === 'heading' && b.text === 'Perangkat daerah yang tertinggal');
    const behind = tables(blocks.slice(heading))[0];
    expect(behind.table.rows.map((r) => names.get(r[0]))).toEqual(home);
    expect(behind.table.columns.map((c) => c.label)).toContain('Belum siap');
    expect(textOf(blocks)).toContain('Diurutkan menurut jumlah pertanyaan yang belum siap');
  });

  it('one order: most questions not ready first, then the lower share ready, then the id; none that owe nothing', () => {
    const p = (agency: string, questions: number, ready: number): AgencyProgress => ({ agency, questions, ready, inProgress: 0, notStarted: questions - ready, points: 0, maxPoints: 0 });
    const rows = [p('a', 1, 0), p('b', 60, 20), p('c', 10, 0), p('d', 20, 10), p('e', 5, 5), p('f', 10, 0)];
    expect(rankByWorkOwed(rows).map((r) => r.agency)).toEqual(['b', 'c', 'f', 'd', 'a', 'e']);
    expect(agenciesBehind(rows, 5).map((r) => r.agency)).toEqual(['b', 'c', 'f', 'd', 'a']);
    expect(agenciesBehind(rows).every((r) => notReady(r) > 0)).toBe(true);
    // c and d owe 10 each: c has none ready, so it comes first
    expect(rankByWorkOwed([p('d', 20, 10), p('c', 10, 0)]).map((r) => r.agency)).toEqual(['c', 'd']);
  });
});
