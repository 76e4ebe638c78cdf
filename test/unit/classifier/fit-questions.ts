/**
 * Fit the question profiles (rules `classifier.questionProfiles`, issue 11 point 3): within each
 * indicator, which of its questions a document answers, learned from the tuning part's question
 * labels (`questionAccept`), and (with --write) store them in the rules file:
 *   npx tsx test/unit/classifier/fit-questions.ts [--folds] [--keys 40,80] [--weights 0.5,1,2] [--write]
 * A document is the TF-IDF unit vector of its question words (`questionKeys`: the words of the
 * question prompts, with the prompts' idf; `questionVector` in filing.ts). For each indicator a
 * softmax regression over its questions is fitted on the documents that accept one of them, the
 * target spread evenly over the accepted ones (L2 LAMBDA, EPOCHS full-batch steps); each question
 * keeps its KEYS weightiest words. `--folds` scores the tuning part's question top-3 (the bench's
 * measure: any accepted question among the three suggested within the first label's indicator)
 * with each writing batch's fold (BATCHES index modulo 6) scored by profiles fitted on the rest.
 * Six folds, 6 Dec 2026 (1,264 documents): prompts alone 0.851; learned profiles with the prompt
 * ranking as prior, weight 1: 0.951 at 60 words a question (QUESTIONS), 0.953 at 120, 0.956 with
 * every word (101,000 weights against 16,440); weights 0.5 and 2 a little lower. The held-out
 * part is never read here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify } from '../../../src/domain/classifier';
import { questionVector, suggestQuestions } from '../../../src/domain/classifier/filing';
import type { Model } from '../../../src/domain/classifier/model';
import { loadModel, loadReal } from '../../bench/classifier.bench';
import { FOLD_GROUPS, foldOf } from './fit-batches';
import { withBlock } from './fit-profiles';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RULES = join(ROOT, 'scoring-rules/kla-2024.json');
export const QUESTIONS = { lambda: 1e-3, epochs: 200, rate: 5, keys: 60, weight: 1 };

interface Row {
  file: string;
  question: string;
  questionAccept: string[];
  x: Map<string, number>;
  c: ReturnType<typeof classify>;
}

export function questionRows(model: Model, root = ROOT): Row[] {
  return loadReal(join(root, 'test/fixtures/classifier-real/tune')).map((d) => {
    const c = classify(model, { text: '', pages: d.pageTexts, name: d.file });
    return { file: d.file, question: d.question, questionAccept: d.questionAccept, x: questionVector(model, c.questionKeys), c };
  });
}

/** One indicator's softmax regression over its questions; each question's `keys` weightiest words. */
function fitIndicator(codes: string[], rows: Row[], o = QUESTIONS): Record<string, [string, number][]> {
  const mine = rows.filter((r) => r.questionAccept.some((q) => codes.includes(q)));
  if (!mine.length) return {};
  const vocab = [...new Set(mine.flatMap((r) => [...r.x.keys()]))];
  const at = new Map(vocab.map((k, i) => [k, i]));
  const X = mine.map((r) => ({ idx: [...r.x.keys()].map((k) => at.get(k)!), val: [...r.x.values()] }));
  const T = mine.map((r) => {
    const t = codes.map((q): number => (r.questionAccept.includes(q) ? 1 : 0));
    const sum = t.reduce((a, b) => a + b, 0);
    return t.map((v) => v / sum);
  });
  const W = codes.map(() => new Float64Array(vocab.length));
  const z = new Float64Array(codes.length);
  for (let ep = 0; ep < o.epochs; ep++) {
    const G = codes.map(() => new Float64Array(vocab.length));
    X.forEach(({ idx, val }, n) => {
      let max = -Infinity;
      for (let j = 0; j < codes.length; j++) {
        let s = 0;
        for (let t = 0; t < idx.length; t++) s += W[j][idx[t]] * val[t];
        z[j] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let j = 0; j < codes.length; j++) sum += (z[j] = Math.exp(z[j] - max));
      for (let j = 0; j < codes.length; j++) {
        const g = z[j] / sum - T[n][j];
        if (g) for (let t = 0; t < idx.length; t++) G[j][idx[t]] += g * val[t];
      }
    });
    for (let j = 0; j < codes.length; j++) for (let i = 0; i < vocab.length; i++) W[j][i] -= o.rate * (G[j][i] / X.length + o.lambda * W[j][i]);
  }
  const out: Record<string, [string, number][]> = {};
  codes.forEach((code, j) => {
    const kept = vocab
      .map((k, i) => [k, Math.round(W[j][i] * 1e4) / 1e4] as [string, number])
      .filter(([, w]) => w !== 0)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .slice(0, o.keys);
    if (kept.length) out[code] = kept;
  });
  return out;
}

export function fitQuestions(model: Model, rows: Row[], o = QUESTIONS): { weight: number; questions: Record<string, [string, number][]> } {
  const questions: Record<string, [string, number][]> = {};
  for (const ind of model.indicators) if (ind.questions.length > 1) Object.assign(questions, fitIndicator(ind.questions.map((q) => q.code), rows, o));
  return { weight: o.weight, questions };
}

/** The model with these question profiles (what compiling the rules with them gives). */
function withQuestionModel(model: Model, p: ReturnType<typeof fitQuestions>): Model {
  return { ...model, questionProfiles: { weight: p.weight, byQuestion: new Map(Object.entries(p.questions).map(([q, e]) => [q, new Map(e)])) } };
}

/** Question top-3 of the tuning part, each fold scored by profiles fitted on the other five. */
export function scoreFolds(model: Model, rows: Row[], keys: number[], weights: number[]): Record<string, number> {
  const hits: Record<string, number> = { prompts: 0 };
  let n = 0;
  for (let f = 0; f < FOLD_GROUPS.length; f++) {
    const test = rows.filter((r) => foldOf(r.file) === f);
    const train = rows.filter((r) => foldOf(r.file) !== f);
    const fits = keys.map((k) => fitQuestions(model, train, { ...QUESTIONS, keys: k }));
    for (const r of test) {
      const ind = r.question.split('.')[0];
      if (!model.indicatorIndex.has(ind)) continue;
      n++;
      const hit = (m: Model) => suggestQuestions(m, r.c, ind, 3).some((q) => r.questionAccept.includes(q));
      if (hit({ ...model, questionProfiles: null })) hits.prompts++;
      keys.forEach((k, i) => {
        for (const w of weights) {
          const name = `keys ${k}, weight ${w}`;
          if (hit(withQuestionModel(model, { ...fits[i], weight: w }))) hits[name] = (hits[name] ?? 0) + 1;
        }
      });
    }
  }
  return Object.fromEntries(Object.entries(hits).map(([k, v]) => [k, Math.round((v / n) * 1000) / 1000]));
}

/** The rules file with `questionProfiles` (one line per question) before `policy`. */
export function withQuestionProfiles(text: string, p: ReturnType<typeof fitQuestions>): string {
  const block = [
    `  "questionProfiles": {"weight": ${p.weight}, "questions": {`,
    Object.entries(p.questions)
      .map(([code, e]) => `    ${JSON.stringify(code)}: ${JSON.stringify(e)}`)
      .join(',\n'),
    `   }},`,
  ].join('\n');
  return withBlock(text, 'questionProfiles', block);
}

function main() {
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const list = (s: string | undefined, d: number[]) => (s ? s.split(',').map(Number) : d);
  const model = loadModel(ROOT);
  const rows = questionRows(model);
  if (process.argv.includes('--folds')) {
    console.log(JSON.stringify(scoreFolds(model, rows, list(arg('--keys'), [QUESTIONS.keys]), list(arg('--weights'), [QUESTIONS.weight])), null, 1));
  }
  if (process.argv.includes('--write')) {
    const p = fitQuestions(model, rows);
    writeFileSync(RULES, withQuestionProfiles(readFileSync(RULES, 'utf8'), p));
    console.log(`${Object.keys(p.questions).length} questions, ${Object.values(p.questions).reduce((a, e) => a + e.length, 0)} weights written to ${RULES}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
