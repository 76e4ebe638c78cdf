import { scoreAnswers, validatePoints } from '../../domain/scoring';
import { loadRulesFile, readJson, takeOption, UsageError, type Command } from '../common';

/** kla score <answers.json> [--rules <rules.json>] */
export const score: Command = async (args, io) => {
  const rulesPath = takeOption(args, '--rules');
  if (args.length !== 1) throw new UsageError('score needs exactly one answers file');
  const rules = await loadRulesFile(rulesPath);
  const input = await readJson(args[0], 'answers file');
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
