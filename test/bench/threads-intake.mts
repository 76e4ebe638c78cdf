// CPU seconds by thread during an intake of N text PDFs (or scans, THREADS_KIND=scan) of the scale corpus: the page's main
// thread ("chromium"), each worker (DedicatedWorker: two readers and the search worker, by thread
// id), the renderer's and browser's thread pools (blob and IndexedDB work). Reads
// /proc/<pid>/task/<tid>/stat of this Chromium's processes, so it needs Linux. It tells which
// worker to profile next (profile-intake.mts profiles the main thread).
//   npx vite build --outDir dist-b && npx vite preview --port 4191 --outDir dist-b &
//   npx tsx test/bench/threads-intake.mts http://127.0.0.1:4191 300
import { chromium } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunch } from '../../playwright.config';
import { intakeDone, openBukti } from './browser';
const corpus = join(process.env.HOME!, '.cache/siap-kla/scale-v1/docs');
const n = Number(process.argv[3] ?? 300);
// THREADS_KIND=scan: the scanned PDFs instead (OCR: where a scan batch's CPU goes besides tesseract)
const scans = process.env.THREADS_KIND === 'scan';
const files = readdirSync(corpus).filter((f) => f.endsWith('.pdf') && f.includes('scan') === scans).sort().slice(0, n).map((f) => join(corpus, f));
function threads(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd = ''; try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (!cmd.includes('chrom')) continue;
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
    let tasks: string[] = []; try { tasks = readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of tasks) {
      try {
        const st = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')'));
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        const cpu = (Number(f[11]) + Number(f[12])) / 100;
        const key = `${type}:${pid}:${tid}:${name}`;
        out.set(key, cpu);
      } catch {}
    }
  }
  return out;
}
// a profile on disk, as an officer's Chromium has (the default context keeps IndexedDB in memory)
const dir = mkdtempSync(join(tmpdir(), 'kla-threads-'));
const browser = await chromium.launchPersistentContext(dir, { ...chromiumLaunch, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
const page = browser.pages()[0] ?? (await browser.newPage());
await openBukti(page, process.argv[2], 'Kota Profil');
const before = threads();
const t0 = Date.now();
let last = new Map<string, number>();
const timer = setInterval(() => { for (const [k, v] of threads()) last.set(k, v); }, 500);
await page.getByTestId('file-input').setInputFiles(files);
await intakeDone(page, files.length, 500);
clearInterval(timer);
for (const [k, v] of threads()) last.set(k, v);
console.log('intake s', (Date.now() - t0) / 1000);
const agg = new Map<string, number>();
for (const [k, v] of last) { const d = v - (before.get(k) ?? 0); if (d < 0.05) continue; const [type, , , name] = k.split(':'); const key = name.startsWith("DedicatedWorker") ? `${type} ${name} ${k.split(":")[2]}` : `${type} ${name.replace(/\d+$/, "N")}`; agg.set(key, (agg.get(key) ?? 0) + d); }
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1])) console.log(v.toFixed(1), k);
await browser.close();
rmSync(dir, { recursive: true, force: true });
