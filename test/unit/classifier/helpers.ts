/** Shared set-up for the classifier tests: the 2024 rules compiled once. */
import { compileModel, type Model } from '../../../src/domain/classifier';
import { loadRules2024, rulesJson } from '../helpers';
import { parseRules } from '../../../src/domain/rules/load';

let cached: Model | undefined;

export function model2024(): Model {
  cached ??= compileModel(loadRules2024());
  return cached;
}

/** Compile a modified copy of the 2024 rules (the change is applied to the parsed JSON). */
export function modelWith(change: (json: any) => void): Model {
  const j = rulesJson();
  change(j);
  const r = parseRules(j, 'test');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return compileModel(r.rules);
}
