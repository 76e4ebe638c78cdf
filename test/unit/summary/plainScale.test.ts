/**
 * Page 1's scale in plain words (walk of 7 Dec 2026): under the scale, "Aturan batas: … (600 =
 * Pratama, 600,25 = Madya)" was jargon to an official; the line now says the score the next
 * predicate starts at. The part of the scale below the first predicate is labelled.
 */
import { describe, expect, it } from 'vitest';
import type { PdfBlock } from '../../../src/features/summary/pdf';
import { fmt, pageOne, summary, textOf } from './helpers';

describe("page 1's scale", () => {
  it('says the score the next predicate starts at, not the boundary rule', () => {
    const s = summary();
    const { threshold, pointsNeeded, label } = s.nextBand!;
    expect(threshold).toBe(800.25);
    const text = textOf(pageOne(s));
    expect(text).toContain(`${fmt.pts(pointsNeeded)} poin lagi menuju ${label.id}, yang dicapai mulai nilai 800,25.`);
    expect(text).not.toMatch(/Aturan batas/);
  });

  it('labels the part below the first predicate', () => {
    const bands = pageOne(summary()).find((b): b is Extract<PdfBlock, { type: 'bands' }> => b.type === 'bands')!;
    expect(bands.below).toBe('Belum berpredikat');
  });
});
