/**
 * The misfile check's thresholds against writing the classifier has not learned from (issue 11):
 * each tuning document is classified once by the profiles fitted without its writing batch
 * (cached in /tmp, collected again when the rules, the tuning labels or the variant change, or on
 * --collect), then every filing setting of a grid is scored on those
 * classifications as the bench scores a part (fit-batches.ts `tally`: top-1, false alarms,
 * near-miss recall and precision; --list prints the false alarms).
 *   npx tsx test/unit/classifier/fit-thresholds.ts [--collect] [--min 0.02,0.05,0.1] [--same 0.01,0.02] [--list]
 *     [--cache PATH] [--level-boost 1.25]
 * The held-out part is never read here.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelWith } from './fit-filing';
import { batchOf, numbers, outOfBatchClassifications, summary, tally, type Classified } from './fit-batches';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
/** --cache PATH: another cache (to compare a variant's classifications with today's). */
const CACHE = option('--cache') ?? '/tmp/siap-kla-fit/out-of-batch.json';
/** --level-boost X: collect with the village and kecamatan boost set to X (a variant to compare). */
const LEVEL_BOOST = option('--level-boost');

/** What a cache was collected from: the rules file, the tuning part's labels and the variant. */
function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of ['scoring-rules/kla-2024.json', 'test/fixtures/classifier-real/tune/labels.json']) h.update(readFileSync(join(ROOT, f)));
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

/** Every (minProbability, sameGroupProbability) pair scored on the same classifications. */
export function grid(rows: Classified[], minPs: number[], sames: number[]) {
  const json = JSON.parse(readFileSync(join(ROOT, 'scoring-rules/kla-2024.json'), 'utf8'));
  return minPs.flatMap((minP) =>
    sames.map((same) => {
      const model = modelWith(json, (c) => (c.filing = { ...c.filing, minProbability: minP, sameGroupProbability: same }));
      return { minP, same, ...summary(tally(model, rows)) };
    }),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = cached() ?? collect();
  const stray = rows.filter((r) => batchOf(r.file) === 'fixtures');
  if (stray.length) throw new Error(`unexpected rows: ${stray[0].file}`);
  for (const row of grid(rows, numbers('--min', '0.02,0.03,0.05,0.08,0.1'), numbers('--same', '0.01,0.02,0.05'))) console.log(JSON.stringify(row));
}
