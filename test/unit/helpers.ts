import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRulesText, type Rules } from '../../src/domain/rules/load';

export const RULES_PATH = fileURLToPath(new URL('../../scoring-rules/kla-2024.json', import.meta.url));
export const rulesText = (): string => readFileSync(RULES_PATH, 'utf8');
export const rulesJson = (): any => JSON.parse(rulesText());

export function loadRules2024(): Rules {
  const r = parseRulesText(rulesText(), 'test-hash');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.rules;
}

/** Every question at its maximum. */
export function allMax(rules: Rules): Map<string, number> {
  return new Map([...rules.questionByCode.values()].map((q) => [q.code, q.maxPoints]));
}
