// @vitest-environment jsdom
/**
 * The printed sheet's page 1 (SummarySheet) says what the PDF's page 1 says (test/unit/summary/):
 * how sure the score is, next to it; who acts on each of the week's questions.
 */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SummarySheet } from '../../src/features/summary/SummarySheet';
import { answers, fmt, NOW, rules, summary, textOf, pageOne } from '../unit/summary/helpers';

const codes = [...rules.questionByCode.keys()];
const graded = codes.filter((c) => (answers.get(c)?.points ?? 0) > 0);
const evidenceCount = new Map(graded.filter((_, i) => i % 3 === 0).map((c) => [c, 2]));
const misfiled = new Map(graded.filter((c) => evidenceCount.has(c)).slice(0, 3).map((c) => [c, 1]));

function sheet(annex = false) {
  const s = summary({ kind: 'all' }, { evidenceCount, misfiled });
  render(<SummarySheet summary={s} rules={rules} workspaceId="w" printedAt={NOW} scopeLabel="Seluruh instrumen" annex={annex} />);
  return { s, page1: screen.getByTestId('summary-sheet') };
}

describe('the sheet, page 1', () => {
  it('says how sure the score is right under it, as the PDF does', () => {
    const { s } = sheet();
    const box = screen.getByTestId('sheet-doubts');
    const pdfLine = textOf(pageOne(s)).split('\n').find((l) => l.startsWith('Nilai ini belum teruji:'))!;
    expect(box.textContent).toBe(pdfLine);
    expect(within(box).getByText('Nilai ini belum teruji:').tagName).toBe('STRONG');
    // between the header (the score) and the scale
    const head = document.querySelector('.sheet-head')!;
    expect(head.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(box.compareDocumentPosition(document.querySelector('.band-scale')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('names the officer where only grading is left, and at most two agencies of a long list (the annex names all)', () => {
    const s = summary({ kind: 'all' }, { assignments: new Map([['6.5', ['dp3akb', 'forum-anak', 'dispora']]]), evidenceCount: new Map([['6.5', 2]]) });
    render(<SummarySheet summary={s} rules={rules} workspaceId="w" printedAt={NOW} scopeLabel="Seluruh instrumen" annex />);
    const who = (scope: string, code: string) => document.querySelector(`[data-testid="${scope}"] [data-plan="${code}"] td:nth-child(2)`)!.textContent;
    expect(within(screen.getByTestId('sheet-plan')).getAllByRole('columnheader')[1].textContent).toBe('Dikerjakan oleh');
    expect(who('sheet-plan', '6.5')).toBe('Petugas DPPPAPPKB');
    expect(who('sheet-plan', '21B.2')).toBe('UPTD PPA, Dinsos +8 lainnya');
    expect(who('sheet-annex', '6.5')).toBe('Petugas DPPPAPPKB');
    expect(who('sheet-annex', '21B.2')!.split(', ')).toHaveLength(10);
  });

  it("names the city's office in the signature as the tables do", () => {
    const { page1 } = sheet();
    const sign = page1.querySelector('.sheet-sign')!;
    expect(sign.textContent).toContain('Petugas DPPPAPPKB');
    expect(within(screen.getByTestId('sheet-behind')).getByText('DPPPAPPKB')).toBeTruthy();
    expect(page1.textContent).not.toContain('DP3AKB');
  });

  it('says plainly where the next predicate starts, and labels the scale below the first', () => {
    const { s, page1 } = sheet();
    expect(page1.textContent).not.toContain('Aturan batas');
    expect(page1.textContent).toContain(`Utama dicapai mulai nilai 800,25, kurang ${fmt.pts(s.plan.pointsNeeded)} poin lagi:`);
    expect(page1.textContent!.split(`${fmt.pts(s.plan.pointsNeeded)} poin`)).toHaveLength(2);
    expect(s.nextBand!.threshold).toBe(800.25);
    expect(page1.querySelector('.band-none')!.textContent).toBe('Belum berpredikat');
  });
});
