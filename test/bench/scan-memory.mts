/**
 * Development aid: the renderer's memory (VmRSS of this Chromium's renderer processes: the page
 * and its workers) while an empty workspace takes N scanned PDFs (OCR), sampled every 250 ms and
 * printed every 5 s, with the peak above the empty app. The scale bench's peak comes from its
 * scans batch; this isolates it.
 *   npx vite preview --port 4191 --outDir dist-b &   npx tsx test/bench/scan-memory.mts http://127.0.0.1:4191 60
 * `SCAN_TEXTS_OUT=<file>` also writes each document's text by file name (an OCR A/B: same text?).
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunch } from '../../playwright.config';
import { intakeDone, NAME_SHIM, openBukti } from './browser';

const base = process.argv[2];
const n = Number(process.argv[3] ?? 60);
const kind = process.argv[4] ?? 'scan';
const corpus = join(process.env.HOME!, '.cache/siap-kla/scale-v1/docs');
const files = readdirSync(corpus).filter((f) => f.includes(kind)).sort().slice(0, n).map((f) => join(corpus, f));
const dir = mkdtempSync(join(tmpdir(), 'scanmem-'));
const ctx = await chromium.launchPersistentContext(dir, { ...chromiumLaunch, serviceWorkers: 'block' });
await ctx.addInitScript(NAME_SHIM);

function rendererMB(): number {
  let kb = 0;
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (!cmd.includes(dir) || !cmd.includes('--type=renderer')) continue;
      kb += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* ended */
    }
  }
  return kb / 1024;
}

/** The machine's CPU counters (all cores, jiffies): busy and total, from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - f[4], total };
}

const page = await ctx.newPage();
// console lines starting with KLA (the page's and its workers'): temporary timing logs while working on a figure
page.on('console', (m) => m.text().startsWith('KLA') && console.log('   ', m.text()));
await openBukti(page, base, 'Kota Memori');
await page.waitForTimeout(3000);
const empty = rendererMB();
let peak = empty;
const t0 = Date.now();
const cpu0 = machineCpu();
let last = 0;
const timer = setInterval(() => {
  const mb = rendererMB();
  peak = Math.max(peak, mb);
  if (Date.now() - last > 5000) {
    last = Date.now();
    console.log(`${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s  ${mb.toFixed(0)} MB`);
  }
}, 250);
await page.getByTestId('file-input').setInputFiles(files);
await intakeDone(page, files.length);
clearInterval(timer);
const cpu1 = machineCpu();
// busy cores: the machine's average number of busy cores over the batch (2 = both cores all the time)
const busyCores = Math.round(((cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total)) * cpus().length * 100) / 100;
console.log(JSON.stringify({ files: files.length, kind, seconds: (Date.now() - t0) / 1000, busyCores, emptyMB: Math.round(empty), peakMB: Math.round(peak), peakGrowthMB: Math.round(peak - empty), endMB: Math.round(rendererMB()) }));
// SCAN_TEXTS_OUT=<file>: each document's text by file name, to compare two builds' OCR (A/B)
if (process.env.SCAN_TEXTS_OUT) {
  const texts = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('siap-kla');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = <T,>(store: string) => new Promise<T[]>((res) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => res(r.result as T[]);
    });
    const docs = await all<{ id: string; name: string }>('documents');
    const rows = new Map((await all<{ id: string; text?: string; pages?: string[] }>('texts')).map((t) => [t.id, t.text ?? (t.pages ?? []).join('\n\n')]));
    return Object.fromEntries(docs.map((d) => [d.name, rows.get(d.id) ?? '']));
  });
  writeFileSync(process.env.SCAN_TEXTS_OUT, JSON.stringify(texts, null, 1));
}
await ctx.close();
