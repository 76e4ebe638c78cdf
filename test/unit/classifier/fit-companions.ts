/**
 * Indicators the evaluators accept together (issue 11): from the tuning part's labels, the pairs
 * [best, companion] where at least SHARE of the documents accepting `best` also accept
 * `companion`, seen at least MIN_COUNT times. The misfile check then accepts a companion of the
 * best reading whose probability reaches `filing.companions.probability` (filing.ts): a 21A
 * campaign run by a village is 26's evidence too, however sure the reading of 21A is.
 *   npx tsx test/unit/classifier/fit-companions.ts [--write]
 * Chosen out of batch on 952 tuning documents (fit-thresholds.ts --companions, each batch scored
 * with the pairs counted without it; docs/benchmarks.md). The held-out part is never read here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RULES = join(ROOT, 'scoring-rules/kla-2024.json');
export const SHARE = 0.05;
export const MIN_COUNT = 3;
export const PROBABILITY = 0.001;

export interface Labelled {
  file: string;
  accept: string[];
}

export const tuneLabels = (): Labelled[] => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/classifier-real/tune/labels.json'), 'utf8'));

/** The [best, companion] pairs of these labels, sorted. */
export function companionPairs(labels: Labelled[], share = SHARE, minCount = MIN_COUNT): [string, string][] {
  const n = new Map<string, number>();
  const together = new Map<string, number>();
  for (const { accept } of labels) {
    for (const a of accept) {
      n.set(a, (n.get(a) ?? 0) + 1);
      for (const b of accept) if (a !== b) together.set(`${a}>${b}`, (together.get(`${a}>${b}`) ?? 0) + 1);
    }
  }
  return [...together]
    .filter(([key, count]) => count >= minCount && count / n.get(key.split('>')[0])! >= share)
    .map(([key]) => key.split('>') as [string, string])
    .sort((x, y) => x.join('>').localeCompare(y.join('>'), 'en', { numeric: true }));
}

/** The rules file's text with `filing.companions` set (the filing object stands on one line). */
export function withCompanions(text: string, companions: { probability: number; pairs: [string, string][] }): string {
  const line = /\n(\s*)"filing": (\{.*\})(,?)\n/;
  const m = text.match(line);
  if (!m) throw new Error('no one-line "filing" object in the rules file');
  const filing = { ...JSON.parse(m[2]), companions };
  return text.replace(line, `\n${m[1]}"filing": ${JSON.stringify(filing).replace(/,"/g, ', "').replace(/":/g, '": ')}${m[3]}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pairs = companionPairs(tuneLabels());
  console.log(JSON.stringify({ share: SHARE, minCount: MIN_COUNT, probability: PROBABILITY, pairs: pairs.length }));
  console.log(pairs.map((p) => p.join('>')).join(' '));
  if (process.argv.includes('--write')) {
    writeFileSync(RULES, withCompanions(readFileSync(RULES, 'utf8'), { probability: PROBABILITY, pairs }));
    console.log('written to', RULES);
  }
}
