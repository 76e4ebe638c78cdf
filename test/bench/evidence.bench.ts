/**
 * Evidence intake in Chromium on a generated corpus of 200 text PDFs of 1 to 40 pages:
 * - throughput (documents/s, MB/s) for hashing + text + storing, two reader workers;
 * - the same corpus through Debian's `pdftotext` (poppler) as the native reference, one process
 *   at a time and two at a time, and the ratio;
 * - peak memory of the tab (sum of RSS of Chromium's renderer processes, sampled from /proc);
 * - search latency over the whole corpus, measured in the page from the input event to the list
 *   showing the new count.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textPdf } from '../fixtures/evidence/generate';
import { launch, NAME_SHIM, openBukti, startPreview } from './browser';
import type { BenchContext } from './run';

const DOCS = 200;

function rendererRssMB(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') || !cmd.includes('--type=renderer')) continue;
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (m) total += Number(m[1]) / 1024;
    } catch {
      /* process ended */
    }
  }
  return total;
}

async function pdftotext(files: string[], parallel: number): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const run = async () => {
    while (next < files.length) {
      const f = files[next++];
      await new Promise<void>((resolve, reject) => {
        const p = spawn('pdftotext', ['-q', f, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
        p.on('exit', () => resolve());
        p.on('error', reject);
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, run));
  return (performance.now() - t0) / 1000;
}

export default async function evidence({ log }: BenchContext) {
  const dir = join(tmpdir(), `kla-bench-corpus-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    log(`evidence: generating ${DOCS} PDFs…`);
    let pages = 0;
    const files: string[] = [];
    for (let i = 0; i < DOCS; i++) {
      const n = 1 + ((i * 37) % 40); // 1..40 pages, spread evenly
      pages += n;
      const f = join(dir, `dokumen-${String(i).padStart(3, '0')}.pdf`);
      writeFileSync(f, await textPdf({ pages: n, seed: i + 1, lines: [`Dokumen bukti nomor ${i}`, i % 10 === 0 ? 'Forum Anak Daerah partisipasi anak' : 'Laporan kegiatan'] }));
      files.push(f);
    }
    const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
    const mb = bytes / 1024 / 1024;

    let native: { seconds1: number; seconds2: number } | { error: string };
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
      native = { seconds1: await pdftotext(files, 1), seconds2: await pdftotext(files, 2) };
    } catch {
      native = { error: 'pdftotext not installed (apt-get install poppler-utils)' };
    }

    const server = await startPreview(4175);
    const browser = await launch();
    try {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      await context.addInitScript(NAME_SHIM);
      const page = await context.newPage();
      await openBukti(page, server.url, 'Kota Bench Bukti');
      const baseRss = rendererRssMB();
      let peakRss = baseRss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, rendererRssMB())), 100);
      log('evidence: intake in Chromium…');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value;
      const task0 = await taskSeconds();
      const t0 = performance.now();
      await page.getByTestId('file-input').setInputFiles(files);
      await page.waitForFunction((n) => document.querySelector('[data-testid="intake-overall"]')?.textContent === `${n} dari ${n} selesai`, DOCS, { polling: 50, timeout: 600_000 });
      const seconds = (performance.now() - t0) / 1000;
      const mainThreadBusy = (await taskSeconds()) - task0;
      clearInterval(sampler);
      const stored = Number(await page.getByTestId('intake-overall').getAttribute('data-stored'));

      // search latency, measured inside the page
      await page.getByRole('button', { name: 'Bersihkan daftar' }).click();
      await page.waitForFunction((n) => document.querySelector('[data-testid="doc-count"]')?.textContent === `${n} dokumen`, DOCS);
      const queries = ['anak', 'forum anak', 'partisipasi', 'dokumen bukti nomor 137', '"kota layak"', 'tidakadakatainixyz'];
      const latencies: Record<string, number[]> = {};
      for (const q of [...queries, ...queries, ...queries]) {
        const ms = await page.evaluate(async (q) => {
          const input = document.querySelector<HTMLInputElement>('input[aria-label="Cari isi dokumen"]')!;
          const count = document.querySelector('[data-testid="doc-count"]')!;
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          // reset to the full list first
          setter.call(input, '');
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => setTimeout(r, 50));
          const t = performance.now();
          setter.call(input, q);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          // done when the list shows the results of this query (data-query is set with them)
          await new Promise<void>((resolve) => {
            const done = () => {
              if (count.getAttribute('data-query') === q || performance.now() - t > 2000) resolve();
              else requestAnimationFrame(done);
            };
            done();
          });
          return performance.now() - t;
        }, q);
        (latencies[q] ??= []).push(+ms.toFixed(1));
      }
      const all = Object.values(latencies).flat().sort((a, b) => a - b);
      const median = all[Math.floor(all.length / 2)];
      const p95 = all[Math.floor(all.length * 0.95)];
      const docsPerSec = +(stored / seconds).toFixed(2);
      const mbPerSec = +(mb / seconds).toFixed(2);
      const ratio = 'seconds1' in native ? +(native.seconds1 / seconds).toFixed(2) : null;
      const ratio2 = 'seconds2' in native ? +(native.seconds2 / seconds).toFixed(2) : null;
      log(`evidence: ${docsPerSec} docs/s, ${mbPerSec} MB/s; pdftotext ${JSON.stringify(native)}; peak ${peakRss.toFixed(0)} MB; search median ${median} ms`);
      return {
        corpus: { documents: DOCS, pages, megabytes: +mb.toFixed(1) },
        intake: { seconds: +seconds.toFixed(2), stored, documentsPerSecond: docsPerSec, megabytesPerSecond: mbPerSec, workers: 2, mainThreadBusySeconds: +mainThreadBusy.toFixed(2) },
        pdftotext: native,
        speedVsPdftotext: { sequential: ratio, twoProcesses: ratio2, note: 'pdftotext seconds / app seconds: 1.0 = parity, 0.5 = half as fast' },
        intakeTarget: 'at least half as fast as pdftotext (ratio >= 0.5), aiming for parity',
        intakeMet: ratio !== null && ratio >= 0.5,
        tabPeakMemoryMB: { baseline: +baseRss.toFixed(0), peak: +peakRss.toFixed(0), growth: +(peakRss - baseRss).toFixed(0) },
        searchLatencyMs: { median, p95, perQuery: latencies },
        searchTarget: '< 50 ms per query',
        searchMet: p95 < 50,
      };
    } finally {
      await browser.close();
      server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
