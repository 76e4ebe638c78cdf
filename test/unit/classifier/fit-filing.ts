/**
 * Choose the misfile check's calibration (softmax temperature) and threshold on the TUNING part
 * only, by 5-fold cross-validation: the profiles are refitted without each fold, the fold's
 * documents are classified by that model, and every (temperature, minProbability) pair of a grid
 * is scored on these out-of-fold classifications as the bench scores the held-out part (a right
 * filing flagged is a false alarm; a random and a near-miss wrong filing should be flagged).
 *   npx tsx test/unit/classifier/fit-filing.ts
 * The held-out part is never read here.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFiling, classify, compileModel, type Model } from '../../../src/domain/classifier';
import { parseRules } from '../../../src/domain/rules/load';
import { loadReal } from '../../bench/classifier.bench';
import { fitLinear, trainingDocs } from './fit-profiles';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const FOLDS = 5;

export function modelWith(json: any, patch: (c: any) => void): Model {
  const j = structuredClone(json);
  patch(j.classifier);
  const r = parseRules(j, 'cv');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return compileModel(r.rules);
}

const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

export function crossValidate(temperatures: number[], minPs: number[]) {
  const json = JSON.parse(readFileSync(join(ROOT, 'scoring-rules/kla-2024.json'), 'utf8'));
  const base = modelWith(json, () => undefined);
  const tune = loadReal(join(ROOT, 'test/fixtures/classifier-real/tune'));
  const train = trainingDocs();
  const fold = (file: string) => hash(file) % FOLDS;
  const stats = new Map<string, { fp: number; rnd: number; near: number; n: number; top1: number }>();
  for (let f = 0; f < FOLDS; f++) {
    const profiles = fitLinear(base, train.filter((d) => !(d.file.startsWith('h') && fold(d.file) === f && tune.some((t) => t.file === d.file))));
    const docs = tune.filter((d) => fold(d.file) === f);
    for (const T of temperatures) {
      for (const minP of minPs) {
        const model = modelWith(json, (c) => {
          c.profiles = profiles;
          c.calibration = { ...c.calibration, temperature: T };
          c.filing = { ...c.filing, minProbability: minP, sameGroupProbability: Math.min(c.filing.sameGroupProbability, minP) };
        });
        const key = `${T}|${minP}`;
        const s = stats.get(key) ?? { fp: 0, rnd: 0, near: 0, n: 0, top1: 0 };
        const groupOf = (code: string) => model.indicators[model.indicatorIndex.get(code) ?? -1]?.group ?? '';
        docs.forEach((d, i) => {
          const c = classify(model, { text: '', pages: d.pageTexts, name: d.file });
          s.n++;
          if (d.accept.includes(c.indicator)) s.top1++;
          if (checkFiling(model, c, { group: groupOf(d.indicator), indicator: d.indicator }).misfiled) s.fp++;
          const elsewhere = model.indicators.filter((x) => x.group !== groupOf(d.indicator) && !d.accept.includes(x.code));
          const random = elsewhere[(i * FOLDS + f) % elsewhere.length];
          const near = c.ranking.find((r) => r.group !== groupOf(d.indicator) && !d.accept.includes(r.indicator))!;
          if (checkFiling(model, c, { group: random.group, indicator: random.code }).misfiled) s.rnd++;
          if (checkFiling(model, c, { group: near.group, indicator: near.indicator }).misfiled) s.near++;
        });
        stats.set(key, s);
      }
    }
  }
  return [...stats].map(([key, s]) => {
    const [T, minP] = key.split('|').map(Number);
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    return { T, minP, n: s.n, top1: r3(s.top1 / s.n), falseAlarms: s.fp, precisionRandom: r3(s.rnd / (s.rnd + s.fp)), precisionNearMiss: r3(s.near / (s.near + s.fp)), recallRandom: r3(s.rnd / s.n), recallNearMiss: r3(s.near / s.n) };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of crossValidate([1.764, 3, 5, 8, 12], [0.05, 0.02, 0.01, 0.005])) console.log(JSON.stringify(row));
}
