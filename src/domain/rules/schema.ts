/**
 * The schema of a scoring-rules file (one instrument year as data).
 *
 * Every rules file is validated against this schema *and* the cross-field checks in
 * `parseRules` (load.ts) before anything uses it. Valibot: well kept, typed, and tree-shakes to a
 * few KB, where zod added ~30 KB gzip to the start-up bundle (budget 150 KB). A file with any problem is refused whole: the caller
 * gets every problem as `path: message` (e.g. `indicators[3].questions[2].maxPoints: must be >= 0`)
 * and no partially usable object.
 */
import * as v from 'valibot';

export const RULES_FORMAT_VERSION = 1;

/** A text in both UI languages. Indonesian first: it is the language of the instrument. */
const text = v.pipe(v.string(), v.minLength(1));
export const LocalText = v.object({ id: text, en: text });
export type LocalText = v.InferOutput<typeof LocalText>;

const points = v.pipe(v.number(), v.minValue(0), v.maxValue(1000));

export const GroupId = v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9]{1,3}$/, 'must be 2-4 capital letters/digits, e.g. "K1"'));

export const Question = v.object({
  /** Official code, `<indicator>.<question>`, e.g. `1.2a`, `21A.3`. */
  code: v.pipe(v.string(), v.regex(/^[0-9]+[A-Z]?\.[0-9]+[a-z]{0,2}$/, 'must look like "<indicator>.<question>", e.g. "1.2a"')),
  prompt: LocalText,
  maxPoints: points,
  /** Ids from `agencies` that supply the data for this question. */
  agencies: v.array(text),
  /** Answered by every kecamatan (sub-district). */
  forKecamatan: v.boolean(),
  /** Answered by every desa/kelurahan (village). */
  forDesa: v.boolean(),
});
export type Question = v.InferOutput<typeof Question>;

/** Per-indicator knowledge for the document classifier (issue 4); optional so a year can start without it. */
export const IndicatorVocabulary = v.object({
  /** Words and phrases typical of evidence for this indicator, with weights (default 1). */
  terms: v.array(v.union([text, v.tuple([text, v.pipe(v.number(), v.gtValue(0))])])),
  /** Document kinds that count as evidence here (e.g. "regulation", "report"); empty = any. */
  kinds: v.optional(v.array(text)),
});

export const Indicator = v.object({
  /** Official code: `1` ... `20`, `21A` ... `24B`, `25`, `26`. */
  code: v.pipe(v.string(), v.regex(/^[0-9]+[A-Z]?$/, 'must be a number with an optional capital letter, e.g. "21A"')),
  group: GroupId,
  title: LocalText,
  maxPoints: points,
  questions: v.pipe(v.array(Question), v.minLength(1)),
  vocabulary: v.optional(IndicatorVocabulary),
});
export type Indicator = v.InferOutput<typeof Indicator>;

export const Group = v.object({
  id: GroupId,
  name: LocalText,
  short: LocalText,
});
export type Group = v.InferOutput<typeof Group>;

export const Agency = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes')),
  name: text,
  fullName: text,
});
export type Agency = v.InferOutput<typeof Agency>;

/**
 * How a decimal score falls into integer-written bands (the source writes Pratama 500-600,
 * Madya 601-700 while scores are decimals):
 * - `above-previous-max`: a band starts just above the previous band's `max` (600 is Pratama,
 *   600.25 is Madya). The first band starts at its own `min`. Default.
 * - `at-previous-max`: a band starts at the previous band's `max` (600 is Madya).
 * - `integer-floor`: the score is rounded down to an integer and compared with [min, max].
 */
export const BandRule = v.picklist(['above-previous-max', 'at-previous-max', 'integer-floor']);
export type BandRule = v.InferOutput<typeof BandRule>;

export const Band = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z]+$/, 'must be lower-case letters')),
  label: LocalText,
  min: points,
  max: points,
});
export type Band = v.InferOutput<typeof Band>;

export const Bands = v.object({
  rule: BandRule,
  /** The smallest step a score moves by (0.25 in 2024): "points to next band" is exact under it. */
  step: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  /** What a score below the first band is called. */
  none: v.object({ id: v.literal('none'), label: LocalText }),
  items: v.pipe(v.array(Band), v.minLength(1)),
});
export type Bands = v.InferOutput<typeof Bands>;

export const RulesFile = v.object({
  formatVersion: v.literal(RULES_FORMAT_VERSION),
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes')),
  year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  title: LocalText,
  /** Sum of the indicator maxima; checked. */
  maxTotal: v.pipe(v.number(), v.gtValue(0)),
  groups: v.pipe(v.array(Group), v.minLength(1)),
  agencies: v.array(Agency),
  indicators: v.pipe(v.array(Indicator), v.minLength(1)),
  bands: Bands,
  /** Classifier knowledge shared by all indicators (issue 4). Free-form here, checked by the classifier. */
  classifier: v.optional(v.record(v.string(), v.unknown())),
});
export type RulesFile = v.InferOutput<typeof RulesFile>;
