// Question profiles (issue 11, point 3): within an indicator, which question a document answers,
// learned from the tuning part's question labels and kept in the rules file beside the prompts'
// own words. A stale fit fails here, as a broken or unused one does.
import { describe, expect, it } from 'vitest';
import { ClassifierConfigError, suggestQuestions } from '../../../src/domain/classifier';
import { rulesJson } from '../helpers';
import { fitQuestions, questionRows } from './fit-questions';
import { model2024, modelWith } from './helpers';

const m = model2024();
const without = modelWith((j) => delete j.classifier.questionProfiles);

describe('question profiles', () => {
  const rows = questionRows(m);

  it("the rules file holds the question profiles fitted on today's tuning part (re-run fit-questions.ts --write after changing it)", () => {
    expect(rulesJson().classifier.questionProfiles).toEqual(fitQuestions(m, rows));
  }, 120_000);

  it('suggest the labelled question more often than the prompts alone (tuning part, in sample)', () => {
    const top3 = (model: typeof m) => {
      const scored = rows.filter((r) => m.indicatorIndex.has(r.question.split('.')[0]));
      const hits = scored.filter((r) => suggestQuestions(model, r.c, r.question.split('.')[0], 3).some((q) => r.questionAccept.includes(q)));
      return hits.length / scored.length;
    };
    const learned = top3(m);
    const prompts = top3(without);
    expect(prompts).toBeLessThan(0.9);
    expect(learned).toBeGreaterThan(prompts + 0.05);
  });

  it("a question's learned words move it up; without profiles the prompts' ranking stands", () => {
    // a document in the words of 13.3's prompt (stunting): the prompts put 13.3 first, 13.5 lower
    const promptKeys = (code: string) => m.indicators[m.indicatorIndex.get('13')!].questions.find((q) => q.code === code)!.keys;
    const c = { level: null, questionKeys: Object.fromEntries(promptKeys('13.3').map((k) => [k, 1])) };
    const byPrompt = suggestQuestions(without, c, '13', 6);
    expect(byPrompt[0]).toBe('13.3');
    expect(byPrompt.slice(0, 3)).not.toContain('13.5');
    const leaning = modelWith((j) => {
      j.classifier.questionProfiles = { weight: 1, questions: { '13.5': Object.keys(c.questionKeys).map((k) => [k, 5]) } };
    });
    expect(suggestQuestions(leaning, c, '13', 3)[0]).toBe('13.5');
    // an indicator the profiles do not cover keeps the prompts' order
    expect(suggestQuestions(leaning, c, '26', 3)).toEqual(suggestQuestions(without, c, '26', 3));
  });

  it('are refused when they name a question the instrument lacks or are malformed; a word no prompt uses is left out', () => {
    expect(() => modelWith((j) => (j.classifier.questionProfiles = { weight: 1, questions: { '13.99': [['gizi', 1]] } }))).toThrow(ClassifierConfigError);
    expect(() => modelWith((j) => (j.classifier.questionProfiles = { weight: 1, questions: { '13.5': [['gizi']] } }))).toThrow();
    const stale = modelWith((j) => (j.classifier.questionProfiles = { weight: 1, questions: { '13.5': [['zzzword', 1]] } }));
    expect(stale.questionProfiles!.byQuestion.get('13.5')!.size).toBe(0);
  });
});
