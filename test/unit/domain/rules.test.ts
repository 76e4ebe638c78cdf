import { describe, expect, it } from 'vitest';
import { parseRules, parseRulesText, formatPath } from '../../../src/domain/rules/load';
import { loadRules2024, rulesJson } from '../helpers';

describe('kla-2024 rules file', () => {
  const rules = loadRules2024();

  it('has the 7 groups, 31 indicator rows and 274 questions of the 2024 instrument', () => {
    expect(rules.groups.map((g) => g.id)).toEqual(['KL', 'K1', 'K2', 'K3', 'K4', 'K5', 'KD']);
    expect(rules.indicators.map((i) => i.code)).toEqual([
      '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20',
      '21A', '21B', '21C', '22A', '22B', '23A', '23B', '24A', '24B', '25', '26',
    ]);
    expect(rules.questionCount).toBe(274);
  });

  it('derives group maxima from indicators (Klaster I is 115, not the 150 printed in the source)', () => {
    expect(Object.fromEntries(rules.groupMax)).toEqual({ KL: 164, K1: 115, K2: 156, K3: 150, K4: 110, K5: 205, KD: 100 });
    expect(rules.maxTotal).toBe(1000);
  });

  it('keeps the source quirks as data: 19 and 21B have question maxima above the indicator maximum, 26.17 is worth 0', () => {
    const qsum = (code: string) => rules.indicatorByCode.get(code)!.questions.reduce((s, q) => s + q.maxPoints, 0);
    expect([qsum('19'), rules.indicatorByCode.get('19')!.maxPoints]).toEqual([54, 51]);
    expect([qsum('21B'), rules.indicatorByCode.get('21B')!.maxPoints]).toEqual([18, 17]);
    expect(rules.questionByCode.get('26.17')!.maxPoints).toBe(0);
  });

  it('names 32 agencies; only questions answered by kecamatan/desa themselves have none; prompts in both languages', () => {
    expect(rules.agencies).toHaveLength(32);
    const noAgency = [...rules.questionByCode.values()].filter((q) => q.agencies.length === 0);
    expect(noAgency.map((q) => q.code)).toEqual(['25.11', '25.12', '25.13', '26.2', '26.3', '26.15', '26.16', '26.17', '26.18']);
    expect(noAgency.every((q) => q.forKecamatan || q.forDesa)).toBe(true);
    for (const q of rules.questionByCode.values()) {
      expect(q.prompt.id.length, q.code).toBeGreaterThan(10);
      expect(q.prompt.en.length, q.code).toBeGreaterThan(10);
    }
  });
});

describe('rules validation refuses a broken file whole, naming path and problem', () => {
  it('negative question points', () => {
    const j = rulesJson();
    j.indicators[3].questions[2].maxPoints = -1;
    const r = parseRules(j, 'h');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContain('indicators[3].questions[2].maxPoints: must be >= 0');
  });

  it('reports every problem, not only the first, and never returns rules', () => {
    const j = rulesJson();
    j.indicators[0].questions[0].agencies = ['nobody'];
    j.indicators[5].group = 'K9';
    delete j.indicators[7].title;
    const r = parseRules(j, 'h');
    expect(r).not.toHaveProperty('rules');
    if (r.ok) throw new Error('accepted');
    expect(r.errors).toEqual(['indicators[7].title: is missing']);
    // schema errors come first; after fixing them the cross-field checks speak
    j.indicators[7].title = { id: 'x', en: 'x' };
    const r2 = parseRules(j, 'h');
    if (r2.ok) throw new Error('accepted');
    expect(r2.errors).toEqual([
      'indicators[0].questions[0].agencies[0]: unknown agency "nobody"',
      'indicators[5].group: unknown group "K9"',
    ]);
  });

  it('duplicate codes, totals that do not add up, unreachable indicator maxima', () => {
    const j = rulesJson();
    j.indicators[1].questions[1].code = j.indicators[1].questions[0].code;
    j.indicators[2].maxPoints = 33; // questions add to 32 -> unreachable, and the total is 1001
    const r = parseRules(j, 'h');
    if (r.ok) throw new Error('accepted');
    expect(r.errors).toContain('indicators[1].questions[1].code: duplicate question code "2.1"');
    expect(r.errors).toContain('indicators[2].maxPoints: 33 cannot be reached, its questions add up to 32');
    expect(r.errors).toContain('maxTotal: 1000 but the indicator maxima add up to 1001');
  });

  it('overlapping or unordered bands and an unknown band rule', () => {
    const j = rulesJson();
    j.bands.items[1].min = 550;
    const r = parseRules(j, 'h');
    if (r.ok) throw new Error('accepted');
    expect(r.errors).toEqual(['bands.items[1].min: 550 overlaps the previous band (max 600)']);
    j.bands.rule = 'round-half-up';
    const r2 = parseRules(j, 'h');
    if (r2.ok) throw new Error('accepted');
    expect(r2.errors[0]).toMatch(/^bands\.rule: must be one of "above-previous-max"/);
  });

  it('not JSON at all', () => {
    const r = parseRulesText('{"formatVersion": 1,', 'h');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^\(file\): not valid JSON/);
  });

  it('formats paths', () => {
    expect(formatPath(['indicators', 3, 'questions', 2, 'maxPoints'])).toBe('indicators[3].questions[2].maxPoints');
    expect(formatPath([])).toBe('(root)');
  });
});
