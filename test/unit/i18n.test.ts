import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/en';
import id from '../../src/i18n/id';

/** Every key path of a nested dictionary, with the {{placeholders}} of its text. */
function entries(o: unknown, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(p, [...v.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort());
    else for (const [k2, v2] of entries(v, p)) out.set(k2, v2);
  }
  return out;
}

describe('dictionaries', () => {
  it('English has every Indonesian key, with the same placeholders, and no empty text', () => {
    const a = entries(id);
    const b = entries(en);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, ph] of a) expect(b.get(k), k).toEqual(ph);
    for (const d of [id, en]) for (const [k] of entries(d)) expect(k.split('.').reduce<any>((o, p) => o[p], d).trim().length, k).toBeGreaterThan(0);
  });
});
