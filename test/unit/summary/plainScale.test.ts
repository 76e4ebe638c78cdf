/**
 * Page 1's scale in plain words (walk of 7 Dec 2026): under the scale, "Aturan batas: … (600 =
 * Pratama, 600,25 = Madya)" was jargon to an official: page 1 now says the score the next
 * predicate starts at, where it states the gap (once: "78,3 poin lagi menuju Utama" under the
 * scale said what the plan's first line says). The part below the first predicate is labelled.
 */
import { describe, expect, it } from 'vitest';
import type { PdfBlock } from '../../../src/features/summary/pdf';
import { fmt, pageOne, summary, textOf } from './helpers';

describe("page 1's scale", () => {
  it('says the score the next predicate starts at, not the boundary rule, and the gap once', () => {
    const s = summary();
    const { threshold, pointsNeeded, label } = s.nextBand!;
    expect(threshold).toBe(800.25);
    const text = textOf(pageOne(s));
    expect(text).toContain(`${label.id} dicapai mulai nilai 800,25, kurang ${fmt.pts(pointsNeeded)} poin lagi: ${s.plan.items.length} pertanyaan cukup untuk menutupnya.`);
    expect(text).not.toMatch(/Aturan batas/);
    expect(text.split(`${fmt.pts(pointsNeeded)} poin`)).toHaveLength(2);
  });

  it('labels the part below the first predicate', () => {
    const bands = pageOne(summary()).find((b): b is Extract<PdfBlock, { type: 'bands' }> => b.type === 'bands')!;
    expect(bands.below).toBe('Belum berpredikat');
  });
});
