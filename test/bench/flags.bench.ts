/**
 * The misfile flags' cost per link change (Bukti, Instrumen, Salah klaster):
 * `npm run --silent bench -- flags`.
 *
 * 1,000 documents of the tuning corpus (test/fixtures/classifier-real/tune), up to four links each
 * (3,786: an indicator with fewer questions links each once): to questions of the document's
 * labelled indicator, and every twentieth link (5 %) to a question of another cluster. Measured in
 * Node, on the pure part the screens run: the flags computed afresh for the whole workspace (what
 * every link change cost before, twice on Bukti), and the same kept per document (`FlagsMemo`),
 * where a link change recomputes only its document. Both must give the same flags.
 */
import { join } from 'node:path';
import { classify, type Classification } from '../../src/domain/classifier';
import { computeFlags, flagsView, FlagsMemo } from '../../src/domain/flags';
import type { EvidenceLink } from '../../src/domain/model';
import { parseRulesText } from '../../src/domain/rules/load';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { loadModel, loadReal, wrongPlace } from './classifier.bench';
import type { BenchContext } from './run';

const DOCS = 1000;
const LINKS_PER_DOC = 4;
const CHANGES = 40;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const round = (x: number) => Math.round(x * 100) / 100;

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export default async function bench(ctx: BenchContext): Promise<Record<string, unknown>> {
  const r = parseRulesText(readFileSync(join(ctx.root, 'scoring-rules/kla-2024.json'), 'utf8'), 'bench');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const rules = r.rules;
  const model = loadModel(ctx.root);
  const corpus = loadReal(join(ctx.root, 'test/fixtures/classifier-real/tune')).slice(0, DOCS);
  ctx.log(`flags: classifying ${corpus.length} documents…`);
  const docs: { id: string; classification: Classification }[] = corpus.map((d, i) => ({ id: `d${i}`, classification: classify(model, { text: '', pages: d.pageTexts, name: d.file }) }));
  const links: EvidenceLink[] = [];
  corpus.forEach((d, i) => {
    const own = rules.indicatorByCode.get(d.indicator)!.questions;
    for (let k = 0; k < LINKS_PER_DOC; k++) {
      const n = i * LINKS_PER_DOC + k;
      const wrong = n % 20 === 0 ? rules.indicatorByCode.get(wrongPlace(model, { file: d.file, group: model.indicators[model.indicatorIndex.get(d.indicator)!].group, indicator: d.indicator }, i).indicator)! : null;
      const code = (wrong ? wrong.questions[0] : own[k % own.length]).code;
      if (!links.some((l) => l.documentId === `d${i}` && l.code === code)) links.push({ id: `l${n}`, workspaceId: 'w', documentId: `d${i}`, code, createdAt: n });
    }
  });
  const whole = (ls: EvidenceLink[]) => flagsView(computeFlags(model, rules, docs, ls, []));
  const memo = new FlagsMemo();
  const kept = (ls: EvidenceLink[]) => flagsView(computeFlags(model, rules, docs, ls, [], memo));
  kept(links); // the first computation fills the memo

  // a link change: one document's link moved to another question, then back
  const fresh: number[] = [];
  const memoised: number[] = [];
  let same = true;
  for (let i = 0; i < CHANGES; i++) {
    const at = (i * 97) % links.length;
    const moved = links.map((l, j) => (j === at ? { ...l, code: rules.indicatorByCode.get('19')!.questions[0].code } : l));
    for (const ls of [moved, links]) {
      let a: ReturnType<typeof whole> | undefined;
      let b: ReturnType<typeof kept> | undefined;
      fresh.push(time(() => (a = whole(ls))));
      memoised.push(time(() => (b = kept(ls))));
      same &&= isDeepStrictEqual(a, b);
    }
  }
  const flagged = whole(links).open.length;
  ctx.log(`flags: ${links.length} links, ${flagged} flagged; afresh median ${round(median(fresh))} ms, kept ${round(median(memoised))} ms`);
  return {
    documents: docs.length,
    links: links.length,
    flagged,
    sameFlags: same,
    afreshMs: { median: round(median(fresh)), p95: round(p95(fresh)) },
    keptPerDocumentMs: { median: round(median(memoised)), p95: round(p95(memoised)), target: '< 16', met: p95(memoised) < 16 },
  };
}
