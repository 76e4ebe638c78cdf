/**
 * Confidence calibration: fitting and measuring.
 *
 * Two steps, both fitted on a labelled corpus and stored in the rules file
 * (`classifier.calibration`):
 *  1. temperature T of the softmax over raw indicator scores, minimising the negative
 *     log-likelihood of the true indicator, or of any acceptable one when the sample lists them
 *     (golden-section search over log T);
 *  2. Platt scaling of the top probability: confidence = sigmoid(a logit(p_top) + b), fitted by
 *     Newton's method on whether the top indicator was right, with a small ridge towards a = 1,
 *     b = 0 so a small corpus cannot make it extreme. "Right" means acceptable: fit-calibration.ts
 *     counts the top indicator right when the evaluators accept the document under it. With
 *     a > 0 the map is monotone: a higher top probability never gives a lower confidence.
 * `reliability` bins confidences and compares them with observed accuracy (expected calibration
 * error, ECE = sum over bins of |accuracy - mean confidence| x share of documents).
 */
import { logit, sigmoid, softmax } from './classify';

export interface CalibrationSample {
  /** Raw indicator scores of one document. */
  raw: number[];
  /** Index of the true indicator. */
  truth: number;
  /** Indexes of every acceptable indicator: when given, the likelihood is theirs together. */
  accept?: number[];
}

/** Mean negative log-likelihood of the truth (or of any acceptable indicator) under softmax(raw / t). */
export function nll(samples: CalibrationSample[], t: number): number {
  let s = 0;
  for (const x of samples) {
    const p = softmax(x.raw.map((r) => r / t));
    s -= Math.log(Math.max(1e-12, x.accept ? x.accept.reduce((a, j) => a + p[j], 0) : p[x.truth]));
  }
  return s / Math.max(1, samples.length);
}

export function fitTemperature(samples: CalibrationSample[], lo = 0.05, hi = 100): number {
  let a = Math.log(lo);
  let b = Math.log(hi);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (nll(samples, Math.exp(c)) < nll(samples, Math.exp(d))) b = d;
    else a = c;
  }
  return Math.exp((a + b) / 2);
}

/** Platt scaling of (logit p, correct) pairs; ridge `lambda` pulls towards slope 1, intercept 0. */
export function fitPlatt(points: { p: number; correct: boolean }[], lambda = 1): { slope: number; intercept: number } {
  let a = 1;
  let b = 0;
  const xs = points.map((q) => logit(q.p));
  for (let it = 0; it < 100; it++) {
    let ga = lambda * (a - 1);
    let gb = lambda * b;
    let haa = lambda;
    let hab = 0;
    let hbb = lambda;
    points.forEach((q, i) => {
      const z = sigmoid(a * xs[i] + b);
      const y = q.correct ? 1 : 0;
      ga += (z - y) * xs[i];
      gb += z - y;
      const w = z * (1 - z);
      haa += w * xs[i] * xs[i];
      hab += w * xs[i];
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { slope: a, intercept: b };
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

export function reliability(points: { confidence: number; correct: boolean }[], bins = 10): { bins: ReliabilityBin[]; ece: number } {
  const out: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = points.filter((p) => p.confidence >= from && (b === bins - 1 ? p.confidence <= to : p.confidence < to));
    const count = inBin.length;
    const meanConfidence = count ? inBin.reduce((s, p) => s + p.confidence, 0) / count : 0;
    const accuracy = count ? inBin.filter((p) => p.correct).length / count : 0;
    if (count) ece += (Math.abs(accuracy - meanConfidence) * count) / points.length;
    out.push({ from, to, count, meanConfidence: round(meanConfidence), accuracy: round(accuracy) });
  }
  return { bins: out, ece: round(ece) };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
