import { describe, expect, it } from 'vitest';
import { disagreement } from '../../../src/domain/progress';
import { normalizeCode } from '../../../src/domain/search';

describe('codes as people type them', () => {
  it.each([
    ['indikator 19', '19'],
    ['Indikator 21a', '21A'],
    ['ind 21a', '21A'],
    ['ind. 21A', '21A'],
    ['1,2f', '1.2f'],
    ['1. 2 f', '1.2f'],
    ['pertanyaan 4.1', '4.1'],
    ['no 4', '4'],
    ['21a.3', '21A.3'],
    ['1.2F', '1.2f'],
    [' 17.3a ', '17.3a'],
  ])('%s -> %s', (typed, code) => expect(normalizeCode(typed)).toBe(code));

  it('leaves words that are not codes as they are', () => {
    expect(normalizeCode('forum anak')).toBe('forum anak');
    expect(normalizeCode('indikator anak')).toBe('indikator anak');
  });
});

describe('status and points never disagree silently', () => {
  it('names the two ways they can', () => {
    expect(disagreement({ status: 'ready', points: null })).toBe('ready-without-points');
    expect(disagreement({ status: 'not-started', points: 3 })).toBe('points-not-started');
    expect(disagreement({ status: 'ready', points: 0 })).toBeNull();
    expect(disagreement({ status: 'in-progress', points: null })).toBeNull();
    expect(disagreement({ status: 'not-started', points: 0 })).toBeNull();
    expect(disagreement(undefined)).toBeNull();
  });

  it('a question worth 0 points (26.17) is ready without points: nothing to grade', () => {
    expect(disagreement({ status: 'ready', points: null }, 0)).toBeNull();
    expect(disagreement({ status: 'ready', points: null }, 12)).toBe('ready-without-points');
  });
});
