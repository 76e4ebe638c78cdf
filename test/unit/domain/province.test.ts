import { describe, expect, it } from 'vitest';
import { groupColumns, provinceTableByRules } from '../../../src/domain/province';
import { parseRules } from '../../../src/domain/rules/load';
import { loadRules2024, rulesJson } from '../helpers';

/** Another instrument year: the 2024 rules with its last group renamed (as a new year might). */
function otherYear() {
  const json = rulesJson();
  const last = json.groups.at(-1).id;
  json.groups.at(-1).id = 'K9';
  for (const ind of json.indicators) if (ind.group === last) ind.group = 'K9';
  const r = parseRules(json, 'other');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { rules: r.rules, last };
}

describe('the province table of cities on different instrument years', () => {
  it("shows every year's groups as columns, each city filling those it has", () => {
    const y2024 = loadRules2024();
    const { rules: y2025, last } = otherYear();
    const city = (name: string) => ({ city: name, points: new Map<string, number>(), withEvidence: new Set<string>() });
    const rows = provinceTableByRules([
      { rules: y2024, cities: [city('Kota A')] },
      { rules: y2025, cities: [city('Kota B')] },
    ]);
    const cols = groupColumns(rows);
    expect(cols).toEqual([...y2024.groups.map((g) => g.id), 'K9']);
    const b = rows.find((r) => r.city === 'Kota B')!;
    expect(b.groups.map((g) => g.id)).not.toContain(last);
    expect(b.groups.map((g) => g.id)).toContain('K9');
  });
});
