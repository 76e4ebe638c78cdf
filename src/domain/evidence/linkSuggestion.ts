/**
 * Where the reading says a document belongs, as something to link by: the indicator, its best
 * questions, and how sure the reading is in words (the officer decides; "ragu" is never linked
 * without her ticking it).
 */
import type { Classification } from '../classifier/classify';
import { suggestQuestions } from '../classifier/filing';
import type { Model } from '../classifier/model';

export type Certainty = 'sure' | 'likely' | 'unsure';

export interface LinkSuggestion {
  group: string;
  indicator: string;
  /** Best questions of the indicator, best first. */
  questions: string[];
  certainty: Certainty;
  confidence: number;
}

/** Thresholds on the calibrated probability of the best indicator. */
export const SURE = 0.9;
export const LIKELY = 0.6;

export function certaintyOf(confidence: number): Certainty {
  return confidence >= SURE ? 'sure' : confidence >= LIKELY ? 'likely' : 'unsure';
}

/** Null when the document has no reading to go by (no text, no indicator). */
export function linkSuggestion(model: Model, c: Classification | null | undefined, n = 3): LinkSuggestion | null {
  if (!c?.indicator) return null;
  // no word of any indicator's vocabulary: the ranking is the prior alone (the eleventh walk:
  // "a,b / 1,2" suggested 2.1, "ragu"), nothing to suggest from
  if (c.evidence && c.evidence.length === 0) return null;
  const questions = suggestQuestions(model, c, c.indicator, n);
  if (!questions.length) return null;
  return { group: c.group, indicator: c.indicator, questions, certainty: certaintyOf(c.confidence), confidence: c.confidence };
}
