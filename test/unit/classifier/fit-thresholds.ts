/**
 * The misfile check's thresholds against writing the classifier has not learned from (issue 11):
 * each tuning document is classified once by the profiles fitted without its writing batch
 * (cached in /tmp, collected again when the rules, the tuning labels or the variant change, or on
 * --collect), then every filing setting of a grid is scored on those
 * classifications as the bench scores a part (fit-batches.ts `tally`: top-1, false alarms,
 * near-miss recall and precision; --list prints the false alarms).
 *   npx tsx test/unit/classifier/fit-thresholds.ts [--collect] [--min 0.02,0.05,0.1] [--same 0.01,0.02] [--list]
 *     [--companions 'none;0.05,3,0.001'] (companion pairs: share, minimum count, probability)
 *     [--cache PATH] [--level-boost 1.25]
 * The held-out part is never read here.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelWith } from './fit-filing';
import { batchOf, BATCHES, emptyTally, numbers, outOfBatchClassifications, summary, tally, type Classified } from './fit-batches';
import { companionPairs, tuneLabels } from './fit-companions';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
/** --cache PATH: another cache (to compare a variant's classifications with today's). */
const CACHE = option('--cache') ?? '/tmp/siap-kla-fit/out-of-batch.json';
/** --level-boost X: collect with the village and kecamatan boost set to X (a variant to compare). */
const LEVEL_BOOST = option('--level-boost');

/**
 * What a cache was collected from: the rules file without its `filing` settings (they do not
 * change a classification), the tuning part's labels and the variant.
 */
export function fingerprint(): string {
  const h = createHash('sha256');
  const rules = JSON.parse(readFileSync(join(ROOT, 'scoring-rules/kla-2024.json'), 'utf8'));
  delete rules.classifier.filing;
  h.update(JSON.stringify(rules)).update(readFileSync(join(ROOT, 'test/fixtures/classifier-real/tune/labels.json')));
  return h.update(`level-boost ${LEVEL_BOOST ?? ''}`).digest('hex');
}

/** The cached rows, unless --collect or the rules, the tuning part or the variant changed since. */
function cached(): Classified[] | null {
  if (process.argv.includes('--collect') || !existsSync(CACHE)) return null;
  const c = JSON.parse(readFileSync(CACHE, 'utf8')) as { fingerprint?: string; rows?: Classified[] };
  return c.fingerprint === fingerprint() && c.rows ? c.rows : null;
}

function collect(): Classified[] {
  const rows = outOfBatchClassifications((rules) => {
    if (LEVEL_BOOST) for (const l of rules.classifier.levels) if (l.indicator) l.boost = Number(LEVEL_BOOST);
  });
  mkdirSync(dirname(CACHE), { recursive: true });
  writeFileSync(CACHE, JSON.stringify({ fingerprint: fingerprint(), rows }));
  return rows;
}

/** Companion settings to score: [share, minCount, probability] (fit-companions.ts), or none. */
type Companions = [number, number, number] | null;

/**
 * Every (minProbability, sameGroupProbability, companions) setting scored on the same
 * classifications. Companion pairs are counted without the batch being scored, as its profiles
 * were fitted without it.
 */
export function grid(rows: Classified[], minPs: number[], sames: number[], companions: Companions[] = [null]) {
  const json = JSON.parse(readFileSync(join(ROOT, 'scoring-rules/kla-2024.json'), 'utf8'));
  const labels = tuneLabels();
  const foldOf = (file: string) => BATCHES.findIndex((b) => b.includes(batchOf(file)));
  const folds = [...new Set(rows.map((r) => foldOf(r.file)))];
  return minPs.flatMap((minP) =>
    sames.flatMap((same) =>
      companions.map((comp) => {
        let t = emptyTally();
        for (const fold of folds) {
          const pairs = comp ? companionPairs(labels.filter((l) => foldOf(l.file) !== fold), comp[0], comp[1]) : [];
          const model = modelWith(json, (c) => {
            c.filing = { ...c.filing, minProbability: minP, sameGroupProbability: same };
            if (comp) c.filing.companions = { probability: comp[2], pairs };
            else delete c.filing.companions;
          });
          t = tally(model, rows.filter((r) => foldOf(r.file) === fold), t);
        }
        return { minP, same, companions: comp ? comp.join(',') : 'none', ...summary(t) };
      }),
    ),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = cached() ?? collect();
  const stray = rows.filter((r) => batchOf(r.file) === 'fixtures');
  if (stray.length) throw new Error(`unexpected rows: ${stray[0].file}`);
  // --companions none;0.05,3,0.001;...: companion settings (share, minCount, probability) to compare
  const companions = (option('--companions') ?? 'none').split(';').map((s) => (s === 'none' ? null : (s.split(',').map(Number) as [number, number, number])));
  for (const row of grid(rows, numbers('--min', '0.02,0.03,0.05,0.08,0.1'), numbers('--same', '0.01,0.02,0.05'), companions)) console.log(JSON.stringify(row));
}
