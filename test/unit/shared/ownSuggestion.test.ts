import { describe, expect, it } from 'vitest';
import type { LinkSuggestion } from '../../../src/domain/evidence/linkSuggestion';
import { ownSuggestion } from '../../../src/shared/ownCodes';

const s: LinkSuggestion = { group: 'III', indicator: '11', questions: ['11.2', '11.4', '11.1'], certainty: 'likely', confidence: 0.7 };

describe("an agency copy's link suggestions", () => {
  it('keep only its own questions, in their order (the sixth walk: a one-click link to 11.2, not the agency\'s, did nothing on screen)', () => {
    expect(ownSuggestion(s, new Set(['11.1', '11.4']))).toEqual({ ...s, questions: ['11.4', '11.1'] });
  });
  it('are none when no suggested question is its own', () => {
    expect(ownSuggestion(s, new Set(['1.2t']))).toBeNull();
  });
  it("are unchanged in the city's workspace", () => {
    expect(ownSuggestion(s, null)).toBe(s);
    expect(ownSuggestion(null, new Set(['11.1']))).toBeNull();
  });
});
