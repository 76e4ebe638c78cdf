import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { getDb } from '../../db/client';
import { buildSummary, publicSummary, type Summary, type SummaryScope } from '../../domain/summary';
import { useFlags } from '../../shared/flags';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { downloadBlob as download } from '../../shared/download';
import { exportFileName } from '../../shared/format';
import { answerRows, publicHtml, publicPng, toCsv, toXlsx, type PublicLabels } from './exports';
import { pdfBlocks } from './summaryPdf';
import { SummarySheet } from './SummarySheet';

/** Ringkasan: the printable readiness summary, its PDF, spreadsheet and public (PPID) versions. */
export function SummaryPage() {
  const { ws, rules, answers, assignments, score, evidenceCount, unchecked, agencies, agencyName, codesByDocument } = useWorkspace();
  const { t, pts, dt, lt, lang, pct } = useFmt();
  const db = getDb();
  const flags = useFlags();
  const notes = useLiveQuery(() => db.revisionItems.where('workspaceId').equals(ws.id).toArray(), [ws.id]);
  const docIds = useLiveQuery(() => db.documents.where('workspaceId').equals(ws.id).primaryKeys(), [ws.id]);
  const unlinkedDocuments = useMemo(() => docIds?.filter((id) => !codesByDocument.has(String(id))).length ?? 0, [docIds, codesByDocument]);
  const [scopeKey, setScopeKey] = useState('all');
  const [printedAt, setPrintedAt] = useState(() => Date.now());
  // the detail tables follow page 1 as an annex, unless the officer leaves them out
  const [annex, setAnnex] = useState(true);
  const cssText = (x: string) => x.replace(/["\\\n]/g, '');
  usePageStyle(`@page { size: A4 portrait; margin: 14mm 12mm 16mm; @bottom-left { content: "Siap KLA · ${cssText(ws.city)} ${ws.year} · ${cssText(t('summary.printed', { when: dt(printedAt) }))}"; font-size: 8pt; } @bottom-right { content: ${pageCounterCss(t('summary.page', { page: '\u0001', pages: '\u0002' }), cssText)}; font-size: 8pt; } }`);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const before = () => setPrintedAt(Date.now());
    window.addEventListener('beforeprint', before);
    return () => window.removeEventListener('beforeprint', before);
  }, []);

  const scope: SummaryScope = scopeKey === 'all' ? { kind: 'all' } : scopeKey.startsWith('g:') ? { kind: 'group', id: scopeKey.slice(2) } : { kind: 'agency', id: scopeKey.slice(2) };
  const scopeLabel =
    scope.kind === 'all'
      ? t('summary.scope.all')
      : scope.kind === 'group'
        ? lt(rules.groupById.get(scope.id)!.name)
        : `${t('agencies.agency')}: ${agencyName(scope.id)}`;

  const summary = useMemo<Summary | null>(() => {
    if (!notes) return null;
    return buildSummary(
      {
        rules,
        city: ws.city,
        office: ws.office,
        province: ws.province,
        year: ws.year,
        stage: ws.stage,
        score,
        answers,
        assignments,
        evidenceCount,
        misfiled: flags?.openCount ?? new Map(),
        revisionItems: notes,
        deadline: ws.stage === 'revisi' ? (ws.revision?.deadline ?? null) : null,
        unlinkedDocuments,
        unchecked,
      },
      scope,
    );
    // scopeKey stands for scope
  }, [rules, ws, score, answers, assignments, evidenceCount, unchecked, flags, notes, scopeKey, unlinkedDocuments]);

  if (!summary) return null;
  // every file says whose, which year and when (WIB): two exports of one day never share a name
  const fileName = (what: string, ext: string) => exportFileName(what, ws.city, ws.year, ext);

  async function run(what: string, fn: () => Promise<void>) {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(t('summary.exportFailed', { reason: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  }

  const publicLabels = (): PublicLabels => ({
    title: t('summary.publicTitle'),
    total: t('summary.col.score'),
    predicate: t('score.predicate'),
    progress: t('score.groups'),
    groups: Object.fromEntries(rules.groups.map((g) => [g.id, lt(g.short)])),
    bandLabel: lt(score.band.label),
    stage: t(`stage.${ws.stage}`),
    generated: t('summary.printed', { when: dt(Date.now()) }),
    note: t('summary.publicNote'),
    fmt: pts,
    pct,
  });

  return (
    <div className="summary-page">
      <div className="summary-controls no-print">
        <label className="check">
          <input type="checkbox" checked={annex} onChange={(e) => setAnnex(e.target.checked)} /> {t('summary.annex.include')}
        </label>
        <label>
          {t('summary.scope.label')}{' '}
          <select value={scopeKey} onChange={(e) => setScopeKey(e.target.value)} aria-label={t('summary.scope.label')}>
            <option value="all">{t('summary.scope.all')}</option>
            <optgroup label={t('evidence.filters.group')}>
              {rules.groups.map((g) => (
                <option key={g.id} value={`g:${g.id}`}>
                  {lt(g.short)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('agencies.agency')}>
              {agencies.map((a) => (
                <option key={a.id} value={`a:${a.id}`}>
                  {a.name}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('summary.print')}
        </button>
        <button
          type="button"
          disabled={!!busy}
          onClick={() =>
            run('pdf', async () => {
              const at = Date.now();
              setPrintedAt(at);
              const { renderPdf } = await import('./pdf');
              const bytes = await renderPdf(
                pdfBlocks(summary, at, { fmt: { t, pts, dt, lt, pct }, rules, scopeLabel, annex }),
                { left: `Siap KLA · ${ws.city} ${ws.year} · ${t('summary.printed', { when: dt(at) })}`, pageLabel: (p, n) => t('summary.page', { page: p, pages: n }) },
                { title: `${t('summary.title')} ${ws.city} ${ws.year}`, author: ws.city },
              );
              download(new Blob([bytes as BlobPart], { type: 'application/pdf' }), fileName('ringkasan-kla', 'pdf'));
            })
          }
        >
          {t('summary.savePdf')}
        </button>
        <button
          type="button"
          disabled={!!busy}
          onClick={() =>
            run('xlsx', async () => {
              const rows = await exportRows();
              download(await toXlsx(rows, `KLA ${ws.year}`), fileName('jawaban-kla', 'xlsx'));
            })
          }
        >
          {t('summary.xlsx')}
        </button>
        <button
          type="button"
          disabled={!!busy}
          onClick={() =>
            run('csv', async () => {
              const rows = await exportRows();
              download(await toCsv(rows, lang), fileName('jawaban-kla', 'csv'));
            })
          }
        >
          {t('summary.csv')}
        </button>
        <button
          type="button"
          disabled={!!busy}
          onClick={() =>
            run('html', async () => {
              const p = publicSummary(buildPublicBase(), rules, answers, Date.now());
              download(new Blob([publicHtml(p, publicLabels(), lang)], { type: 'text/html;charset=utf-8' }), fileName('kla-publik', 'html'));
            })
          }
        >
          {t('summary.publicHtml')}
        </button>
        <button
          type="button"
          disabled={!!busy}
          onClick={() =>
            run('png', async () => {
              const p = publicSummary(buildPublicBase(), rules, answers, Date.now());
              download(await publicPng(p, publicLabels()), fileName('kla-publik', 'png'));
            })
          }
        >
          {t('summary.publicPng')}
        </button>
        {busy && <span className="muted small">{t('common.loading')}</span>}
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </div>
      <SummarySheet summary={summary} rules={rules} workspaceId={ws.id} printedAt={printedAt} scopeLabel={scopeLabel} annex={annex} />
    </div>
  );

  /** The public page always covers the whole instrument, whatever scope is on screen. */
  function buildPublicBase(): Summary {
    return buildSummary({ rules, city: ws.city, office: ws.office, province: ws.province, year: ws.year, stage: ws.stage, score, answers, assignments, evidenceCount, misfiled: new Map(), revisionItems: [] });
  }

  async function exportRows() {
    const [docs, links] = await Promise.all([db.documents.where('workspaceId').equals(ws.id).toArray(), db.links.where('workspaceId').equals(ws.id).toArray()]);
    const H = (k: string) => t(`summary.col.${k}`);
    return answerRows(rules, lang, answers, assignments, docs, links, notes ?? [], {
      group: H('group'),
      indicator: t('instrument.indicator'),
      code: H('code'),
      question: H('question'),
      max: H('max'),
      points: H('score'),
      status: t('instrument.status'),
      agencies: H('agency'),
      notes: t('instrument.notes'),
      data: t('instrument.data'),
      evidence: H('evidence'),
      evaluatorNotes: H('notes'),
    }, {
      status: (x) => t(`status.${x}`),
      verdict: (v) => t(`review.verdicts.${v}`),
      done: t('summary.noteDone'),
      page: (n) => t('evidence.pageCite', { page: n }),
      agency: agencyName,
    });
  }
}

/**
 * The printed page number in the words "Simpan PDF" uses ("Halaman 1 dari 5"): the label with its
 * two places marked (\u0001 the page, \u0002 the count) as CSS counters between quoted text.
 */
function pageCounterCss(label: string, quote: (x: string) => string): string {
  return `"${quote(label).replace('\u0001', '" counter(page) "').replace('\u0002', '" counter(pages) "')}"`;
}

/**
 * The print page's margin boxes (city, time, page numbers) as a constructed style sheet: the
 * Content-Security-Policy allows no inline <style>, and CSSOM sheets made by the app's own script
 * are not inline styles.
 */
function usePageStyle(css: string) {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((x) => x !== sheet);
    };
  }, [css]);
}
