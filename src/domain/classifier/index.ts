/**
 * The document classifier (issue 4): which group and indicator of the KLA instrument a document
 * is evidence for, how sure it is, and whether it is filed in the right place.
 *
 * Pure TypeScript (no DOM, no Node APIs, no storage): it runs in a Web Worker, in Node (the `kla`
 * CLI) and in tests. All knowledge comes from the rules file, so a new instrument year brings its
 * own: per indicator a weighted `vocabulary` (terms, accepted document kinds, typical agencies,
 * whether it is a topic of the policy indicator), and a shared `classifier` section (stop words,
 * stemmer exceptions, abbreviations, letterhead/signature patterns, document-kind cue words,
 * scoring weights, fitted calibration, filing thresholds). No indicator-specific word is in code.
 *
 * Usage:
 *   const model = compileModel(rules);                         // once; precomputes the tables
 *   const c = classify(model, { text, name, title });          // well under 1 ms for a page
 *   c.group, c.indicator, c.confidence, c.kind, c.ranking, c.evidence
 *   checkFiling(model, c, { indicator: '1' })                  // { misfiled, suggested, acceptable, ... }
 *   suggestQuestions(model, c, c.indicator, 3)                 // ['17.3a', ...]
 *   resolvePlace(model, 'Klaster IV')                          // { group: 'K4' } (folder names)
 *
 * Modules: stem.ts (affixes), fuzzy.ts (OCR damage), zones.ts (letterheads, titles, signatures),
 * model.ts (compiling, text -> keys), classify.ts (scoring), filing.ts (misfiled? questions),
 * calibrate.ts (fitting and measuring the confidence).
 *
 * Changing the knowledge (a new instrument year, new terms, other weights):
 *  1. edit `vocabulary` of the indicators and/or `classifier` in the rules file;
 *  2. refit the confidence on the labelled corpus:
 *       npx tsx test/unit/classifier/fit-calibration.ts --write
 *  3. measure: `npm run --silent bench -- classifier` (training corpus and the unseen holdout);
 *     `npx vitest run test/unit/classifier`.
 * Prefer general terms an officer would write (programme names, agencies, legal terms) to words
 * that happen to occur in the training documents: the holdout figures show whether it generalises.
 */
export { compileModel, analyse, surfaceWords, ClassifierConfigError, KINDS, type Model, type DocumentInput, type Token } from './model';
export { classify, choose, scoreDocument, probabilities, calibrate, softmax, type Classification, type PageSpan, type RankedIndicator } from './classify';
export { checkFiling, acceptableIndicators, suggestQuestions, suggestRunQuestions, resolvePlace, type Place, type FilingCheck } from './filing';
export { fitTemperature, fitPlatt, reliability, nll, type CalibrationSample, type ReliabilityBin } from './calibrate';
export { stemVariants } from './stem';
export { ocrKey, FuzzyIndex } from './fuzzy';
