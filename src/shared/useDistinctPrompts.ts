import type { Rules } from '../domain/rules/load';
import { distinctPrompts } from './promptStems';
import { useFmt } from './useFmt';

/** Worked out once per rules file and language, for every screen that mentions a question on one line. */
const cache = new WeakMap<Rules, Map<string, Map<string, string>>>();

/** Each question's words on one line (what sets it apart from its neighbours; promptStems.ts). */
export function useDistinctPrompts(rules: Rules): Map<string, string> {
  const { lang, lt } = useFmt();
  let byLang = cache.get(rules);
  if (!byLang) cache.set(rules, (byLang = new Map()));
  let out = byLang.get(lang);
  if (!out) byLang.set(lang, (out = distinctPrompts(rules.indicators, (c) => lt(rules.questionByCode.get(c)!.prompt))));
  return out;
}
