/**
 * One name for the city's office on page 1 (walk of 7 Dec 2026): the signature said "Petugas
 * DP3AKB" (a fixed word of the app) while the tables said "DPPPAPPKB" (the rules' name for the
 * agency). The officer is now named by the rules' name, as every agency is.
 */
import { describe, expect, it } from 'vitest';
import type { Rules } from '../../../src/domain/rules/load';
import type { PdfBlock } from '../../../src/features/summary/pdf';
import { pdfBlocks } from '../../../src/features/summary/summaryPdf';
import { fmt, NOW, pageOne, rules, summary, tables, textOf } from './helpers';

const signature = (blocks: PdfBlock[]) => blocks.find((b): b is Extract<PdfBlock, { type: 'signature' }> => b.type === 'signature')!;

describe("the city's office on page 1", () => {
  it('is named as the rules name it, in the signature and in the tables', () => {
    const blocks = pageOne(summary());
    expect(signature(blocks).left).toContain('Petugas DPPPAPPKB');
    expect(tables(blocks)[1].table.rows.map((r) => r[0])).toContain('DPPPAPPKB');
    expect(textOf(blocks) + signature(blocks).left.join(' ')).not.toContain('DP3AKB');
  });

  it('follows a rules file that names the office otherwise', () => {
    const renamed: Rules = { ...rules, agencies: rules.agencies.map((a) => (a.id === 'dp3akb' ? { ...a, name: 'DP3A' } : a)) };
    const blocks = pdfBlocks(summary(), NOW, { fmt: fmt as never, rules: renamed, scopeLabel: '', annex: false });
    expect(signature(blocks).left).toContain('Petugas DP3A');
    expect(tables(blocks)[1].table.rows.map((r) => r[0])).toContain('DP3A');
  });
});
