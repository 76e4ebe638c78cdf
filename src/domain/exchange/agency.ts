/**
 * Agency packs (issue 12): the city's questions for one agency (OPD), and the agency's response.
 *
 * A pack (`kind: 'agency-pack'`, made by the city) carries the workspace's identity and rules,
 * the questions assigned to the agency with their current answers and notes (never points), and
 * no evidence: an agency sees no other agency's documents. A response (`kind: 'agency-response'`,
 * made by the agency) carries the agency's answers (notes, data values, status; never points),
 * the documents it attached, their texts, and their links to its questions. The city's import
 * checks the codes again against its own assignments (src/db/agencyPack.ts).
 */
import type { Assignment } from '../model';
import type { Rules } from '../rules/load';
import type { ExchangeData } from './schema';

/** The question codes assigned to an agency: a workspace's assignment when there is one, else the rules' default. */
export function agencyCodes(rules: Rules, assignments: readonly Pick<Assignment, 'code' | 'agencies'>[], agencyId: string): string[] {
  const assigned = new Map(assignments.map((a) => [a.code, a.agencies]));
  return rules.indicators.flatMap((ind) => ind.questions.filter((q) => (assigned.get(q.code) ?? q.agencies).includes(agencyId)).map((q) => q.code));
}

/** What an agency file must not hold, in words (empty when it is fine or not an agency file). */
export function agencyProblems(data: ExchangeData, rules: Rules | null): string[] {
  if (data.kind !== 'agency-pack' && data.kind !== 'agency-response') return data.agency ? ['Only an agency pack or response names an agency.'] : [];
  const out: string[] = [];
  const agency = data.agency;
  if (!agency) return ['An agency file must name its agency.'];
  if (rules && !rules.agencies.some((a) => a.id === agency.id)) out.push(`The agency "${agency.id}" is not one of the rules' agencies.`);
  if (data.answers.some((a) => a.points !== null)) out.push('An agency file carries no points.');
  for (const [name, rows] of [['reviews', data.reviews], ['revisionItems', data.revisionItems], ['flagDismissals', data.flagDismissals]] as const) {
    if (rows.length) out.push(`An agency file carries no ${name}.`);
  }
  if (data.kind === 'agency-pack' && (data.documents.length || data.links.length)) out.push('An agency pack carries no documents: an agency sees no other agency\'s evidence.');
  if (rules) {
    const mine = new Set(agencyCodes(rules, data.assignments, agency.id));
    const foreign = [...data.answers.map((a) => a.code), ...data.links.map((l) => l.code)].filter((c) => !mine.has(c));
    if (foreign.length) out.push(`The file touches questions not assigned to ${agency.name || agency.id}: ${[...new Set(foreign)].slice(0, 5).join(', ')}.`);
  }
  return out;
}
