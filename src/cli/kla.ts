#!/usr/bin/env node
/**
 * `kla`: the command line over the same domain code as the app.
 *
 *   npm run --silent kla -- score <answers.json> [--rules <rules.json>]
 *
 * Exit status: 0 ok; 1 a command ran but found problems (e.g. `classify` with an unreadable file);
 * 2 bad input or usage (nothing useful printed on stdout).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadRulesText, type Rules } from '../domain/rules/load';
import { scoreAnswers, validatePoints } from '../domain/scoring';

export const DEFAULT_RULES = fileURLToPath(new URL('../../scoring-rules/kla-2024.json', import.meta.url));

class UsageError extends Error {}

const USAGE = `Usage:
  kla score <answers.json> [--rules <rules.json>]   score {"<code>": points, ...}; prints JSON
Exit status: 0 ok, 1 problems found, 2 bad input.`;

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return v;
}

export async function loadRulesFile(path: string): Promise<Rules> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read rules file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const res = await loadRulesText(text);
  if (!res.ok) throw new UsageError(`rules file ${path} is invalid:\n  ${res.errors.join('\n  ')}`);
  return res.rules;
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

async function cmdScore(args: string[], out: (s: string) => void): Promise<number> {
  const rulesPath = takeOption(args, '--rules') ?? DEFAULT_RULES;
  if (args.length !== 1) throw new UsageError('score needs exactly one answers file');
  const rules = await loadRulesFile(rulesPath);
  const input = await readJson(args[0], 'answers file');
  const { points, problems } = validatePoints(rules, input);
  if (problems.length) {
    throw new UsageError(`${args[0]}: ${problems.length} problem(s):\n  ${problems.map((p) => p.message).join('\n  ')}`);
  }
  const r = scoreAnswers(rules, points);
  out(
    JSON.stringify({
      rules: r.rules,
      total: r.total,
      max: r.max,
      band: { id: r.band.id, label: r.band.label.id },
      nextBand: r.nextBand && { id: r.nextBand.id, pointsNeeded: r.nextBand.pointsNeeded },
      groups: r.groups,
      indicators: r.indicators.map((i) => ({ code: i.code, score: i.score, max: i.max })),
    }),
  );
  return 0;
}

export async function main(argv: string[], out = (s: string) => process.stdout.write(s + '\n'), err = (s: string) => process.stderr.write(s + '\n')): Promise<number> {
  const [cmd, ...args] = argv;
  try {
    switch (cmd) {
      case 'score':
        return await cmdScore(args, out);
      case undefined:
      case '-h':
      case '--help':
        out(USAGE);
        return cmd ? 0 : 2;
      default:
        throw new UsageError(`unknown command "${cmd}"\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`kla: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
