/**
 * Fit the classifier's confidence calibration on the labelled training corpus and (with --write)
 * store it in the rules file's `classifier.calibration`:
 *   npx tsx test/unit/classifier/fit-calibration.ts [--write]
 * Run it after changing the vocabulary or the weights. Only the training corpus is used; the
 * holdout corpus stays unseen (the bench measures calibration there).
 *
 * The vocabulary was written with the training documents in view, so on them the classifier is
 * right more often than on documents it has never seen, and a calibration fitted on them alone
 * would be overconfident. The fit therefore also uses perturbed copies of every training
 * document (a deterministic share of its lines and words removed), which read like documents that
 * use fewer of the vocabulary's words: the confidence learns how often it is right when the
 * evidence is thinner. Documents without any evidence (one per indicator, right by chance) anchor
 * the low end, so an empty document does not get a confident answer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrate, choose, fitPlatt, fitTemperature, nll, probabilities, reliability, scoreDocument, type Model } from '../../../src/domain/classifier';
import { loadCorpus, loadModel } from '../../bench/classifier.bench';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RULES = join(ROOT, 'scoring-rules/kla-2024.json');

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `text` with about `lineDrop` of its lines and `wordDrop` of the remaining words removed. */
export function perturb(text: string, seed: number, lineDrop = 0.3, wordDrop = 0.3): string {
  const r = rng(seed);
  return text
    .split('\n')
    .filter(() => r() >= lineDrop)
    .map((l) =>
      l
        .split(' ')
        .filter(() => r() >= wordDrop)
        .join(' '),
    )
    .join('\n');
}

export const COPIES = 4;

export function fit(model: Model, docs: ReturnType<typeof loadCorpus>) {
  const all = docs.flatMap((d, i) => [{ d, text: d.text }, ...Array.from({ length: COPIES }, (_, k) => ({ d, text: perturb(d.text, i * 101 + k + 1) }))]);
  const samples = all.map(({ d, text }) => ({ raw: scoreDocument(model, { text, name: d.file }).raw, truth: model.indicatorIndex.get(d.indicator)! }));
  const temperature = fitTemperature(samples);
  const withT = { ...model, config: { ...model.config, calibration: { temperature, slope: 1, intercept: 0 } } };
  // Anchors: a document without evidence (all scores 0) is right only by chance, once per indicator.
  const anchors = model.indicators.map((_, truth) => ({ raw: model.indicators.map(() => 0), truth }));
  const points = [...samples, ...anchors].map((s) => {
    const p = probabilities(withT, s.raw);
    const { top } = choose(model, p);
    return { p: p[top], correct: top === s.truth };
  });
  const platt = fitPlatt(points, 1);
  return { temperature, ...platt, nll: nll(samples, temperature) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const model = loadModel(ROOT);
  const docs = loadCorpus(join(ROOT, 'test/fixtures/classifier'));
  const f = fit(model, docs);
  // the page temperature is not fitted here (pages are scored without the profiles): kept as it is
  const pageT = model.config.calibration.pageTemperature;
  const cal = { temperature: round(f.temperature), slope: round(f.slope), intercept: round(f.intercept), ...(pageT ? { pageTemperature: pageT } : {}) };
  const fitted = { ...model, config: { ...model.config, calibration: cal } };
  const pts = docs.map((d) => {
    const s = scoreDocument(fitted, { text: d.text, name: d.file });
    const p = probabilities(fitted, s.raw);
    const { top } = choose(model, p);
    return { confidence: calibrate(fitted, p[top]), correct: model.indicators[top].code === d.indicator };
  });
  const perturbed = docs.map((d, i) => {
    const s = scoreDocument(fitted, { text: perturb(d.text, 7777 + i), name: d.file });
    const p = probabilities(fitted, s.raw);
    const { top } = choose(model, p);
    return { confidence: calibrate(fitted, p[top]), correct: model.indicators[top].code === d.indicator };
  });
  const acc = (xs: { correct: boolean }[]) => round(xs.filter((x) => x.correct).length / xs.length);
  console.log(
    JSON.stringify({
      calibration: cal,
      nll: round(f.nll),
      training: { accuracy: acc(pts), ece: reliability(pts).ece },
      perturbed: { accuracy: acc(perturbed), ece: reliability(perturbed).ece },
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
