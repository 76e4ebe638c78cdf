/**
 * Who acts on each of the week's questions (walk of 7 Dec 2026): after an agency response was
 * imported, 6.5 (its evidence in hand, only the points missing) named "DPPPAPPKB, Forum Anak
 * Daerah (FAD), Dispora", so the official would chase Dispora while the step left was the
 * officer's: only the city types points. Such a row now names the officer; a row still waiting on
 * documents names its agencies, on page 1 the first two and how many more (21B.2 names ten).
 */
import { describe, expect, it } from 'vitest';
import { whoActs } from '../../../src/features/summary/planWords';
import { blocksOf, fmt, pageOne, rules, summary, tables, textOf } from './helpers';

const name = (id: string) => rules.agencies.find((a) => a.id === id)!.name;
// as after the walk's import: 6.5 has Dispora's evidence; 21B.2 still waits on ten agencies
const assignments = new Map([['6.5', ['dp3akb', 'forum-anak', 'dispora']]]);
const evidenceCount = new Map([['6.5', 2]]);
const s = summary({ kind: 'all' }, { assignments, evidenceCount });
const rowOf = (rows: string[][], code: string) => rows.find((r) => r[0].startsWith(`${code} `))!;

describe('who acts on the plan', () => {
  it('the plan says what is left: grading where the evidence is in hand, documents where it is not', () => {
    expect(s.plan.items.find((i) => i.code === '6.5')!.step).toBe('grade');
    expect(s.plan.items.find((i) => i.code === '21B.2')!.step).toBe('evidence');
  });

  it('page 1: the officer where only grading is left, the agencies where documents are owed, at most two named', () => {
    const week = tables(pageOne(s))[0].table;
    expect(week.columns[1].label).toBe('Dikerjakan oleh');
    const r65 = rowOf(week.rows, '6.5');
    expect(r65[1]).toBe(`Petugas ${name('dp3akb')}`);
    expect(r65[1]).not.toContain('Dispora');
    const r21 = rowOf(week.rows, '21B.2');
    expect(r21[1]).toBe(`${name('uptd-ppa')}, ${name('dinsos')} +8 lainnya`);
    // two or three agencies are named whole
    expect(rowOf(week.rows, '8.3')[1]).toBe(`${name('dp3akb')}, ${name('dinsos')}`);
  });

  it('the annex says the same, naming every agency', () => {
    const blocks = blocksOf(s);
    const whole = tables(blocks)[2].table;
    expect(rowOf(whole.rows, '6.5')[1]).toBe(`Petugas ${name('dp3akb')}`);
    expect(rowOf(whole.rows, '21B.2')[1]).toBe(rules.questionByCode.get('21B.2')!.agencies.map(name).join(', '));
  });

  it('a question with no agency is "not assigned yet"; only one the kecamatan or village answer says so (the fifth walk: 19.6, its agencies removed, read "Kecamatan/desa")', () => {
    const item = s.plan.items.find((i) => i.step === 'evidence')!;
    const t = fmt.t as never;
    const city = [...rules.questionByCode.values()].find((q) => !q.forDesa && !q.forKecamatan)!;
    const village = [...rules.questionByCode.values()].find((q) => q.forDesa || q.forKecamatan)!;
    expect(whoActs({ ...item, code: city.code, agencies: [] }, rules, t, true)).toBe('Belum ditugaskan');
    expect(whoActs({ ...item, code: village.code, agencies: [] }, rules, t, true)).toBe('Kecamatan/desa');
  });

  it("the officer signs and acts by the city's own name for the office when it set one (Pengaturan), else the rules' name", () => {
    const grade = { ...s.plan.items[0], step: 'grade' as const };
    const t = fmt.t as never;
    expect(whoActs(grade, rules, t, true)).toBe(`Petugas ${name('dp3akb')}`);
    expect(whoActs(grade, rules, t, true, 'DP3A')).toBe('Petugas DP3A');
    const named = summary({ kind: 'all' }, { office: ' DP3A ' });
    expect(named.office).toBe('DP3A');
    const sign = pageOne(named).find((x) => x.type === 'signature');
    expect(sign && 'left' in sign ? sign.left.at(-1) : null).toBe('Petugas DP3A');
    // the office among the agencies is named so too, on the plan's rows and in the agencies' table
    const ours = named.plan.items.find((i) => i.step === 'evidence' && i.agencies.includes('dp3akb'))!;
    expect(whoActs(ours, rules, t, false, named.office)).toContain('DP3A');
    expect(whoActs(ours, rules, t, false, named.office)).not.toContain(name('dp3akb'));
    expect(textOf(pageOne(summary()))).toContain(name('dp3akb'));
    expect(textOf(pageOne(named))).not.toContain(name('dp3akb'));
  });

  it("an agency holding no question gets a sentence saying so, not an empty table (the fifth walk's Dispora)", () => {
    const id = 'dispora';
    const assigned = new Map([...rules.questionByCode.values()].filter((q) => q.agencies.includes(id)).map((q) => [q.code, q.agencies.filter((a) => a !== id)]));
    expect(assigned.size).toBeGreaterThan(0);
    const empty = summary({ kind: 'agency', id }, { assignments: assigned });
    expect(empty.agencies).toEqual([]);
    const text = textOf(pageOne(empty));
    expect(text).toContain(`Tidak ada pertanyaan yang ditugaskan kepada ${name(id)}. Penugasan diatur di Instrumen, pada setiap pertanyaan.`);
  });

  it("an agency's own sheet names that agency first on each row (the sixth walk: Dinkes under \"UPTD PPA, Dinsos +8 lainnya\")", () => {
    const id = 'dinkes';
    const scoped = summary({ kind: 'agency', id });
    const shared = scoped.plan.items.find((i) => i.agencies.length > 3);
    expect(shared).toBeDefined();
    expect(shared!.agencies[0]).toBe(id);
    const row = rowOf(tables(pageOne(scoped))[0].table.rows, shared!.code);
    if (row) expect(row[1].startsWith(name(id))).toBe(true);
  });
});

