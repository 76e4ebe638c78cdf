import { describe, expect, it } from 'vitest';
import { distinctPrompts, rowPrompts } from '../../../src/shared/promptStems';
import { loadRules2024 } from '../helpers';

describe('rowPrompts', () => {
  it('shows a run of questions with one long opening by what differs, the first in full', () => {
    const rules = loadRules2024();
    const codes = ['1.1', '1.2a', '1.2b', '1.2f', '1.2s', '1.2t', '1.2u'];
    const prompts = codes.map((c) => rules.questionByCode.get(c)!.prompt.id);
    const shown = rowPrompts(prompts);
    expect(shown[0]).toBe(prompts[0]);
    expect(shown[1]).toBe(prompts[1]); // the run's first row reads whole
    for (const i of [2, 3, 4]) {
      expect(shown[i]).toMatch(/^… tentang \S/);
      expect(prompts[i].endsWith(shown[i].slice('… '.length))).toBe(true);
    }
    expect(shown[3]).toBe('… tentang pencegahan perkawinan anak');
    // another opening starts another run
    expect(shown[5]).toBe(prompts[5]);
    expect(shown[6]).toMatch(/^… untuk penanganan anak korban/);
  });

  it('leaves short openings, a short rest and a single row alone', () => {
    expect(rowPrompts(['Ada Forum Anak di kota', 'Ada Forum Anak di desa'])).toEqual(['Ada Forum Anak di kota', 'Ada Forum Anak di desa']);
    expect(rowPrompts(['a b c d e f g', 'a b c d e f h'])).toEqual(['a b c d e f g', 'a b c d e f h']);
    expect(rowPrompts(['a b c d e f g', 'a b c d e x y'])).toEqual(['a b c d e f g', '… e x y']);
    expect(rowPrompts(['satu'])).toEqual(['satu']);
    expect(rowPrompts([])).toEqual([]);
  });

  it("for a one-line mention, shortens the run's first question too, within its indicator", () => {
    const rules = loadRules2024();
    const short = distinctPrompts(rules.indicators, (c) => rules.questionByCode.get(c)!.prompt.id);
    expect(short.size).toBe(rules.questionByCode.size);
    expect(short.get('1.2a')).toMatch(/^… tentang registrasi anak/);
    expect(short.get('1.2q')).toMatch(/^… tentang Kawasan Tanpa Rokok/);
    expect(short.get('1.1')).toBe(rules.questionByCode.get('1.1')!.prompt.id);
    // the 1.2 questions all differ once shortened (they shared their first 65 characters)
    const twelve = [...short].filter(([c]) => c.startsWith('1.2')).map(([, t]) => t.slice(0, 40));
    expect(new Set(twelve).size).toBe(twelve.length);
    expect(rowPrompts(['a b c d e f g', 'a b c d e x y'], false)).toEqual(['… e f g', '… e x y']);
    expect(rowPrompts(['a b c d e f g'], false)).toEqual(['a b c d e f g']);
  });
});
