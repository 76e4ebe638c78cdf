import type { AgencyName } from '../domain/evidence/agency';
import type { Model } from '../domain/classifier/model';
import type { Rules } from '../domain/rules/load';

/**
 * A rules file's classifier model and agency names, for a worker (loaded on first use, so a
 * worker that never classifies never loads the classifier). The model is null when the rules do
 * not parse or hold no classifier knowledge: documents then stay unclassified. `rules` is the
 * parsed file (null when it does not parse).
 */
export async function compileRulesText(text: string, hash: string): Promise<{ model: Model | null; agencies: AgencyName[]; rules: Rules | null }> {
  const [{ parseRulesText }, { compileModel }] = await Promise.all([import('../domain/rules/load'), import('../domain/classifier/model')]);
  const r = parseRulesText(text, hash);
  if (!r.ok) return { model: null, agencies: [], rules: null };
  try {
    return { model: compileModel(r.rules), agencies: r.rules.agencies, rules: r.rules };
  } catch {
    return { model: null, agencies: r.rules.agencies, rules: r.rules };
  }
}
