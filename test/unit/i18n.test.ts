import { describe, expect, it, vi } from 'vitest';
import en, { singulars } from '../../src/i18n/en';
import id from './i18n/words';

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

describe('translate', () => {
  it('finds nested keys, fills placeholders, falls back to Indonesian, then to defaultValue, then to the key', async () => {
    const { translate, default: i18n, setLang, initI18n } = await import('../../src/i18n');
    expect(translate('id', 'workspace.deleted', { city: 'Kota Satu', year: 2024 })).toBe('Ruang kerja Kota Satu 2024 dihapus.');
    // a value not given keeps its placeholder (as i18next did), 0 and '' are values
    expect(translate('id', 'workspace.deleted', { city: '' })).toBe('Ruang kerja  {{year}} dihapus.');
    expect(translate('id', 'workspace.deleted', { city: 0, year: 0 })).toBe('Ruang kerja 0 0 dihapus.');
    expect(translate('id', 'workspace.deleted', { city: undefined, year: null })).toBe('Ruang kerja   dihapus.');
    expect(translate('id', 'no.such.key')).toBe('no.such.key');
    expect(translate('id', 'no.such.key', { defaultValue: 'alasan: {{why}}', why: 'rusak' })).toBe('alasan: rusak');
    // a branch is no text
    expect(translate('id', 'workspace')).toBe('workspace');
    // English before its chunk is loaded: Indonesian; after: English, and listeners hear it
    expect(translate('en', 'workspace.deleted', { city: 'X', year: 1 })).toBe('Ruang kerja X 1 dihapus.');
    const heard: string[] = [];
    const cb = (l: string) => heard.push(l);
    i18n.on('languageChanged', cb);
    await setLang('en');
    expect(i18n.language).toBe('en');
    expect(i18n.t('workspace.deleted', { city: 'X', year: 1 })).toBe(en.workspace.deleted.replace('{{city}}', 'X').replace('{{year}}', '1'));
    expect(i18n.getFixedT('id')('workspace.deleted', { city: 'X', year: 1 })).toBe('Ruang kerja X 1 dihapus.');
    await setLang('en');
    await initI18n('id');
    i18n.off('languageChanged', cb);
    await setLang('en');
    expect(heard).toEqual(['en', 'id']);
    await setLang('id');
  });

  it('a count of a thousand or more is written with its thousands marked, as each language does; a year is not', async () => {
    const { translate } = await import('../../src/i18n');
    expect(translate('id', 'x', { defaultValue: '{{count}} dokumen', count: 4455 })).toBe('4.455 dokumen');
    expect(translate('id', 'x', { defaultValue: '{{count}} dari {{total}}', count: 999, total: 1234567 })).toBe('999 dari 1.234.567');
    expect(translate('id', 'x', { defaultValue: '{{n}}', n: 1500.5 })).toBe('1.500,5');
    expect(translate('en', 'x', { defaultValue: '{{count}} documents', count: 4455 })).toBe('4,455 documents');
    expect(translate('id', 'workspace.deleted', { city: 'Kota Satu', year: 2024 })).toBe('Ruang kerja Kota Satu 2024 dihapus.');
    // what is already text is left as it is (codes, numbers formatted by the caller)
    expect(translate('id', 'x', { defaultValue: '{{code}}', code: '1200' })).toBe('1200');
  });

  it('English says "1 document", not "1 documents"; Indonesian is the same for any number', async () => {
    const { translate, setLang } = await import('../../src/i18n');
    await setLang('en');
    expect(translate('en', 'evidence.count', { count: 1 })).toBe('1 document');
    expect(translate('en', 'evidence.count', { count: 0 })).toBe('0 documents');
    expect(translate('en', 'evidence.count', { count: 2 })).toBe('2 documents');
    expect(translate('en', 'evidence.bulk.ticked', { count: 1 })).toBe('1 file selected');
    expect(translate('id', 'evidence.count', { count: 1 })).toBe('1 dokumen');
    // a count given as text is not counted
    expect(translate('en', 'evidence.count', { count: '1' })).toBe('1 documents');
    await setLang('id');
  });

  it("each English singular belongs to a text with a count and keeps that text's placeholders but the count's", () => {
    const plural = entries(en);
    for (const [key, text] of Object.entries(singulars)) {
      expect(plural.get(key), key).toContain('count');
      const own = [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]);
      for (const name of own) expect(plural.get(key), key).toContain(name);
      // nothing the plural says but its count is lost ("1 file from the intake of {{when}}")
      for (const name of plural.get(key)!.filter((n) => n !== 'count')) expect(own, key).toContain(name);
    }
  });

  it('switching back to Indonesian while the English words still load: Indonesian stays', async () => {
    vi.resetModules();
    const fresh = await import('../../src/i18n');
    const toEnglish = fresh.setLang('en');
    const back = fresh.setLang('id');
    await Promise.all([toEnglish, back]);
    expect(fresh.default.language).toBe('id');
  });

  it('the dictionaries use no i18next feature the app no longer has (plural, context, nesting, formats)', () => {
    for (const d of [id, en]) {
      for (const [k] of entries(d)) {
        const text = k.split('.').reduce<any>((o, p) => o[p], d) as string;
        expect(k, k).not.toMatch(/_(one|other|zero|few|many|plural)$/);
        expect(text, k).not.toMatch(/\$t\(|{{-|{{\s*\w+\s*,/);
      }
    }
  });
});
