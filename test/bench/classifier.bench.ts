/**
 * Classifier quality and speed (issue 4): `npm run --silent bench -- classifier`.
 *
 * For the labelled training corpus (test/fixtures/classifier, "fixtures") and the holdout corpus
 * that the classifier's author never reads (test/fixtures/classifier-holdout, "holdout"):
 * - group accuracy, indicator accuracy top-1 and top-3;
 * - misfile precision/recall: every document is filed once in its labelled place and once in a
 *   wrong one (an indicator of another group, rotating through the groups and their indicators
 *   deterministically). A "misfiled" verdict on the wrong filing is a true positive, on the right
 *   filing a false positive;
 * - calibration: confidence bins against observed indicator accuracy, and the expected
 *   calibration error;
 * - speed: classifying 1,000 documents' text (cycling the corpus), target < 1 s.
 * Targets for unseen documents (issue 4) are checked on the holdout corpus; the same figures are
 * shown for the fixtures for comparison.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFiling, classify, compileModel, reliability, suggestQuestions, type Model } from '../../src/domain/classifier';
import { parseRulesText } from '../../src/domain/rules/load';
import type { BenchContext } from './run';

export interface Label {
  file: string;
  group: string;
  indicator: string;
  kind?: string;
  hard?: string;
}

export interface LabelledDoc extends Label {
  text: string;
}

export function loadCorpus(dir: string): LabelledDoc[] {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Label[];
  return labels.map((l) => ({ ...l, text: readFileSync(join(dir, 'docs', l.file), 'utf8') }));
}

export function loadModel(root: string): Model {
  const r = parseRulesText(readFileSync(join(root, 'scoring-rules/kla-2024.json'), 'utf8'), 'bench');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return compileModel(r.rules);
}

/** The deterministic wrong place for document i: an indicator of another group. */
export function wrongPlace(model: Model, label: Label, i: number): { group: string; indicator: string } {
  const groups = model.groups;
  const gi = groups.indexOf(label.group);
  const g = groups[(gi + 1 + (i % (groups.length - 1))) % groups.length];
  const inds = model.indicators.filter((x) => x.group === g);
  return { group: g, indicator: inds[i % inds.length].code };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function evaluate(model: Model, docs: LabelledDoc[]) {
  let group = 0;
  let top1 = 0;
  let top3 = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const points: { confidence: number; correct: boolean }[] = [];
  const errors: { file: string; label: string; got: string; confidence: number; top3: string[] }[] = [];
  const falseAlarms: string[] = [];
  docs.forEach((d, i) => {
    const c = classify(model, { text: d.text, name: d.file });
    if (c.group === d.group) group++;
    if (c.indicator === d.indicator) top1++;
    const t3 = c.ranking.slice(0, 3).map((r) => r.indicator);
    if (t3.includes(d.indicator)) top3++;
    points.push({ confidence: c.confidence, correct: c.indicator === d.indicator });
    if (c.indicator !== d.indicator) errors.push({ file: d.file, label: `${d.group}/${d.indicator}`, got: `${c.group}/${c.indicator}`, confidence: c.confidence, top3: t3 });
    if (checkFiling(model, c, { group: d.group, indicator: d.indicator }).misfiled) {
      fp++;
      falseAlarms.push(`${d.file} (${d.indicator} -> ${c.indicator})`);
    }
    if (checkFiling(model, c, wrongPlace(model, d, i)).misfiled) tp++;
    else fn++;
  });
  const n = docs.length || 1;
  const cal = reliability(points, 10);
  return {
    documents: docs.length,
    groupAccuracy: r3(group / n),
    indicatorTop1: r3(top1 / n),
    indicatorTop3: r3(top3 / n),
    misfile: { precision: r3(tp / Math.max(1, tp + fp)), recall: r3(tp / Math.max(1, tp + fn)), truePositives: tp, falsePositives: fp, falseNegatives: fn },
    calibration: { ece: cal.ece, bins: cal.bins.filter((b) => b.count > 0) },
    errors,
    falseAlarms,
  };
}

const target = (value: number, min: number) => ({ value, target: `>= ${min}`, met: value >= min });

/** A document of the real-world-shaped corpus (test/fixtures/classifier-real/README.md). */
export interface RealLabel {
  file: string;
  indicator: string;
  accept: string[];
  question: string;
  questionAccept: string[];
  level: string;
  issuer: string;
  kind: string;
  hard: string;
  pages?: { from: number; to: number; indicator: string; question: string }[];
}

export function loadReal(dir: string): (RealLabel & { pageTexts: string[] })[] {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as RealLabel[];
  return labels.map((l) => ({ ...l, pageTexts: readFileSync(join(dir, 'docs', l.file), 'utf8').split(/\n?\f\n?/) }));
}

/**
 * Issue 11's figures on a real-world-shaped part: indicator top-1 counted right when it is any
 * indicator an evaluator accepts; top-3 (the labelled indicator among the first three); question
 * top-3 within the question's indicator (any fully answered question counts), and within the
 * indicator the classifier suggests when that one is acceptable (what the app offers); misfile precision
 * and recall with two wrong filings per document, a random one (an indicator of another group,
 * none it is acceptable under) and a near miss (the classifier's own best guess outside the
 * document's group and outside what it is acceptable under: the wrong place that looks most
 * right); and page placement on multi-topic documents: each labelled page range is placed when
 * the classification's page runs (Classification.pages) name its indicator there.
 */
export function evaluateReal(model: Model, docs: (RealLabel & { pageTexts: string[] })[]) {
  const groupOf = (code: string) => model.indicators[model.indicatorIndex.get(code) ?? -1]?.group ?? '';
  let top1 = 0;
  let top3 = 0;
  let qTop3 = 0;
  let qDocs = 0;
  // what the app offers: the questions of the indicator it suggests, when that one is acceptable
  // (every accepted indicator names a question that counts the document: LABEL-POLICY.md)
  const asSuggested = { n: 0, right: 0 };
  const flags = { random: { tp: 0, fn: 0 }, nearMiss: { tp: 0, fn: 0 }, fp: 0 };
  // filings inside the document's own cluster: how many are flagged, and how many false alarms the
  // document's best reading sits in its own cluster for (filing.sameGroupProbability decides both)
  const sameCluster = { filings: 0, flagged: 0, falseAlarms: 0 };
  let ranges = 0;
  let placed = 0;
  // of the placed ranges with a labelled question: that question among the top 3 suggested from
  // the run's own words (what the app offers), and from the whole document's (before 4 Dec 2026)
  const pageQ = { n: 0, runWords: 0, documentWords: 0 };
  const errors: { file: string; label: string; got: string; hard: boolean }[] = [];
  const confidences: { confidence: number; correct: boolean }[] = [];
  const byHard = { hard: { n: 0, right: 0 }, ordinary: { n: 0, right: 0 } };
  docs.forEach((d, i) => {
    const c = classify(model, { text: '', pages: d.pageTexts, name: d.file });
    const right = d.accept.includes(c.indicator);
    confidences.push({ confidence: c.confidence, correct: right });
    if (right) {
      top1++;
      asSuggested.n++;
      if (suggestQuestions(model, c, c.indicator, 3).some((q) => d.questionAccept.includes(q))) asSuggested.right++;
    } else errors.push({ file: d.file, label: d.accept.join('|'), got: c.indicator, hard: !!d.hard });
    const h = d.hard ? byHard.hard : byHard.ordinary;
    h.n++;
    if (right) h.right++;
    if (c.ranking.slice(0, 3).some((r) => r.indicator === d.indicator)) top3++;
    const qInd = d.question.split('.')[0];
    if (model.indicatorIndex.has(qInd)) {
      qDocs++;
      if (suggestQuestions(model, c, qInd, 3).some((q) => d.questionAccept.includes(q))) qTop3++;
    }
    if (checkFiling(model, c, { group: groupOf(d.indicator), indicator: d.indicator }).misfiled) {
      flags.fp++;
      if (c.group === groupOf(d.indicator)) sameCluster.falseAlarms++;
    }
    // a filing inside the document's own cluster, under the indicator that looks most right there
    // among those it is not acceptable under: the random and near-miss filings never measure this
    const inside = c.ranking.find((r) => r.group === groupOf(d.indicator) && !d.accept.includes(r.indicator));
    if (inside) {
      sameCluster.filings++;
      if (checkFiling(model, c, { group: inside.group, indicator: inside.indicator }).misfiled) sameCluster.flagged++;
    }
    const elsewhere = model.indicators.filter((x) => x.group !== groupOf(d.indicator) && !d.accept.includes(x.code));
    const random = elsewhere[i % elsewhere.length];
    const near = c.ranking.find((r) => r.group !== groupOf(d.indicator) && !d.accept.includes(r.indicator))!;
    for (const [kind, place] of [['random', random], ['nearMiss', { group: near.group, code: near.indicator }]] as const) {
      const f = checkFiling(model, c, { group: place.group, indicator: place.code });
      if (f.misfiled) flags[kind].tp++;
      else flags[kind].fn++;
    }
    // placed: a run of pages the classification names covers the range with its indicator (or,
    // for a range about the document's own indicator, the document says so)
    for (const r of d.pages ?? []) {
      ranges++;
      const named = (c.pages ?? []).some((s) => s.indicator === r.indicator && s.from <= r.to && s.to >= r.from);
      if (named || (r.indicator === c.indicator && !(c.pages ?? []).some((s) => s.from <= r.to && s.to >= r.from && s.indicator !== r.indicator))) placed++;
      const run = (c.pages ?? []).find((s) => s.indicator === r.indicator && s.from <= r.to && s.to >= r.from);
      if (!run || !r.question) continue;
      pageQ.n++;
      if (suggestQuestions(model, { level: c.level, questionKeys: run.questionKeys ?? c.questionKeys }, r.indicator, 3).includes(r.question)) pageQ.runWords++;
      if (suggestQuestions(model, c, r.indicator, 3).includes(r.question)) pageQ.documentWords++;
    }
  });
  const n = docs.length || 1;
  const tpAll = flags.random.tp + flags.nearMiss.tp;
  return {
    documents: docs.length,
    hardDocuments: byHard.hard.n,
    indicatorTop1AnyAcceptable: r3(top1 / n),
    indicatorTop1Hard: r3(byHard.hard.right / Math.max(1, byHard.hard.n)),
    indicatorTop1Ordinary: r3(byHard.ordinary.right / Math.max(1, byHard.ordinary.n)),
    indicatorTop3: r3(top3 / n),
    questionTop3: r3(qTop3 / Math.max(1, qDocs)),
    questionTop3AsSuggested: { documents: asSuggested.n, top3: r3(asSuggested.right / Math.max(1, asSuggested.n)) },
    misfile: {
      precision: r3(tpAll / Math.max(1, tpAll + 2 * flags.fp)),
      precisionRandom: r3(flags.random.tp / Math.max(1, flags.random.tp + flags.fp)),
      precisionNearMiss: r3(flags.nearMiss.tp / Math.max(1, flags.nearMiss.tp + flags.fp)),
      recallRandom: r3(flags.random.tp / n),
      recallNearMiss: r3(flags.nearMiss.tp / n),
      falseAlarms: flags.fp,
      sameCluster: { filings: sameCluster.filings, recall: r3(sameCluster.flagged / Math.max(1, sameCluster.filings)), falseAlarmsReadInOwnCluster: sameCluster.falseAlarms },
    },
    pagePlacement: { ranges, placed, accuracy: r3(placed / Math.max(1, ranges)) },
    pageQuestionTop3: { ranges: pageQ.n, runWords: r3(pageQ.runWords / Math.max(1, pageQ.n)), documentWords: r3(pageQ.documentWords / Math.max(1, pageQ.n)) },
    // is "0.9" right 9 times in 10 (any acceptable indicator counting as right)?
    calibration: (({ ece, bins }) => ({ ece, bins: bins.filter((b) => b.count > 0) }))(reliability(confidences)),
    errors,
  };
}

export default async function bench(ctx: BenchContext): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const model = loadModel(ctx.root);
  const compileMs = Math.round(performance.now() - t0);
  const result: Record<string, unknown> = { compileMs };

  const fixtures = loadCorpus(join(ctx.root, 'test/fixtures/classifier'));
  const corpora: [string, string][] = [
    ['fixtures', 'test/fixtures/classifier'],
    ['holdout', 'test/fixtures/classifier-holdout'],
    // written by a different author in other styles and never read while tuning: the best
    // estimate of how the classifier does on documents it has never seen
    ['blind', 'test/fixtures/classifier-blind'],
  ];
  for (const [name, dir] of corpora) {
    const path = join(ctx.root, dir);
    if (!existsSync(join(path, 'labels.json'))) {
      result[name] = { missing: dir };
      continue;
    }
    const docs = name === 'fixtures' ? fixtures : loadCorpus(path);
    const e = evaluate(model, docs);
    ctx.log(`classifier: ${name}: group ${e.groupAccuracy}, top1 ${e.indicatorTop1}, top3 ${e.indicatorTop3}`);
    result[name] = {
      ...e,
      // the holdout's mistakes are reported by file only: its texts stay unseen
      errors: name !== 'fixtures' ? e.errors.map((x) => ({ file: x.file, label: x.label, got: x.got })) : e.errors,
      targets: {
        groupAccuracy: target(e.groupAccuracy, 0.95),
        indicatorTop3: target(e.indicatorTop3, 0.9),
        misfilePrecision: target(e.misfile.precision, 0.95),
        misfileRecall: target(e.misfile.recall, 0.9),
      },
    };
  }

  // issue 11: the real-world-shaped corpus, its tuning part and its held-out part
  for (const [name, dir] of [
    ['realTune', 'test/fixtures/classifier-real/tune'],
    ['realHeldout', 'test/fixtures/classifier-real/heldout'],
  ] as const) {
    const path = join(ctx.root, dir);
    if (!existsSync(join(path, 'labels.json'))) {
      result[name] = { missing: dir };
      continue;
    }
    const e = evaluateReal(model, loadReal(path));
    ctx.log(`classifier: ${name}: top1 (any acceptable) ${e.indicatorTop1AnyAcceptable}, question top3 ${e.questionTop3}, misfile precision ${e.misfile.precision}, pages ${e.pagePlacement.accuracy}`);
    result[name] = {
      ...e,
      // the held-out part's mistakes by file only: its texts stay unseen
      errors: name === 'realHeldout' ? e.errors.map((x) => x.file) : e.errors,
      targets: {
        indicatorTop1AnyAcceptable: target(e.indicatorTop1AnyAcceptable, 0.95),
        questionTop3: target(e.questionTop3, 0.85),
        misfilePrecisionRandom: target(e.misfile.precisionRandom, 0.97),
        misfilePrecisionNearMiss: target(e.misfile.precisionNearMiss, 0.97),
      },
    };
  }

  // Speed: 1,000 documents' text, cycling the training corpus (after a warm-up).
  // After a warm-up (the JIT compiles the hot paths). Wall time is the figure; CPU time is shown
  // too, since a busy machine inflates wall time.
  for (let i = 0; i < 1000; i++) classify(model, { text: fixtures[i % fixtures.length].text, name: fixtures[i % fixtures.length].file });
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  let chars = 0;
  for (let i = 0; i < 1000; i++) {
    const d = fixtures[i % fixtures.length];
    chars += d.text.length;
    classify(model, { text: d.text, name: d.file });
  }
  const ms = performance.now() - t1;
  const cpu = process.cpuUsage(c1);
  result.speed = { documents: 1000, characters: chars, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), target: '< 1000 ms', met: ms < 1000 };
  return result;
}
