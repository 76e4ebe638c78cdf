/**
 * Six folds of the tuning part (issue 11): a quicker way than leaving each writing batch out
 * (fit-batches.ts, ~50 fits) to compare variants of the learned profiles. Fold f holds the
 * writing batches whose index in BATCHES is f modulo 6 (writers who worked together stay
 * together); each fold is scored by profiles fitted on the rest, at the rules file's temperature.
 *   npx tsx test/unit/classifier/fit-folds.ts [--weights 12,16] [--variant '{"lambda":1e-4}'] [--jobs N] [--wrong] [--dump FILE]
 * `--variant` overrides the regression's settings (LINEAR in fit-profiles.ts; an unknown key is
 * refused); each weight is tallied as the bench tallies a part (fit-batches.ts `tally`); `--wrong` lists each document
 * read wrong at the first weight. Six fits: 2 min 17 s on two cores (1,264 documents, 1,000 terms).
 * The profiles are fitted once per fold, at LINEAR's weight: with `residual` (which fits at that
 * weight) the other weights score a mismatched fit. A figure holds for the folds of its day:
 * a new batch changes them, so measure the baseline again beside a variant. `--dump FILE` writes
 * each document's raw scores out of fold with its fold and accepted indicators (JSON), for a
 * second stage fitted on them (7 Dec 2026: a bias per indicator, or a linear map of the 31
 * scores, each fitted on five folds' dumps and scored on the sixth: at most +4 of 1,264).
 * The held-out part is never read here.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { classify } from '../../../src/domain/classifier';
import { eachBatch, FOLD_GROUPS, emptyTally, inShards, modelAt, numbers, summary, tally, type Tally } from './fit-batches';
import { LINEAR } from './fit-profiles';

const FOLDS = FOLD_GROUPS.length;
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);

interface FoldResult {
  tallies: Record<string, Tally>;
  wrong: string[];
  /** With --dump: each document's raw scores out of fold, for a second stage fitted on them. */
  raw?: { fold: string; file: string; raw: number[]; accept: number[] }[];
}

/** The folds (those of this process's FIT_SHARD) scored at each weight, with the regression's settings overridden by `variant`. */
export function scoreFolds(weights: number[], variant: Partial<typeof LINEAR>): FoldResult {
  const tallies: Record<string, Tally> = {};
  const wrong: string[] = [];
  const raw: NonNullable<FoldResult['raw']> = [];
  let fold = 0;
  eachBatch(
    false,
    (docs, profiles, json) => {
      for (const w of weights) {
        const model = modelAt(json, profiles, json.classifier.calibration.temperature, w);
        const rows = docs.map((d) => ({ file: d.file, indicator: d.indicator, accept: d.accept, c: classify(model, { text: '', pages: d.pageTexts, name: d.file }) }));
        tallies[w] = tally(model, rows, tallies[w] ?? emptyTally(), false);
        if (w === weights[0]) for (const r of rows) if (!r.accept.includes(r.c.indicator)) wrong.push(`${r.file}: ${r.indicator} read as ${r.c.indicator}`);
        if (w === weights[0] && process.argv.includes('--dump')) for (const r of rows) raw.push({ fold: `${process.env.FIT_SHARD ?? '0/1'}:${fold}`, file: r.file, raw: r.c.raw, accept: r.accept.map((a) => model.indicatorIndex.get(a)!) });
      }
      fold++;
    },
    undefined,
    FOLD_GROUPS,
    { ...LINEAR, ...variant },
  );
  return { tallies, wrong, ...(raw.length ? { raw } : {}) };
}

/** The shards' results as one: tallies summed per weight, misses listed together. */
function merge(parts: FoldResult[]): FoldResult {
  const tallies: Record<string, Tally> = {};
  for (const p of parts) {
    for (const [w, t] of Object.entries(p.tallies)) {
      const s = (tallies[w] ??= emptyTally());
      for (const k of Object.keys(s) as (keyof Tally)[]) s[k] += t[k];
    }
  }
  return { tallies, wrong: parts.flatMap((p) => p.wrong), raw: parts.flatMap((p) => p.raw ?? []) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const weights = [...new Set(numbers('--weights', String(LINEAR.weight)))];
  const variant = JSON.parse(arg('--variant') ?? '{}');
  // a misspelt setting would silently measure the baseline
  const unknown = Object.keys(variant).filter((k) => !(k in LINEAR));
  if (unknown.length) throw new Error(`--variant: ${unknown.join(', ')} not among ${Object.keys(LINEAR).join(', ')}`);
  if (weights.some((w) => !(w > 0))) throw new Error('--weights: positive numbers, comma-separated');
  if (process.argv.includes('--shard')) {
    process.stdout.write(JSON.stringify(scoreFolds(weights, variant)));
  } else {
    const jobs = Math.min(FOLDS, Number(arg('--jobs') ?? cpus().length));
    if (!(jobs >= 1) || !Number.isInteger(jobs)) throw new Error('--jobs: a whole number from 1');
    const args = ['--shard', '--weights', weights.join(','), '--variant', JSON.stringify(variant), ...(process.argv.includes('--dump') ? ['--dump', arg('--dump')!] : [])];
    const r = jobs === 1 ? scoreFolds(weights, variant) : merge(await inShards<FoldResult>(jobs, fileURLToPath(import.meta.url), args));
    for (const [w, t] of Object.entries(r.tallies)) console.log(JSON.stringify({ weight: Number(w), right: t.top1, ...summary(t) }));
    if (process.argv.includes('--wrong')) for (const line of r.wrong.sort()) console.log(`  ${line}`);
    if (process.argv.includes('--dump')) writeFileSync(arg('--dump')!, JSON.stringify(r.raw));
  }
}
