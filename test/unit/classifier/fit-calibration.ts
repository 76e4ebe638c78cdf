/**
 * Fit the classifier's confidence calibration and (with --write) store it in the rules file's
 * `classifier.calibration`:
 *   npx tsx test/unit/classifier/fit-calibration.ts [--write] [--jobs N (default: one per CPU)]
 * Run it after refitting the profiles or changing the vocabulary or the weights (then the bench).
 *
 * Since 4 Dec 2026 it is fitted where the classifier has not learned from the writing: each
 * tuning document of the real-world-shaped corpus scored by profiles fitted without its writing
 * batch (fit-batches.ts, `outOfBatchScores`), the likelihood being that of any indicator the
 * evaluators accept. Until then it was fitted on the fixtures corpus, whose documents the profiles
 * were fitted on, made thinner by removing a share of their lines and words: that
 * gave temperature 4.662 where writing the classifier had not seen wants about 8, so confident
 * answers on such writing were too confident, and a place the evaluators also accept fell below
 * the misfile threshold (leave one batch out: 8 false alarms at 4.662, 5 at the fitted value).
 * The held-out part is never read here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrate, choose, fitPlatt, fitTemperature, nll, probabilities, reliability, type CalibrationSample, type Model } from '../../../src/domain/classifier';
import { loadModel } from '../../bench/classifier.bench';
import { inShards, outOfBatchScores } from './fit-batches';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RULES = join(ROOT, 'scoring-rules/kla-2024.json');

/**
 * Temperature and Platt scaling from samples: the temperature maximises the likelihood of any
 * acceptable indicator; anchors (a document without evidence, right only by chance, once per
 * indicator) keep an empty document from a confident answer.
 */
export function fit(model: Model, samples: CalibrationSample[]) {
  const temperature = fitTemperature(samples);
  const withT = { ...model, config: { ...model.config, calibration: { temperature, slope: 1, intercept: 0 } } };
  const anchors = model.indicators.map((_, truth) => ({ raw: model.indicators.map(() => 0), truth, accept: [truth] }));
  const points = [...samples, ...anchors].map((s) => {
    const p = probabilities(withT, s.raw);
    const { top } = choose(model, p);
    return { p: p[top], correct: (s.accept ?? [s.truth]).includes(top) };
  });
  const platt = fitPlatt(points, 1);
  return { temperature, ...platt, nll: nll(samples, temperature) };
}

/**
 * The out-of-batch scores, fitted by `jobs` processes at once (each fits every jobs-th batch's
 * profiles: 45-60 s of CPU a batch at 1,000 terms, so 50 batches take about 55 minutes on one core).
 */
async function scoresInParallel(jobs: number) {
  if (jobs <= 1) return outOfBatchScores();
  const parts = await inShards<ReturnType<typeof outOfBatchScores>>(jobs, fileURLToPath(import.meta.url), ['--scores']);
  return parts.flat();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--scores')) {
  process.stdout.write(JSON.stringify(outOfBatchScores()));
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const model = loadModel(ROOT);
  const jobs = process.argv.includes('--jobs') ? Number(process.argv[process.argv.indexOf('--jobs') + 1]) : cpus().length;
  const samples = await scoresInParallel(jobs);
  const f = fit(model, samples);
  // the page temperature is not fitted here (pages are scored without the profiles): kept as it is
  const pageT = model.config.calibration.pageTemperature;
  const cal = { temperature: round(f.temperature), slope: round(f.slope), intercept: round(f.intercept), ...(pageT ? { pageTemperature: pageT } : {}) };
  const fitted = { ...model, config: { ...model.config, calibration: cal } };
  const pts = samples.map((s) => {
    const p = probabilities(fitted, s.raw);
    const { top } = choose(model, p);
    return { confidence: calibrate(fitted, p[top]), correct: s.accept.includes(top) };
  });
  const was = model.config.calibration;
  console.log(
    JSON.stringify({
      calibration: cal,
      before: { calibration: was, nll: round(nll(samples, was.temperature)) },
      nll: round(f.nll),
      outOfBatch: { documents: samples.length, accuracy: round(pts.filter((x) => x.correct).length / pts.length), ece: reliability(pts).ece },
    }),
  );
  if (process.argv.includes('--write')) {
    const text = readFileSync(RULES, 'utf8');
    const re = /"calibration": \{[^}]*\}/;
    if (!re.test(text)) throw new Error('no "calibration" object in the rules file');
    writeFileSync(RULES, text.replace(re, `"calibration": ${JSON.stringify(cal).replace(/,/g, ', ').replace(/:/g, ': ')}`));
    console.log('written to', RULES);
  }
}

function round(x: number) {
  return Math.round(x * 1000) / 1000;
}
