/**
 * The misfile check's thresholds against writing the classifier has not learned from (issue 11):
 * each tuning document is classified once by the profiles fitted without its writing batch
 * (cached in /tmp, collected again when the rules, the tuning labels or the variant change, or on
 * --collect), then every filing setting of a grid is scored on those
 * classifications as the bench scores a part: false alarms (a document filed under its own label
 * flagged), near-miss recall and precision.
 *   npx tsx test/unit/classifier/fit-thresholds.ts [--collect] [--min 0.02,0.05,0.1] [--same 0.01,0.02] [--list]
 *     [--cache PATH] [--level-boost 1.25]
 * The held-out part is never read here.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFiling, classify, type Classification } from '../../../src/domain/classifier';
import { modelWith } from './fit-filing';
import { batchOf, eachBatch, modelAt } from './fit-batches';
import { PROFILE_WEIGHT } from './fit-profiles';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
/** --cache PATH: another cache (to compare a variant's classifications with today's). */
const CACHE = option('--cache') ?? '/tmp/siap-kla-fit/out-of-batch.json';
/** --level-boost X: collect with the village and kecamatan boost set to X (a variant to compare). */
const LEVEL_BOOST = option('--level-boost');
/** --list: print each false alarm (file, label, answer). */
const LIST = process.argv.includes('--list');
interface Row {
  file: string;
  indicator: string;
  accept: string[];
  c: Classification;
}

/** What a cache was collected from: the rules file, the tuning part's labels and the variant. */
function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of ['scoring-rules/kla-2024.json', 'test/fixtures/classifier-real/tune/labels.json']) h.update(readFileSync(join(ROOT, f)));
  return h.update(`level-boost ${LEVEL_BOOST ?? ''}`).digest('hex');
}

/** The cached rows, unless --collect or the rules, the tuning part or the variant changed since. */
function cached(): Row[] | null {
  if (process.argv.includes('--collect') || !existsSync(CACHE)) return null;
  const c = JSON.parse(readFileSync(CACHE, 'utf8')) as { fingerprint?: string; rows?: Row[] };
  return c.fingerprint === fingerprint() && c.rows ? c.rows : null;
}

function collect(): Row[] {
  const rows: Row[] = [];
  eachBatch(
    false,
    (docs, profiles, json) => {
      const model = modelAt(json, profiles, json.classifier.calibration.temperature, PROFILE_WEIGHT);
      for (const d of docs) rows.push({ file: d.file, indicator: d.indicator, accept: d.accept, c: classify(model, { text: '', pages: d.pageTexts, name: d.file }) });
    },
    (rules) => {
      if (LEVEL_BOOST) for (const l of rules.classifier.levels) if (l.indicator) l.boost = Number(LEVEL_BOOST);
    },
  );
  mkdirSync(dirname(CACHE), { recursive: true });
  writeFileSync(CACHE, JSON.stringify({ fingerprint: fingerprint(), rows }));
  return rows;
}

export function grid(rows: Row[], minPs: number[], sames: number[]) {
  const json = JSON.parse(readFileSync(join(ROOT, 'scoring-rules/kla-2024.json'), 'utf8'));
  const out = [];
  for (const minP of minPs) {
    for (const same of sames) {
      const model = modelWith(json, (c) => (c.filing = { ...c.filing, minProbability: minP, sameGroupProbability: same }));
      const groupOf = (code: string) => model.indicators[model.indicatorIndex.get(code) ?? -1]?.group ?? '';
      let fp = 0;
      let near = 0;
      for (const r of rows) {
        if (checkFiling(model, r.c, { group: groupOf(r.indicator), indicator: r.indicator }).misfiled) {
          fp++;
          if (LIST) console.log(`  false alarm ${r.file}: filed ${r.indicator} (accept ${r.accept.join('|')}), got ${r.c.indicator} ${r.c.confidence}, level ${r.c.level}, kind ${r.c.kind}`);
        }
        const n = r.c.ranking.find((x) => x.group !== groupOf(r.indicator) && !r.accept.includes(x.indicator))!;
        if (checkFiling(model, r.c, { group: n.group, indicator: n.indicator }).misfiled) near++;
      }
      const r3 = (x: number) => Math.round(x * 1000) / 1000;
      out.push({ minP, same, n: rows.length, falseAlarms: fp, recallNearMiss: r3(near / rows.length), precisionNearMiss: r3(near / (near + fp)) });
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string, dflt: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt).split(',').map(Number);
  const rows = cached() ?? collect();
  const stray = rows.filter((r) => batchOf(r.file) === 'fixtures');
  if (stray.length) throw new Error(`unexpected rows: ${stray[0].file}`);
  const right = rows.filter((r) => r.accept.includes(r.c.indicator)).length;
  console.log(JSON.stringify({ documents: rows.length, top1: Math.round((right / rows.length) * 1000) / 1000 }));
  for (const row of grid(rows, arg('--min', '0.02,0.03,0.05,0.08,0.1'), arg('--same', '0.01,0.02,0.05'))) console.log(JSON.stringify(row));
}
