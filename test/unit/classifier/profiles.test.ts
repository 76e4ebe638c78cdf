// Indicator profiles (issue 11): learned from the labelled corpora, kept in the rules file, added
// to the vocabulary's scores. The rules file must hold exactly what the fitting script makes of
// today's corpora and vocabulary, so a stale fit fails here rather than drifting.
import { describe, expect, it } from 'vitest';
import { classify, scoreDocument } from '../../../src/domain/classifier';
import { profileSimilarity, profileTerms } from '../../../src/domain/classifier/classify';
import { parseRulesText } from '../../../src/domain/rules/load';
import { rulesJson } from '../helpers';
import { readFileSync } from 'node:fs';
import { FIT_RECORD, fitInputsHash, fitLinear, profilesHash, trainingDocs } from './fit-profiles';
import { model2024, modelWith } from './helpers';

const m = model2024();
const without = modelWith((j) => delete j.classifier.profiles);

const POSYANDU = `Laporan kegiatan posyandu Melati: penimbangan balita, pengukuran tinggi badan, pemberian makanan tambahan dan penyuluhan gizi oleh kader bersama bidan desa.`;

describe('indicator profiles', () => {
  it('the rules file holds the profiles fitted on today\'s corpora (re-run fit-profiles.ts --write after changing them)', () => {
    const record = JSON.parse(readFileSync(FIT_RECORD, 'utf8')) as { inputs: string; profiles: string };
    // the block is the one written with the record (not edited by hand)...
    expect(profilesHash(rulesJson().classifier.profiles)).toBe(record.profiles);
    // ... and what the regression would read today is what it read then
    expect(fitInputsHash(without, trainingDocs())).toBe(record.inputs);
  }, 60_000);

  // the fit itself, again: a change of the fitting code shows here (npm run test:fits)
  it.runIf(process.env.FIT_CHECK === 'full')('fitting again gives the profiles the rules file holds', () => {
    const fitted = fitLinear(without, trainingDocs());
    expect(rulesJson().classifier.profiles).toEqual(fitted);
    expect(profilesHash(fitted)).toBe(JSON.parse(readFileSync(FIT_RECORD, 'utf8')).profiles);
  }, 240_000); // the fit grows with the tuning part (1,264 documents: ~60 s alone, ~100 s beside other suites)

  it('adds weight x cosine similarity to each indicator\'s score (held to the indicator\'s kinds), and nothing without profiles', () => {
    const a = scoreDocument(m, { text: POSYANDU });
    const b = scoreDocument(without, { text: POSYANDU });
    const sims = profileSimilarity(m, a.tokens, a.tags)!;
    expect(profileSimilarity(without, b.tokens)).toBeNull();
    // the policy indicator takes regulations, decrees and budgets: a report gets the kind floor of its profile term
    const w = m.config.weights;
    const kindFactor = (j: number) => {
      const ks = m.indicators[j].kinds;
      return ks ? w.kindFloor + (1 - w.kindFloor) * [...ks].reduce((s, k) => s + a.kinds[k], 0) : 1;
    };
    expect(kindFactor(m.policyIndex)).toBeLessThan(0.5);
    // ... and, like all of indicator 1's score, shrinks by as much as the report reads as a budget no planning body signed
    const unsigned = (j: number) => (j === m.policyIndex ? 1 - a.kinds.budget * (1 - m.budgetSigners!.factor) : 1);
    a.raw.forEach((r, j) => expect(r).toBeCloseTo(b.raw[j] + m.profiles!.weight * sims[j] * kindFactor(j) * unsigned(j), 6));
    // a nutrition report is most like the nutrition indicator's evidence
    const best = sims.indexOf(Math.max(...sims));
    expect(m.indicators[best].code).toBe('13');
    expect(classify(m, { text: POSYANDU }).indicator).toBe('13');
  });

  it('reads the framing\'s words apart ("^desa") and what the document was read as ("@level desa") only when asked', () => {
    const letter = `PEMERINTAH KABUPATEN SUKAMAJU\nKECAMATAN CIPANAS\nDESA SUKAMULYA\n\nPERATURAN DESA SUKAMULYA NOMOR 3 TAHUN 2024\nTENTANG DESA LAYAK ANAK\n\nKepala Desa menetapkan forum anak desa dan posyandu.`;
    const s = scoreDocument(m, { text: letter });
    expect(s.tags).toContain('@level desa');
    expect(s.tags).toContain('@kind regulation');
    const plain = profileTerms(s.tokens);
    const framed = profileTerms(s.tokens, { framing: true, tags: s.tags });
    expect([...plain.keys()].some((k) => k.startsWith('^') || k.startsWith('@'))).toBe(false);
    // "desa" stands in the letterhead and the title, "posyandu" only in the body
    expect(framed.get('^desa')).toBeGreaterThanOrEqual(2);
    const posyandu = s.tokens.find((t) => t.surface === 'posyandu')!;
    expect(posyandu.zone).toBe('body');
    expect(framed.get(posyandu.key)).toBeGreaterThan(0);
    expect(framed.has(`^${posyandu.key}`)).toBe(false);
    for (const tag of s.tags) expect(framed.get(tag)).toBe(1);
    // every word term is counted as before
    for (const [k, v] of plain) expect(framed.get(k)).toBe(v);
  });

  it('a text with no known words has no similarity to any profile', () => {
    const s = profileSimilarity(m, scoreDocument(m, { text: 'qwxz plokk zzrt' }).tokens)!;
    expect(s.every((x) => x === 0)).toBe(true);
  });

  it('an unknown indicator or a key without idf in the profiles is refused when the rules are read', () => {
    expect(() => modelWith((j) => (j.classifier.profiles.indicators['99'] = [['anak', 1]]))).toThrow(/unknown indicator "99"/);
    expect(() => modelWith((j) => (j.classifier.profiles.indicators['13'] = [['tidakadaidf', 1]]))).toThrow(/has no idf/);
  });

  it('a profile entry that is not a [term, weight] pair, or a negative idf, is refused by the schema (one loop per table)', () => {
    const read = (edit: (j: any) => void) => {
      const j = rulesJson();
      edit(j);
      return parseRulesText(JSON.stringify(j), 'x');
    };
    expect(read(() => undefined).ok).toBe(true);
    for (const bad of [[['anak']], [['anak', '1']], [[1, 1]], [['anak', 1, 2]], 'anak', null]) {
      const r = read((j) => (j.classifier.profiles.indicators['13'] = bad));
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.errors.join(' ')).toMatch(/classifier\.profiles\.indicators/);
    }
    expect(read((j) => (j.classifier.profiles.idf.anak = -1)).ok).toBe(false);
    expect(read((j) => (j.classifier.profiles.idf = [])).ok).toBe(false);
  });
});
