/**
 * Turns the JSON of `npm run bench -- scale` into the Markdown table of docs/performance.md.
 *
 *   npx tsx test/bench/scale-report.ts bench-results/scale-5000-<time>.json
 *   npm run --silent bench -- scale | npx tsx test/bench/scale-report.ts -
 */
import { readFileSync } from 'node:fs';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function reportTable(r: J): string {
  const s: J = r.scale ?? r;
  const yes = (m: boolean) => (m ? 'yes' : '**no**');
  // targets by what they measure (their order changed once when one was added)
  const t = (starts: string): J => s.targets.find((x: J) => String(x.what).startsWith(starts)) ?? { target: '?', met: false, figure: '?' };
  const b = s.intake.batches;
  const rows: [string, string, string, string][] = [
    ['documents / MiB (du)', `${s.corpus.documents} / ${s.corpus.megabytes} (${s.corpus.duMiB ?? '-'})`, '5,000 / ≥ 1 GB', '-'],
    ['corpus by kind', Object.entries(s.corpus.byKind as J).map(([k, v]) => `${k} ${v.files} (${v.megabytes} MiB${v.pages ? `, ${v.pages} p.` : ''})`).join('; '), '-', '-'],
    ['intake, all batches', `${s.intake.seconds} s, ${s.intake.documentsPerSecond} docs/s, ${s.intake.megabytesPerSecond} MiB/s; ${s.intake.stored} of ${s.intake.documents} stored`, '-', '-'],
    ['main thread busy during intake', `${s.intake.mainThreadBusySeconds} s (${Math.round(s.intake.mainThreadBusyFraction * 100)} %)`, '< 10 % (issue 9, not checked)', '-'],
    ['text-PDF batch', `${b.textPdfs.files} files, ${b.textPdfs.seconds} s, ${b.textPdfs.documentsPerSecond} docs/s`, '-', '-'],
    ['DOCX, XLSX and photos batch', `${b.officeAndPhotos.files} files (${b.officeAndPhotos.photos} photos), ${b.officeAndPhotos.seconds} s`, '-', '-'],
    ['pdftotext, one / two processes', s.pdftotext.error ?? `${s.pdftotext.seconds1} s / ${s.pdftotext.seconds2} s`, '-', '-'],
    ['text intake ÷ pdftotext x2 (CPU-time ratio)', `${s.speedVsPdftotext.twoProcesses} (${s.speedVsPdftotext.cpu ?? '-'})`, t('text-PDF intake speed').target, yes(t('text-PDF intake speed').met)],
    ['OCR pages/s: app / tesseract CLI x2', `${s.ocr.app.pagesPerSecond} / ${s.ocr.tesseractCli.pagesPerSecond ?? '-'} (${s.ocr.tesseractCli.pages ?? '-'} pages)`, '-', '-'],
    ['OCR app ÷ CLI (CPU-time ratio)', `${s.ocr.ratio} (${s.ocr.cpuRatio ?? '-'})`, t('app OCR').target, yes(t('app OCR').met)],
    ['scan batch with no intervention', String(t('the batch of').figure), t('the batch of').target, yes(t('the batch of').met)],
    ['tab memory empty / intake peak / after reload (MB)', `${s.memoryMB.empty} / ${s.memoryMB.intakePeak} / ${s.memoryMB.afterReload}`, '-', '-'],
    ['peak growth during intake (MB)', String(t('peak tab memory').figure), t('peak tab memory').target, yes(t('peak tab memory').met)],
    ['after reload, above empty (MB)', String(t('tab memory after a reload').figure), t('tab memory after a reload').target, yes(t('tab memory after a reload').met)],
    [`search p50 / p95 (${s.search.queries} queries x ${s.search.repeats})`, `${s.search.p50Ms} / ${s.search.p95Ms} ms; answers ${s.search.allCorrect ? 'all correct' : 'NOT all correct'}`, t('search p95').target, yes(t('search p95').met)],
    ['reload to evidence list', `${s.reloadMs.evidenceList.median} ms (${s.reloadMs.evidenceList.runs.join(', ')})`, t('reload to an interactive evidence').target, yes(t('reload to an interactive evidence').met)],
    ['reload to Instrumen', `${s.reloadMs.instrumen.median} ms (${s.reloadMs.instrumen.runs.join(', ')})`, t('reload to an interactive Instrumen').target, yes(t('reload to an interactive Instrumen').met)],
    ['reload to Beranda', `${s.reloadMs.beranda.median} ms (${s.reloadMs.beranda.runs.join(', ')})`, t('reload to Beranda').target, yes(t('reload to Beranda').met)],
    ['.kla export (incl. verify)', s.exchange.export.error ?? `${s.exchange.klaMB} MB in ${s.exchange.export.seconds} s, ${s.exchange.export.MBps} MB/s, renderer +${s.exchange.export.rendererPeakGrowthMB} MB`, '-', '-'],
    ['.kla import (fresh profile)', s.exchange.import.error ?? `${s.exchange.import.seconds} s, ${s.exchange.import.MBps} MB/s, renderer +${s.exchange.import.rendererPeakGrowthMB} MB, ${s.exchange.import.documents} docs`, '-', '-'],
    ['after the import: searchable / read', s.exchange.import.afterImport ? (s.exchange.import.afterImport.error ?? `${s.exchange.import.afterImport.indexedSeconds} s / ${s.exchange.import.afterImport.readSeconds} s`) : 'not measured', '-', '-'],
    ['zip -0 / zip / unzip', s.exchange.zip.error ?? `${s.exchange.zip.store.MBps} / ${s.exchange.zip.deflate.MBps} / ${s.exchange.zip.unzip.MBps} MB/s`, '-', '-'],
    ['export ÷ zip', String(t('.kla export').figure), t('.kla export').target, yes(t('.kla export').met)],
    ['tab memory after closing and reopening the browser, above empty (MB)', String(t('tab memory after closing').figure), t('tab memory after closing').target, yes(t('tab memory after closing').met)],
    ['bench time (corpus cached) / generation', `${s.benchSeconds} s / ${s.corpus.generationSeconds} s${s.nativeReferences ? (s.nativeReferences.cached ? `; native references kept from ${s.nativeReferences.measuredAt.join(', ')} (${s.nativeReferences.secondsToMeasure} s to measure)` : `; native references measured in this run (${s.nativeReferences.secondsToMeasure} s)`) : ''}`, '< 20 min', yes(s.benchSeconds < 1200)],
  ];
  return ['| what | figure | target | met |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

if (process.argv[1]?.endsWith('scale-report.ts')) {
  const src = process.argv[2] ?? '-';
  process.stdout.write(reportTable(JSON.parse(readFileSync(src === '-' ? 0 : src, 'utf8'))) + '\n');
}
