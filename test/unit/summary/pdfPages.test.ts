/**
 * Page 1 of "Simpan PDF" keeps its signatures (the fifth walk: with the week's five questions
 * all waiting on the officer, "bukti ada; lengkapi jawaban atau nilainya" wrapped over four lines
 * in a narrow column, the agencies' table filled page 1 and the signatures stood alone on page 2,
 * for the Kepala Dinas to sign an empty page). The brief alone is one page.
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/features/summary/pdf';
import { pdfBlocks } from '../../../src/features/summary/summaryPdf';
import { translate } from '../../../src/i18n';
import { formatDateTime, formatPercent, formatPoints } from '../../../src/shared/format';
import { fmt, NOW, rules, summary } from './helpers';

const en = {
  t: (key: string, o?: Record<string, unknown>) => translate('en', key, o),
  pts: (n: number) => formatPoints(n, 'en'),
  dt: (ms: number, weekday = true) => formatDateTime(ms, 'en', weekday),
  lt: (x: { id: string; en: string }) => x.en,
  pct: (r: number) => formatPercent(r, 'en'),
};

async function pagesOf(s: ReturnType<typeof summary>, words: typeof fmt = fmt): Promise<number> {
  const blocks = pdfBlocks(s, NOW, { fmt: words as never, rules, scopeLabel: 'Seluruh instrumen', annex: false });
  const bytes = await renderPdf(blocks, { left: 'Siap KLA', pageLabel: (p, n) => `Halaman ${p} dari ${n}` }, { title: 'Ringkasan', author: 'test' });
  return (await PDFDocument.load(bytes)).getPageCount();
}

describe('the PDF brief', () => {
  it('is one page when the week is all grading (every question on it has its evidence)', async () => {
    const evidenceCount = new Map([...rules.questionByCode.keys()].map((c) => [c, 1]));
    const s = summary({ kind: 'all' }, { evidenceCount });
    expect(s.plan.items.slice(0, 5).every((i) => i.step === 'grade')).toBe(true);
    expect(await pagesOf(s)).toBe(1);
    expect(await pagesOf(s, en)).toBe(1);
  });

  it('is one page when the week waits on documents', async () => {
    const s = summary({ kind: 'all' });
    expect(await pagesOf(s)).toBe(1);
  });
});
