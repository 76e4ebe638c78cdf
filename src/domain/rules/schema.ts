/**
 * The schema of a scoring-rules file (one instrument year as data).
 *
 * Every rules file is validated against this schema *and* the cross-field checks in
 * `validateRules` before anything uses it. A file with any problem is refused whole: the caller
 * gets every problem as `path: message` (e.g. `indicators[3].questions[2].maxPoints: must be >= 0`)
 * and no partially usable object.
 */
import { z } from 'zod';

export const RULES_FORMAT_VERSION = 1;

/** A text in both UI languages. Indonesian first: it is the language of the instrument. */
export const LocalText = z.object({
  id: z.string().min(1),
  en: z.string().min(1),
});
export type LocalText = z.infer<typeof LocalText>;

const points = z.number().min(0).max(1000);

export const GroupId = z.string().regex(/^[A-Z][A-Z0-9]{1,3}$/, 'must be 2-4 capital letters/digits, e.g. "K1"');

export const Question = z.object({
  /** Official code, `<indicator>.<question>`, e.g. `1.2a`, `21A.3`. */
  code: z.string().regex(/^[0-9]+[A-Z]?\.[0-9]+[a-z]{0,2}$/, 'must look like "<indicator>.<question>", e.g. "1.2a"'),
  prompt: LocalText,
  maxPoints: points,
  /** Ids from `agencies` that supply the data for this question. */
  agencies: z.array(z.string().min(1)),
  /** Answered by every kecamatan (sub-district). */
  forKecamatan: z.boolean(),
  /** Answered by every desa/kelurahan (village). */
  forDesa: z.boolean(),
});
export type Question = z.infer<typeof Question>;

/** Per-indicator knowledge for the document classifier (issue 4); optional so a year can start without it. */
export const IndicatorVocabulary = z.object({
  /** Words and phrases typical of evidence for this indicator, with weights (default 1). */
  terms: z.array(z.union([z.string().min(1), z.tuple([z.string().min(1), z.number().positive()])])),
  /** Document kinds that count as evidence here (e.g. "regulation", "report"); empty = any. */
  kinds: z.array(z.string().min(1)).optional(),
});

export const Indicator = z.object({
  /** Official code: `1` ... `20`, `21A` ... `24B`, `25`, `26`. */
  code: z.string().regex(/^[0-9]+[A-Z]?$/, 'must be a number with an optional capital letter, e.g. "21A"'),
  group: GroupId,
  title: LocalText,
  maxPoints: points,
  questions: z.array(Question).min(1),
  vocabulary: IndicatorVocabulary.optional(),
});
export type Indicator = z.infer<typeof Indicator>;

export const Group = z.object({
  id: GroupId,
  name: LocalText,
  short: LocalText,
});
export type Group = z.infer<typeof Group>;

export const Agency = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1),
  fullName: z.string().min(1),
});
export type Agency = z.infer<typeof Agency>;

/**
 * How a decimal score falls into integer-written bands (the source writes Pratama 500-600,
 * Madya 601-700 while scores are decimals):
 * - `above-previous-max`: a band starts just above the previous band's `max` (600 is Pratama,
 *   600.25 is Madya). The first band starts at its own `min`. Default.
 * - `at-previous-max`: a band starts at the previous band's `max` (600 is Madya).
 * - `integer-floor`: the score is rounded down to an integer and compared with [min, max].
 */
export const BandRule = z.enum(['above-previous-max', 'at-previous-max', 'integer-floor']);
export type BandRule = z.infer<typeof BandRule>;

export const Band = z.object({
  id: z.string().regex(/^[a-z]+$/),
  label: LocalText,
  min: points,
  max: points,
});
export type Band = z.infer<typeof Band>;

export const Bands = z.object({
  rule: BandRule,
  /** The smallest step a score moves by (0.25 in 2024): "points to next band" is exact under it. */
  step: z.number().positive().max(1),
  /** What a score below the first band is called. */
  none: z.object({ id: z.literal('none'), label: LocalText }),
  items: z.array(Band).min(1),
});
export type Bands = z.infer<typeof Bands>;

export const RulesFile = z.object({
  formatVersion: z.literal(RULES_FORMAT_VERSION),
  id: z.string().regex(/^[a-z0-9-]+$/),
  year: z.number().int().min(2000).max(2100),
  title: LocalText,
  /** Sum of the indicator maxima; checked. */
  maxTotal: z.number().positive(),
  groups: z.array(Group).min(1),
  agencies: z.array(Agency),
  indicators: z.array(Indicator).min(1),
  bands: Bands,
  /** Classifier knowledge shared by all indicators (issue 4). Free-form here, checked by the classifier. */
  classifier: z.record(z.string(), z.unknown()).optional(),
});
export type RulesFile = z.infer<typeof RulesFile>;
