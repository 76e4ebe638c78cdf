/**
 * Leave one writing batch out (issue 11): each batch of the TUNING part is scored by profiles
 * fitted without it, for a grid of profile weights and softmax temperatures, and scored as the
 * bench scores a part (top-1 any acceptable, false alarms, near-miss precision and recall).
 *   npx tsx test/unit/classifier/fit-batches.ts [--centroid] [--weights 8,16,32,10000] [--temperatures 7.9,10] [--list]
 * (temperatures default to the rules file's)
 * A weight of 10,000 measures the profiles almost alone: a fair measure of the learned part on
 * writing it never saw. The vocabulary was written with the tuning part in view, so figures with
 * it flatter it. The held-out part is never read here.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFiling, classify, type CalibrationSample, type Classification, type Model } from '../../../src/domain/classifier';
import { loadReal } from '../../bench/classifier.bench';
import { modelWith } from './fit-filing';
import { fitLinear, fitProfiles, LINEAR, PROFILE_WEIGHT, trainingDocs } from './fit-profiles';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Writing batches (README of the corpus): writers who worked together leave together. Add each new batch here. */
export const BATCHES = [['1', '2', '3', '4'], ['5', '6', '7'], ['8', '9'], ['10', '11'], ['12', '13'], ['17', '18'], ['19', '20'], ['23'], ['30', '31', '32', '33', '34'], ['35', '36', '37'], ['38', '39', '40'], ['41', '42', '43'], ['45', '46', '47', '48'], ['44', '49'], ['50', '51', '52', '53'], ['54', '55', '56', '57'], ['58', '59', '60', '61'], ['62', '63', '64', '65'], ['66', '67', '68'], ['71', '72'], ['70'], ['69', '73'], ['74', '75'], ['76', '77', '78'], ['79', '80', '81'], ['82', '84'], ['83'], ['85', '86', '87'], ['88', '89', '90'], ['91', '92', '93'], ['94'], ['96', '97'], ['99', '100'], ['98'], ['101', '103'], ['102'], ['104', '105'], ['106', '107'], ['108', '109'], ['110', '111'], ['112', '113'], ['114', '115', '116'], ['117', '118', '119'], ['120', '121', '122'], ['123', '124', '125'], ['126', '127', '128'], ['129', '130', '131'], ['132', '133', '134'], ['135', '136', '137']];
/** --list: print each false alarm of the tuning part (its file, label and answer). */
const LIST = process.argv.includes('--list');
export const batchOf = (file: string) => file.match(/^h(\d+)-/)?.[1] ?? 'fixtures';
/** Six folds of the tuning part: fold f holds the writing batches whose index in BATCHES is f modulo 6 (writers who worked together stay together). */
export const FOLD_GROUPS = Array.from({ length: 6 }, (_, f) => BATCHES.filter((_, b) => b % 6 === f).flat());
/** The fold of a tuning document (-1 for one outside BATCHES). */
export const foldOf = (file: string) => FOLD_GROUPS.findIndex((g) => g.includes(batchOf(file)));

/** The rules with these profiles and temperature; the weight is set after compiling, beyond the rules file's bound, to measure the profiles alone. */
export function modelAt(json: any, profiles: object, temperature: number, weight: number): Model {
  const model = modelWith(json, (c) => {
    c.profiles = { ...profiles, weight: 1 };
    c.calibration = { ...c.calibration, temperature };
  });
  model.profiles!.weight = weight;
  return model;
}

/** A tuning document as classified, with its labels. */
export interface Classified {
  file: string;
  indicator: string;
  accept: string[];
  c: Classification;
}

export interface Tally {
  n: number;
  top1: number;
  fp: number;
  near: number;
  /** false alarms whose best reading sits in the document's own cluster */
  fpOwn: number;
  /** filings inside the own cluster (as the bench makes them) and how many of them are flagged */
  inside: number;
  insideFlagged: number;
}

export const emptyTally = (): Tally => ({ n: 0, top1: 0, fp: 0, near: 0, fpOwn: 0, inside: 0, insideFlagged: 0 });

/**
 * Counts classifications as the bench scores a part: top-1 (any acceptable), false alarms (filed
 * under its own label and flagged) and near misses flagged (filed under the best guess outside
 * its cluster and its labels), and, as the bench counts them, false alarms read in the own
 * cluster and filings inside the own cluster flagged. With `list`, prints each false alarm.
 */
export function tally(model: Model, rows: Classified[], s: Tally = emptyTally(), list = LIST): Tally {
  const groupOf = (code: string) => model.indicators[model.indicatorIndex.get(code) ?? -1]?.group ?? '';
  for (const { file, indicator, accept, c } of rows) {
    s.n++;
    if (accept.includes(c.indicator)) s.top1++;
    const f = checkFiling(model, c, { group: groupOf(indicator), indicator });
    if (f.misfiled) s.fp++;
    if (f.misfiled && c.group === groupOf(indicator)) s.fpOwn++;
    const inside = c.ranking.find((r) => r.group === groupOf(indicator) && !accept.includes(r.indicator));
    if (inside) {
      s.inside++;
      if (checkFiling(model, c, { group: inside.group, indicator: inside.indicator }).misfiled) s.insideFlagged++;
    }
    if (f.misfiled && list) console.log(`  false alarm ${file}: filed ${indicator} (accept ${accept.join('|')}), got ${c.indicator} ${c.confidence.toFixed(3)}, filed ${f.filedProbability}, level ${c.level}, kind ${c.kind}`);
    const near = c.ranking.find((r) => r.group !== groupOf(indicator) && !accept.includes(r.indicator))!;
    if (checkFiling(model, c, { group: near.group, indicator: near.indicator }).misfiled) s.near++;
  }
  return s;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
export const summary = (s: Tally) => ({
  n: s.n,
  top1: r3(s.top1 / s.n),
  falseAlarms: s.fp,
  falseAlarmsReadInOwnCluster: s.fpOwn,
  nearMissFlags: s.near,
  precisionNearMiss: r3(s.near / (s.near + s.fp)),
  recallNearMiss: r3(s.near / s.n),
  ownClusterRecall: r3(s.insideFlagged / Math.max(1, s.inside)),
});

const classifyAll = (model: Model, docs: ReturnType<typeof loadReal>): Classified[] =>
  docs.map((d) => ({ file: d.file, indicator: d.indicator, accept: d.accept, c: classify(model, { text: '', pages: d.pageTexts, name: d.file }) }));

/**
 * FIT_FRACTION=f (a learning curve): each training document kept with probability f, by a hash of
 * its name. Six folds, 7 Dec 2026: f 0.5 / 0.75 / 1 read 1,126 / 1,182 / 1,200 of 1,264.
 */
const FRACTION = Number(process.env.FIT_FRACTION ?? 1);
const kept = (file: string) => FRACTION >= 1 || createHash('sha256').update(file).digest().readUInt32BE(0) / 2 ** 32 < FRACTION;

/**
 * Calls `each` with every batch of the tuning part and the profiles fitted without that batch
 * (`groups`: batches to leave out together, BATCHES by default; `linear`: the regression's
 * settings).
 */
export function eachBatch(centroid: boolean, each: (docs: ReturnType<typeof loadReal>, profiles: ReturnType<typeof fitLinear>, json: any) => void, patch?: (rules: any) => void, groups = BATCHES, linear = LINEAR) {
  const json = JSON.parse(readFileSync(join(ROOT, 'scoring-rules/kla-2024.json'), 'utf8'));
  patch?.(json);
  const base = modelWith(json, () => undefined);
  const tune = loadReal(join(ROOT, 'test/fixtures/classifier-real/tune'));
  const train = trainingDocs();
  const stray = tune.filter((d) => !BATCHES.some((b) => b.includes(batchOf(d.file))));
  if (stray.length) throw new Error(`add the batch of ${stray[0].file} (and ${stray.length - 1} more) to BATCHES`);
  // FIT_SHARD=i/n: only every n-th batch from the i-th (fit-calibration.ts --jobs runs n such processes at once)
  const [shard, shards] = (process.env.FIT_SHARD ?? '0/1').split('/').map(Number);
  for (const [b, batch] of groups.entries()) {
    if (b % shards !== shard) continue;
    const docs = tune.filter((d) => batch.includes(batchOf(d.file)));
    if (!docs.length) continue;
    const rest = train.filter((d) => !batch.includes(batchOf(d.file)) && kept(d.file));
    each(docs, centroid ? fitProfiles(base, rest) : fitLinear(base, rest, linear), json);
  }
}

/**
 * Runs `script` with `args` in `jobs` processes at once, the i-th with FIT_SHARD=i/jobs (so its
 * eachBatch takes every jobs-th group), and returns what each printed as JSON. 'close', not
 * 'exit': a child's output is whole only once its pipe has closed. One failing stops the others.
 */
export async function inShards<T>(jobs: number, script: string, args: string[]): Promise<T[]> {
  const children: ReturnType<typeof spawn>[] = [];
  const runs = Array.from({ length: jobs }, (_, i) =>
    new Promise<T>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, script, ...args], { env: { ...process.env, FIT_SHARD: `${i}/${jobs}` }, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`shard ${i}/${jobs} exited with ${code}`))));
    }),
  );
  return Promise.all(runs).catch((e) => {
    for (const child of children) child.kill();
    throw e;
  });
}

export function leaveBatchOut(o: { centroid: boolean; weights: number[]; temperatures: number[] }) {
  const stats = new Map<string, Tally>();
  eachBatch(o.centroid, (docs, profiles, json) => {
    for (const w of o.weights) {
      for (const t of o.temperatures) {
        const key = `weight ${w} temperature ${t}`;
        const model = modelAt(json, profiles, t, w);
        stats.set(key, tally(model, classifyAll(model, docs), stats.get(key)));
      }
    }
  });
  return [...stats].map(([key, s]) => ({ key, ...summary(s) }));
}

/**
 * Each tuning document classified by the profiles fitted without its batch, at the rules file's
 * weight and temperature (`patch` changes the rules first, to compare a variant).
 */
export function outOfBatchClassifications(patch?: (rules: any) => void): Classified[] {
  const rows: Classified[] = [];
  eachBatch(
    false,
    (docs, profiles, json) => {
      const model = modelAt(json, profiles, json.classifier.calibration.temperature, PROFILE_WEIGHT);
      rows.push(...classifyAll(model, docs));
    },
    patch,
  );
  return rows;
}

/**
 * Each tuning document's raw indicator scores from the profiles fitted without its batch, at the
 * rules file's weight: how the classifier scores writing it has not learned from (the
 * calibration is fitted on these, fit-calibration.ts).
 */
export function outOfBatchScores(): (CalibrationSample & { accept: number[] })[] {
  const json = JSON.parse(readFileSync(join(ROOT, 'scoring-rules/kla-2024.json'), 'utf8'));
  const model = modelWith(json, () => undefined);
  return outOfBatchClassifications().map(({ file, indicator, accept, c }) => {
    const index = (code: string) => {
      const j = model.indicatorIndex.get(code);
      if (j === undefined) throw new Error(`${file}: unknown indicator ${code}`);
      return j;
    };
    // the raw scores do not depend on the temperature being fitted
    return { raw: c.raw, truth: index(indicator), accept: accept.map(index) };
  });
}

/** A comma-separated list of numbers given on the command line after `name`, or `dflt`. */
export const numbers = (name: string, dflt: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt).split(',').map(Number);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // default: the rules file's own temperature (the one the misfile check uses)
  const rulesT = String(JSON.parse(readFileSync(join(ROOT, 'scoring-rules/kla-2024.json'), 'utf8')).classifier.calibration.temperature);
  const rows = leaveBatchOut({ centroid: process.argv.includes('--centroid'), weights: numbers('--weights', '8,16,32,10000'), temperatures: numbers('--temperatures', rulesT) });
  for (const row of rows) console.log(JSON.stringify(row));
}
