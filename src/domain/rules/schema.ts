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

/** A regular expression given as text, matched (flag `u`) against lower-cased lines; checked here. */
const regexText = v.pipe(
  text,
  v.check((s) => {
    try {
      new RegExp(s, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression'),
);

/** A classifier term: a word or phrase, optionally with a weight (default 1). */
export const Term = v.union([text, v.tuple([text, v.pipe(v.number(), v.gtValue(0), v.maxValue(20))])]);
export type Term = v.InferOutput<typeof Term>;

/** What kind of document a piece of evidence is; decides e.g. whether it can serve indicator 1. */
export const DOC_KINDS = ['regulation', 'decree', 'budget', 'report', 'data', 'minutes', 'other'] as const;
export const DocKind = v.picklist(DOC_KINDS);
export type DocKind = v.InferOutput<typeof DocKind>;

/** Per-indicator knowledge for the document classifier (issue 4); optional so a year can start without it. */
export const IndicatorVocabulary = v.object({
  /** Words and phrases typical of evidence for this indicator, with weights (default 1). */
  terms: v.array(Term),
  /** Document kinds that count as evidence here (e.g. "regulation", "report"); absent = any. */
  kinds: v.optional(v.array(DocKind)),
  /** Ids from `agencies` whose names are typical of this indicator's evidence (weak terms). */
  agencies: v.optional(v.array(text)),
  /**
   * Whether a regulation/decree/budget on this indicator's topic is also evidence for the policy
   * indicator (`classifier.policy.indicator`, "1" in 2024). Default true.
   */
  policyTopic: v.optional(v.boolean()),
});
export type IndicatorVocabulary = v.InferOutput<typeof IndicatorVocabulary>;

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

const weight = v.pipe(v.number(), v.minValue(0), v.maxValue(100));

/*
 * The profiles hold some 31,000 [term, weight] pairs and 14,000 idf values: checked by one loop
 * each, not by a schema per pair (valibot's tuple and record checks cost about 70 ms more at
 * start-up, and the instrument waits for the rules).
 */
const isTermWeights = (x: unknown) => Array.isArray(x) && x.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'number');
const isTable = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const idfTable = v.custom<Record<string, number>>((x) => isTable(x) && Object.values(x).every((n) => typeof n === 'number' && n >= 0), 'expected word keys with a number >= 0 each');
const profileTable = v.custom<Record<string, [string, number][]>>((x) => isTable(x) && Object.values(x).every(isTermWeights), 'expected indicator codes with a list of [term, weight] pairs each');
const weightsOfKinds = v.object({
  regulation: v.optional(weight),
  decree: v.optional(weight),
  budget: v.optional(weight),
  report: v.optional(weight),
  data: v.optional(weight),
  minutes: v.optional(weight),
  other: v.optional(weight),
});

/**
 * Classifier knowledge shared by all indicators (issue 4). See src/domain/classifier/index.ts for
 * how each part is used. Patterns are regular expressions matched against each trimmed line in
 * lower case (so they are written in lower case).
 */
export const ClassifierConfig = v.object({
  /** Words dropped before matching (on both the document and the vocabulary side). */
  stopWords: v.array(text),
  /** Words the stemmer must leave alone (e.g. "persalinan" must not become "salin" like "salinan"). */
  noStem: v.array(text),
  /**
   * Abbreviations expanded before matching. `expand` for one meaning; `senses` when the
   * abbreviation is ambiguous (KIA): the sense whose context words occur most (nearby words
   * count double) wins; with no context the abbreviation stays as it is.
   */
  abbreviations: v.array(
    v.object({
      abbr: text,
      expand: v.optional(text),
      senses: v.optional(v.array(v.object({ expand: text, context: v.array(text) }))),
    }),
  ),
  /** Lines that say nothing about the topic (letterheads, addresses, signature blocks). */
  boilerplate: v.object({
    /** Letterhead lines at the top of a document. */
    header: v.array(regexText),
    /** Lines anywhere, with the weight their words get (0 = ignored). First match wins. */
    lines: v.array(v.object({ pattern: regexText, weight })),
    /** A line that opens the signature block (place and date, "Ditetapkan di", "Mengetahui"). */
    signatureStart: v.array(regexText),
    /** Multi-line blocks (e.g. the legal basis "Mengingat ..." of a regulation) and their weight. */
    blocks: v.array(v.object({ start: regexText, end: regexText, maxLines: v.pipe(v.number(), v.integer(), v.minValue(1)), weight })),
    /** Lines that are never part of the title (e.g. "Hadir:", "Nomor:"). */
    notTitle: v.array(regexText),
  }),
  /** Cue words of each document kind ("other" is what is left). */
  kinds: v.object({
    regulation: v.array(Term),
    decree: v.array(Term),
    budget: v.array(Term),
    report: v.array(Term),
    data: v.array(Term),
    minutes: v.array(Term),
  }),
  /**
   * The policy indicator: a document of these kinds (weight = how much of the kind counts) on the
   * topic of an indicator with `policyTopic` is evidence for it too, with `share` of that topic's
   * score (plus `spread` of its other topics' scores) added to its own.
   */
  policy: v.object({
    indicator: text,
    kinds: weightsOfKinds,
    share: weight,
    /** Share of the other topics added to the best one (multi-topic budgets and Perda KLA). */
    spread: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    /**
     * Multiplies a regulation's or decree's share when its title is about a body or plan of the
     * KLA institution (an indicator that is no policy topic: a Perbup on the RAD KLA, an SK Gugus
     * Tugas), which is evidence for that indicator. Optional (1: no change).
     */
    institutionTitle: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    /**
     * A decree whose title appoints or designates (`cues`: pembentukan, susunan pengurus,
     * penetapan, tim) is the practice of the body or place it names (an SK of the Forum Anak's
     * officers, of the schools made SRA): its policy share is multiplied by `factor`. Optional.
     */
    appointments: v.optional(v.object({ cues: v.array(Term), factor: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) })),
    /**
     * A budget is the city's allocation for KLA (1.3: "dibuktikan dokumen bertanda tangan
     * Bappeda") only when the planning body signs or issues it: without one of `cues` (Bappeda,
     * TAPD) in its letterhead, title or signature, indicator 1's whole score is multiplied by
     * 1 - P(budget) (1 - `factor`), and so is the budget's part of the policy weight (an office's
     * own DPA is evidence for its topic, and 1 is not acceptable for it). Optional.
     */
    budgetSigners: v.optional(v.object({ cues: v.array(Term), factor: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) })),
    /**
     * A regulation in the making: when the opening (title, lead, first headings) names a draft
     * regulation or the DPRD's work on one (`cues`: ranperda, pansus, naskah akademik), the
     * document (a Pansus's minutes, a plenary's summary, the DPRD's press release) is read as a
     * regulation to the extent `factor` for the policy indicator: its kind restriction and its
     * policy share. Its kind shown stays what it is (a report). Optional.
     */
    drafting: v.optional(v.object({ cues: v.array(Term), factor: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) })),
  }),
  /**
   * Levels of government (issue 11): cue phrases in a document's letterhead, title, headings or
   * signature that say where it was made ("peraturan desa", "kepala desa", "camat"). The level
   * whose cues weigh most (at least 1) is the document's. A document of a level with an
   * `indicator` (the village's, the kecamatan's) is evidence for that indicator: it gets `boost`
   * times its best topic score; and the policy indicator's share is multiplied by `policy` (a
   * village regulation is not the city's policy). Optional: a year may do without.
   */
  levels: v.optional(
    v.array(
      v.object({
        level: text,
        cues: v.array(Term),
        indicator: v.optional(text),
        boost: v.optional(weight),
        policy: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
        /**
         * The topics the level's indicator asks about (26.8 counts a village's stunting cases: 13;
         * no question of 26 counts its sanitation: not 16). The boost is `boost` times the best of
         * these topics' scores, so a village's sanitation report stays the sanitation topic's.
         * Absent: every topic.
         */
        covers: v.optional(v.array(text)),
        /**
         * How much the level's indicator's vocabulary counts in a document that is not this
         * level's own (a city office's report on PATBM in every village): the terms it shares
         * with another indicator's vocabulary ("patbm", 21A's too) count `shared`, its other
         * terms ("kepala desa", "dana desa") count `other`. Absent: whole.
         */
        away: v.optional(v.object({ shared: v.pipe(v.number(), v.minValue(0), v.maxValue(1)), other: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) })),
      }),
    ),
  ),
  /**
   * Letterhead units (issue 11), most local first: a letterhead line (or a part of one between
   * " - " or ", ") that `pattern` matches names the government unit that wrote the document;
   * `level` is one of `levels` (absent: the city or regency itself). The most local unit of a
   * letterhead is the writer ("PEMERINTAH PROVINSI DKI JAKARTA / KOTA ADMINISTRASI ... /
   * KECAMATAN ... - KELURAHAN ..." is the kelurahan's), and it overrides a less local level read
   * from the cues (never a more local one: a kecamatan's report on its villages stays the
   * villages'). Optional.
   */
  letterheads: v.optional(v.array(v.object({ level: v.optional(text), pattern: text }))),
  /**
   * Issuers (issue 11): cue phrases naming who issued a document, read like levels. `policy`
   * multiplies the policy indicator's share (an agency head's decree is practice, not policy).
   */
  issuers: v.optional(v.array(v.object({ issuer: text, cues: v.array(Term), policy: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) }))),
  /**
   * Partnerships (issue 11): an agreement (`agreements`: nota kesepahaman, perjanjian kerja sama)
   * whose opening names a party outside government (`partners`: a yayasan, a company, a radio) is
   * evidence of the partnership indicator (`indicator`) on its topic: it gets `boost` times its
   * best topic score. An agreement between two agencies stays with its topic. Optional.
   */
  partnership: v.optional(v.object({ indicator: text, boost: weight, agreements: v.array(Term), partners: v.array(Term) })),
  /**
   * Profiles (issue 11): for each indicator, the words and word pairs its evidence uses, learned
   * from the project's labelled corpora (test/unit/classifier/fit-profiles.ts writes them): a
   * linear model over the TF-IDF unit vector of the document's known word keys and pairs of
   * neighbouring keys (logistic regression weights, or a centroid). Its score for each indicator,
   * times `weight`, is added to that indicator's score: evidence written in words the vocabulary
   * does not list still leans the right way. Optional.
   */
  profiles: v.optional(
    v.object({
      weight,
      /** The letterhead's, lead's and title's word keys count again as terms of their own ("^desa"). */
      framing: v.optional(v.boolean()),
      /** What the document was read as counts as terms ("@level desa", "@issuer camat", "@kind regulation"). */
      tags: v.optional(v.boolean()),
      /** Inverse document frequency of each word key the profiles use. */
      idf: idfTable,
      /** Indicator code -> [term, weight]: a word key or two keys joined by a space. */
      indicators: profileTable,
    }),
  ),
  /**
   * Question profiles (issue 11): within an indicator, which of its questions a document answers,
   * learned from the tuning corpus's question labels (test/unit/classifier/fit-questions.ts writes
   * them): for each question, [word key, weight] pairs over the words of the question prompts
   * (the document's `questionKeys`, as a TF-IDF unit vector with the prompts' idf). The suggestion
   * ranks an indicator's questions by `weight` x this score plus the prompt match's rank. Optional.
   */
  questionProfiles: v.optional(v.object({ weight, questions: v.custom<Record<string, [string, number][]>>((x) => isTable(x) && Object.values(x).every(isTermWeights), 'expected question codes with a list of [word key, weight] pairs each') })),
  /** Scoring weights; see the classifier module for each. */
  weights: v.object({
    title: weight,
    fileName: weight,
    header: weight,
    signature: weight,
    fuzzy: weight,
    agency: weight,
    saturation: v.pipe(v.number(), v.gtValue(0), v.maxValue(100)),
    kindTitle: weight,
    kindOther: weight,
    kindTemperature: v.pipe(v.number(), v.gtValue(0), v.maxValue(100)),
    kindFloor: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  }),
  /** Fitted on the labelled corpus: softmax temperature, then Platt scaling of the top probability. */
  calibration: v.object({
    temperature: v.pipe(v.number(), v.gtValue(0)),
    slope: v.number(),
    intercept: v.number(),
    /**
     * Softmax temperature of one page's scores (the page runs of a long document). A page is
     * scored by the vocabulary alone, without the profiles, so it keeps the temperature it was
     * tuned at when the document's temperature is refitted. Default: `temperature`.
     */
    pageTemperature: v.optional(v.pipe(v.number(), v.gtValue(0))),
  }),
  /** When a filing is acceptable (see checkFiling): probabilities below which a place is flagged. */
  filing: v.object({
    /** An indicator with at least this probability is an acceptable place. */
    minProbability: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    /** Same, for an indicator of the best indicator's group (near misses inside a cluster). */
    sameGroupProbability: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    /** Policy weight from which a document is a regulation/decree/budget for indicator 1. */
    policyMin: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    /**
     * Indicators the evaluators often accept together (fitted on the labelled corpus,
     * fit-companions.ts): [best, companion] pairs; a companion of the best indicator with at
     * least `probability` is an acceptable place.
     */
    companions: v.optional(
      v.object({
        probability: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
        pairs: v.array(v.tuple([v.string(), v.string()])),
      }),
    ),
  }),
});
export type ClassifierConfig = v.InferOutput<typeof ClassifierConfig>;

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
  /** Classifier knowledge shared by all indicators (issue 4). */
  classifier: v.optional(ClassifierConfig),
});
export type RulesFile = v.InferOutput<typeof RulesFile>;
