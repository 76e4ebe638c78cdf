// Confidence calibration: monotone, fitted parameters sane, and on the training corpus the
// confidence agrees with the observed accuracy (expected calibration error below a bound).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate, classify, fitPlatt, fitTemperature, nll, reliability, softmax } from '../../../src/domain/classifier';
import { loadCorpus } from '../../bench/classifier.bench';
import { model2024 } from './helpers';

const m = model2024();

/** Deterministic PRNG for synthetic data. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('calibration', () => {
  it('the stored calibration is monotone: a higher top probability never gives a lower confidence', () => {
    const cal = m.config.calibration;
    expect(cal.temperature).toBeGreaterThan(0);
    expect(cal.slope).toBeGreaterThan(0);
    let prev = -1;
    for (let p = 0.01; p <= 0.99; p += 0.01) {
      const conf = calibrate(m, p);
      expect(conf).toBeGreaterThanOrEqual(prev);
      expect(conf).toBeGreaterThan(0);
      expect(conf).toBeLessThan(1);
      prev = conf;
    }
  });

  it('more evidence for the same indicator never lowers the confidence', () => {
    const base = 'Laporan pelayanan akta kelahiran jemput bola di sekolah.';
    const more = base + ' Disdukcapil menerbitkan kutipan akta kelahiran dan Kartu Identitas Anak bagi 300 anak.';
    const a = classify(m, { text: base });
    const b = classify(m, { text: more });
    expect(a.indicator).toBe('4');
    expect(b.indicator).toBe('4');
    expect(b.confidence).toBeGreaterThanOrEqual(a.confidence);
  });

  it('with acceptable indicators, the likelihood is theirs together', () => {
    const raw = [3, 2, 0, -1];
    const p = softmax(raw);
    expect(nll([{ raw, truth: 1 }], 1)).toBeCloseTo(-Math.log(p[1]), 9);
    expect(nll([{ raw, truth: 1, accept: [1, 0] }], 1)).toBeCloseTo(-Math.log(p[0] + p[1]), 9);
  });

  it('fits a known temperature back from synthetic scores', () => {
    const r = rng(1);
    const trueT = 2.5;
    const samples = Array.from({ length: 400 }, () => {
      const raw = Array.from({ length: 6 }, () => r() * 12);
      const p = softmax(raw.map((x) => x / trueT));
      let u = r();
      let truth = 0;
      while (truth < p.length - 1 && u > p[truth]) u -= p[truth++];
      return { raw, truth };
    });
    const t = fitTemperature(samples);
    expect(t).toBeGreaterThan(1.8);
    expect(t).toBeLessThan(3.4);
    expect(nll(samples, t)).toBeLessThanOrEqual(nll(samples, trueT) + 1e-6);
  });

  it('Platt scaling corrects an overconfident model', () => {
    const r = rng(2);
    // says p, is right with probability p^2 (overconfident)
    const pts = Array.from({ length: 2000 }, () => {
      const p = 0.5 + r() * 0.49;
      return { p, correct: r() < p * p };
    });
    const { slope, intercept } = fitPlatt(pts, 0.01);
    const conf = (p: number) => 1 / (1 + Math.exp(-(slope * Math.log(p / (1 - p)) + intercept)));
    expect(conf(0.95)).toBeLessThan(0.95);
    expect(Math.abs(conf(0.95) - 0.95 * 0.95)).toBeLessThan(0.05);
    expect(slope).toBeGreaterThan(0);
  });

  it('reliability bins and ECE', () => {
    const pts = [
      { confidence: 0.95, correct: true },
      { confidence: 0.95, correct: false },
      { confidence: 0.15, correct: false },
      { confidence: 1, correct: true },
    ];
    const r = reliability(pts, 10);
    expect(r.bins).toHaveLength(10);
    expect(r.bins.reduce((s, b) => s + b.count, 0)).toBe(4);
    expect(r.bins[9]).toMatchObject({ count: 3, accuracy: 0.6667 });
    // |0.6667-0.9667|*3/4 + |0-0.15|*1/4
    expect(r.ece).toBeCloseTo(0.3 * 0.75 + 0.15 * 0.25, 3);
  });

  it('on the labelled training corpus the confidence matches the accuracy (ECE < 0.08)', () => {
    const docs = loadCorpus(join(__dirname, '../../fixtures/classifier'));
    const pts = docs.map((d) => {
      const r = classify(m, { text: d.text, name: d.file });
      return { confidence: r.confidence, correct: r.indicator === d.indicator };
    });
    const { ece } = reliability(pts, 10);
    expect(ece).toBeLessThan(0.08);
    const accuracy = pts.filter((p) => p.correct).length / pts.length;
    const meanConf = pts.reduce((s, p) => s + p.confidence, 0) / pts.length;
    expect(Math.abs(accuracy - meanConf)).toBeLessThan(0.08);
  });
});
