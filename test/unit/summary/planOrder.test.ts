/**
 * The week's list says the order it is in (walk of 7 Dec 2026): page 1 said "those that add the
 * most first" over rows of +9, +5, +10, +8, +8, because the plan puts the questions whose evidence
 * is in hand first (the annex said so). That order stays: those rows are this week's work at the
 * officer's desk, the others wait on documents. Page 1 now says it, as the annex does.
 */
import { describe, expect, it } from 'vitest';
import { fmt, pageOne, blocksOf, rules, summary, tables, textOf } from './helpers';

describe("the week's list", () => {
  // evidence for the plan's two smallest gains: by gain alone they would come last
  const plain = summary();
  const byGain = [...plain.plan.items].sort((a, b) => a.gain - b.gain);
  const evidenceCount = new Map(byGain.slice(0, 2).map((i) => [i.code, 1]));
  const s = summary({ kind: 'all' }, { evidenceCount });

  it('is in the order its lead names: evidence in hand first, then the most points', () => {
    const blocks = pageOne(s);
    const text = textOf(blocks);
    expect(text).toContain('Yang sudah punya bukti dukung didahulukan, lalu yang paling menambah nilai:');
    expect(text).not.toContain('Yang paling menambah nilai lebih dulu');
    const rows = tables(blocks)[0].table.rows;
    const hasDoc = rows.map((r) => r[4] === fmt.t('summary.plan.hasDoc'));
    expect(hasDoc.slice(0, 2)).toEqual([true, true]);
    expect(hasDoc.slice(2).every((x) => !x)).toBe(true);
    // within each part, the most points first
    const gains = rows.map((r) => Number(r[3].replace('+', '').replace(',', '.')));
    for (const part of [gains.slice(0, 2), gains.slice(2)]) for (let i = 1; i < part.length; i++) expect(part[i - 1]).toBeGreaterThanOrEqual(part[i]);
    // and the gains alone are not in order, so the lead's first rule is what the rows follow
    expect(gains.some((g, i) => i > 0 && g > gains[i - 1])).toBe(true);
  });

  it('page 1 and the annex list the plan in one order and name the same rule', () => {
    const blocks = blocksOf(s);
    const [week, , whole] = tables(blocks);
    const code = (r: string[]) => r[0].split(' ')[0];
    expect(week.table.rows.map(code)).toEqual(whole.table.rows.slice(0, week.table.rows.length).map(code));
    expect(textOf(blocks)).toContain('yang sudah punya bukti dukung didahulukan, lalu yang paling menambah nilai.');
  });

  it("for one agency, the documents it owes come first and the lead says so (the fifth walk's Kominfo summary opened on the officer's grading)", () => {
    // an agency with questions on the plan; evidence in hand for its two largest gains
    const agency = rules.agencies.map((a) => a.id).find((id) => plain.plan.items.filter((i) => i.agencies.includes(id)).length >= 4)!;
    const mine = plain.plan.items.filter((i) => i.agencies.includes(agency)).sort((a, b) => b.gain - a.gain);
    const scoped = summary({ kind: 'agency', id: agency }, { evidenceCount: new Map(mine.slice(0, 2).map((i) => [i.code, 1])) });
    const steps = scoped.plan.items.map((i) => i.step);
    expect(steps.slice(0, mine.length - 2).every((x) => x === 'evidence')).toBe(true);
    expect(steps.slice(-2)).toEqual(['grade', 'grade']);
    const blocks = blocksOf(scoped);
    expect(textOf(pageOne(scoped))).toContain('Dokumen yang masih ditunggu dari perangkat daerah ini didahulukan, lalu yang paling menambah nilai:');
    expect(textOf(blocks)).toContain('yang masih menunggu dokumen dari perangkat daerah ini didahulukan');
    expect(textOf(blocks)).not.toContain('yang sudah punya bukti dukung didahulukan');
  });
});
