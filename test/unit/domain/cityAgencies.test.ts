/**
 * The rules' agencies as the city names them (domain/progress.ts `cityAgencies`): the screens and
 * the printed summary say the office's name as set in Pengaturan, and only the office is renamed.
 */
import { describe, expect, it } from 'vitest';
import { CITY_OFFICE, cityAgencies } from '../../../src/domain/progress';
import { MAX_OFFICE } from '../../../src/domain/model';
import { rules } from '../exchange/helpers';

describe('the agencies as the city names them', () => {
  it('renames the office alone, keeping its full name, order and the others as they are', () => {
    const named = cityAgencies(rules.agencies, '  DP3A ');
    expect(named.map((a) => a.id)).toEqual(rules.agencies.map((a) => a.id));
    const office = named.find((a) => a.id === CITY_OFFICE)!;
    expect(office.name).toBe('DP3A');
    expect(office.fullName).toBe(rules.agencies.find((a) => a.id === CITY_OFFICE)!.fullName);
    for (const a of named) if (a.id !== CITY_OFFICE) expect(a).toBe(rules.agencies.find((x) => x.id === a.id));
    // the rules themselves are not touched (the classifier and the prompts are cached by them)
    expect(rules.agencies.find((a) => a.id === CITY_OFFICE)!.name).toBe('DPPPAPPKB');
  });

  it('keeps the rules’ names when the city has not named its office, or named it with spaces', () => {
    expect(cityAgencies(rules.agencies, undefined)).toBe(rules.agencies);
    expect(cityAgencies(rules.agencies, '   ')).toBe(rules.agencies);
  });

  it('cuts a name past the longest kept, as Pengaturan does', () => {
    const long = 'D'.repeat(MAX_OFFICE + 10);
    expect(cityAgencies(rules.agencies, long).find((a) => a.id === CITY_OFFICE)!.name).toHaveLength(MAX_OFFICE);
  });
});
