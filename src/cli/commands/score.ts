import { pointsOf, verifyExchange } from '../../domain/exchange';
import type { Rules } from '../../domain/rules/load';
import { scoreAnswers, validatePoints } from '../../domain/scoring';
import { loadRulesFile, readJson, takeOption, UsageError, type Command } from '../common';
import { openExchangeFile, passphraseOption } from './verify';

/**
 * The points inside an exchange file, as `{code: points}`: the city's answers (for an evaluator
 * response, the evaluator's points), after the same verification as `kla verify`. The rules are
 * the ones the file carries unless --rules is given.
 */
async function pointsFromExchange(path: string, passphrase: string | undefined): Promise<{ input: unknown; rules: Rules | null }> {
  const report = await verifyExchange(await openExchangeFile(path), { passphrase });
  if (!report.ok || !report.exchange) {
    throw new UsageError(`${path}: not a valid exchange file:\n  ${report.problems.map((p) => `${p.code}: ${p.message}`).join('\n  ')}`);
  }
  const ex = report.exchange;
  return { input: pointsOf(ex.snapshot(), ex.manifest.createdBy.role), rules: ex.rules };
}

/** kla score <answers.json | file.kla> [--rules <rules.json>] [--passphrase <p>] */
export const score: Command = async (args, io) => {
  const rulesPath = takeOption(args, '--rules');
  const passphrase = passphraseOption(args);
  if (args.length !== 1) throw new UsageError('score needs exactly one answers file');
  let input: unknown;
  let rules: Rules;
  if (args[0].toLowerCase().endsWith('.kla')) {
    const fromFile = await pointsFromExchange(args[0], passphrase);
    input = fromFile.input;
    rules = rulesPath || !fromFile.rules ? await loadRulesFile(rulesPath) : fromFile.rules;
  } else {
    rules = await loadRulesFile(rulesPath);
    input = await readJson(args[0], 'answers file');
  }
  const { points, problems } = validatePoints(rules, input);
  if (problems.length) {
    throw new UsageError(`${args[0]}: ${problems.length} problem(s):\n  ${problems.map((p) => p.message).join('\n  ')}`);
  }
  const r = scoreAnswers(rules, points);
  io.out(
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
};
