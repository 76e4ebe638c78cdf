import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { getDb } from '../../db/client';
import { formatRemaining } from '../../domain/countdown';
import { buildSummary, publicSummary, type Summary, type SummaryScope } from '../../domain/summary';
import { useFlags } from '../../shared/flags';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { downloadBlob as download } from '../../shared/download';
import { exportFileName } from '../../shared/format';
import { answerRows, publicHtml, publicPng, toCsv, toXlsx, type PublicLabels } from './exports';
import type { PdfBlock } from './pdf';
import { SummarySheet } from './SummarySheet';

/** Ringkasan: the printable readiness summary, its PDF, spreadsheet and public (PPID) versions. */
export function SummaryPage() {
  const { ws, rules, answers, assignments, score, evidenceCount } = useWorkspace();
  const { t, pts, dt, lt, lang, pct } = useFmt();
  const db = getDb();
  const flags = useFlags();
  const notes = useLiveQuery(() => db.revisionItems.where('workspaceId').equals(ws.id).toArray(), [ws.id]);
  const [scopeKey, setScopeKey] = useState('all');
  const [printedAt, setPrintedAt] = useState(() => Date.now());
  const cssText = (x: string) => x.replace(/["\\\n]/g, '');
  usePageStyle(`@page { size: A4 portrait; margin: 14mm 12mm 16mm; @bottom-left { content: "Siap KLA · ${cssText(ws.city)} ${ws.year} · ${cssText(t('summary.printed', { when: dt(printedAt) }))}"; font-size: 8pt; } @bottom-right { content: "${cssText(t('summary.pageCss'))}" counter(page) " / " counter(pages); font-size: 8pt; } }`);
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
        : `${t('agencies.agency')}: ${rules.agencies.find((a) => a.id === scope.id)?.name ?? scope.id}`;

  const summary = useMemo<Summary | null>(() => {
    if (!notes) return null;
    return buildSummary(
      {
        rules,
        city: ws.city,
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
      },
      scope,
    );
    // scopeKey stands for scope
  }, [rules, ws, score, answers, assignments, evidenceCount, flags, notes, scopeKey]);

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

  function pdfBlocks(s: Summary, at: number): PdfBlock[] {
    const agencyName = (id: string) => rules.agencies.find((a) => a.id === id)?.name ?? id;
    const blocks: PdfBlock[] = [
      { type: 'title', text: t('summary.title') },
      { type: 'text', text: `${s.city} · ${s.province} · ${t('summary.year', { year: s.year })}`, bold: true, size: 11 },
      { type: 'text', text: `${t('workspace.stage')}: ${t(`stage.${s.stage}`)} · ${scopeLabel}` },
      { type: 'text', text: `${t('score.total')}: ${pts(s.total)} / ${pts(s.max)} · ${t('score.predicate')}: ${lt(s.band.label)}`, bold: true, size: 13 },
    ];
    if (s.deadline) blocks.push({ type: 'text', text: t('summary.deadline', { when: dt(s.deadline), left: formatRemaining(s.deadline - at) }), bold: true });
    blocks.push(
      {
        type: 'bands',
        min: Math.max(0, rules.bands.items[0].min - 100),
        max: rules.maxTotal,
        score: s.total,
        scoreLabel: pts(s.total),
        bands: rules.bands.items.map((b, i) => ({ label: lt(b.label), from: i === 0 ? b.min : rules.bands.items[i - 1].max, to: b.max })),
      },
      { type: 'text', text: s.nextBand ? t('score.toNext', { points: pts(s.nextBand.pointsNeeded), band: lt(s.nextBand.label) }) : t('score.top') },
      { type: 'heading', text: t('score.groups') },
      { type: 'bars', bars: s.groups.map((g) => ({ label: lt(rules.groupById.get(g.id)!.short), value: g.score, max: g.max, text: `${pts(g.score)} / ${pts(g.max)}` })) },
      { type: 'heading', text: t('summary.plan.title') },
    );
    if (s.plan.target) {
      blocks.push({
        type: 'text',
        text: t('summary.plan.intro', { band: lt(rules.bands.items.find((b) => b.id === s.plan.target!.id)!.label), points: pts(s.plan.pointsNeeded), count: s.plan.items.length, threshold: pts(s.plan.target.threshold) }),
      });
      blocks.push({
        type: 'table',
        table: {
          columns: [
            { label: t('summary.col.question'), width: 46 },
            { label: t('summary.col.agency'), width: 22 },
            { label: t('summary.col.now'), width: 10, align: 'right' },
            { label: t('summary.col.gain'), width: 8, align: 'right' },
            { label: t('summary.col.document'), width: 14 },
          ],
          rows: s.plan.items.map((i) => [
            `${i.code} ${lt(rules.questionByCode.get(i.code)!.prompt)}`,
            i.agencies.map(agencyName).join(', ') || t('summary.kecDesa'),
            `${pts(i.current)} / ${pts(i.max)}`,
            `+${pts(i.gain)}`,
            i.missingDocuments ? t('summary.plan.needsDoc') : t('summary.plan.hasDoc'),
          ]),
        },
      });
    } else blocks.push({ type: 'text', text: t('score.top') });
    blocks.push({ type: 'heading', text: t('summary.gaps.title') });
    for (const k of ['unanswered', 'noEvidence', 'misfiled', 'openNotes'] as const) {
      const items = s.gaps[k];
      blocks.push({ type: 'text', text: `${t(`summary.gaps.${k}`)} (${items.length}): ${items.map((g) => g.code).join(', ') || '-'}` });
    }
    blocks.push(
      { type: 'heading', text: t('summary.indicators') },
      {
        type: 'table',
        table: {
          columns: [
            { label: t('instrument.indicator'), width: 44 },
            { label: t('summary.col.score'), width: 9, align: 'right' },
            { label: t('summary.col.max'), width: 8, align: 'right' },
            { label: t('summary.col.ready'), width: 10, align: 'right' },
            { label: t('summary.col.evidence'), width: 9, align: 'right' },
            { label: t('summary.col.flags'), width: 10, align: 'right' },
            { label: t('summary.col.notes'), width: 10, align: 'right' },
          ],
          rows: s.indicators.map((i) => [`${i.code} ${lt(i.title)}`, pts(i.score), pts(i.max), `${i.ready}/${i.questions}`, String(i.evidence), i.flags ? String(i.flags) : '', i.notes ? `${i.openNotes}/${i.notes}` : '']),
        },
      },
      { type: 'heading', text: t('agencies.title') },
      {
        type: 'table',
        table: {
          columns: [
            { label: t('agencies.agency'), width: 46 },
            { label: t('agencies.questions'), width: 14, align: 'right' },
            { label: t('agencies.ready'), width: 18, align: 'right' },
            { label: t('agencies.points'), width: 22, align: 'right' },
          ],
          rows: [...s.agencies].sort((a, b) => a.ready / a.questions - b.ready / b.questions).map((a) => [agencyName(a.agency), String(a.questions), `${a.ready} (${pct(a.ready / a.questions)})`, `${pts(a.points)} / ${pts(a.maxPoints)}`]),
        },
      },
      {
        type: 'signature',
        left: [t('summary.sign.prepared'), '', '(....................................)', t('summary.sign.officer')],
        right: [`${s.city}, ${dt(at, false).replace(/,? \d{2}[.:]\d{2} WIB$/, '')}`, t('summary.sign.approved'), '', '(....................................)', t('summary.sign.head')],
      },
    );
    return blocks;
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
              {rules.agencies.map((a) => (
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
                pdfBlocks(summary, at),
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
      <SummarySheet summary={summary} rules={rules} workspaceId={ws.id} printedAt={printedAt} scopeLabel={scopeLabel} />
    </div>
  );

  /** The public page always covers the whole instrument, whatever scope is on screen. */
  function buildPublicBase(): Summary {
    return buildSummary({ rules, city: ws.city, province: ws.province, year: ws.year, stage: ws.stage, score, answers, assignments, evidenceCount, misfiled: new Map(), revisionItems: [] });
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
    });
  }
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
