/** The summary as the tests build it: the 2024 rules, the demo answers, page 1 of the PDF as blocks. */
import { demoAnswers } from '../../../src/domain/demo';
import type { Answer } from '../../../src/domain/model';
import { scoreAnswers } from '../../../src/domain/scoring';
import { buildSummary, type Summary, type SummaryInput, type SummaryScope } from '../../../src/domain/summary';
import type { PdfBlock } from '../../../src/features/summary/pdf';
import { pdfBlocks } from '../../../src/features/summary/summaryPdf';
import { translate } from '../../../src/i18n';
import { formatDateTime, formatPercent, formatPoints } from '../../../src/shared/format';
import { readFileSync } from 'node:fs';
import { parseRulesText, type Rules } from '../../../src/domain/rules/load';

// read by path, not by import.meta.url: the sheet's component test runs these under jsdom
const parsed = parseRulesText(readFileSync('scoring-rules/kla-2024.json', 'utf8'), 'test-hash');
export const rules = (parsed.ok ? parsed.rules : null) as Rules;
export const fmt = {
  t: (key: string, o?: Record<string, unknown>) => translate('id', key, o),
  pts: (n: number) => formatPoints(n, 'id'),
  dt: (ms: number, weekday = true) => formatDateTime(ms, 'id', weekday),
  lt: (x: { id: string; en: string }) => x.id,
  pct: (r: number) => formatPercent(r, 'id'),
};
export const NOW = Date.UTC(2026, 11, 6, 4);
export const answers = new Map<string, Answer>(demoAnswers(rules, 'w', NOW).map((a) => [a.code, a]));

export function summary(scope: SummaryScope = { kind: 'all' }, more: Partial<SummaryInput> = {}): Summary {
  const a = more.answers ?? answers;
  const points = new Map([...a].filter(([, x]) => x.points != null).map(([c, x]) => [c, x.points!]));
  return buildSummary(
    { rules, city: 'Kota Contoh', province: 'Banten', year: 2024, stage: 'penilaian-mandiri', score: scoreAnswers(rules, points), answers: a, assignments: new Map(), evidenceCount: new Map(), misfiled: new Map(), revisionItems: [], ...more },
    scope,
  );
}

export const blocksOf = (s: Summary, annex = true): PdfBlock[] => pdfBlocks(s, NOW, { fmt: fmt as never, rules, scopeLabel: 'Seluruh instrumen', annex });

/** Page 1 of the PDF as blocks (everything before the annex). */
export function pageOne(s: Summary): PdfBlock[] {
  const blocks = blocksOf(s);
  return blocks.slice(0, blocks.findIndex((b) => b.type === 'pagebreak'));
}
export const textOf = (blocks: PdfBlock[]) => blocks.map((b) => ('text' in b ? b.text : b.type === 'table' ? [b.table.columns.map((c) => c.label), ...b.table.rows].flat().join(' | ') : '')).join('\n');
export const tables = (blocks: PdfBlock[]) => blocks.filter((b): b is Extract<PdfBlock, { type: 'table' }> => b.type === 'table');
