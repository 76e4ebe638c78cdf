/**
 * An agency's copy (Mode OPD) answers for its own questions only: the codes it holds, and its link
 * suggestions cut to them. The sixth walk's Dispora clicked "Tautkan" on a suggestion for 11.2,
 * not its question: nothing happened on screen and the console showed the refusal.
 */
import { useMemo } from 'react';
import type { LinkSuggestion } from '../domain/evidence/linkSuggestion';
import { agencyOf } from '../domain/progress';
import { useWorkspace } from './workspace';

/** The questions of an agency's copy (its pack's or the hub's), or null in the city's workspace. */
export function useOwnCodes(): ReadonlySet<string> | null {
  const { ws, rules, assignments } = useWorkspace();
  return useMemo(() => {
    if (ws.role !== 'agency' || !ws.agency) return null;
    const id = ws.agency.id;
    // a copy made before packs named their questions: the assignments it came with
    return new Set(ws.agency.codes ?? [...rules.questionByCode.keys()].filter((c) => agencyOf(rules, assignments, c).includes(id)));
  }, [ws, rules, assignments]);
}

/** A suggestion cut to the agency's own questions (unchanged in the city's workspace); null when none is left. */
export function ownSuggestion(s: LinkSuggestion | null, own: ReadonlySet<string> | null): LinkSuggestion | null {
  if (!s || !own) return s;
  const questions = s.questions.filter((q) => own.has(q));
  return questions.length ? { ...s, questions } : null;
}
