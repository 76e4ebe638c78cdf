// Tab memory after closing and reopening the browser (a fresh renderer process), against the empty app.
// npx tsx test/bench/restart-mem.mts http://127.0.0.1:4173 2000   (after npm start; uses the scale corpus cache)
import { chromium } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunch } from '../../playwright.config';

const base = process.argv[2];
const n = Number(process.argv[3] ?? 1000);
const corpus = join(process.env.HOME!, '.cache/siap-kla/scale-v1/docs');
const files = readdirSync(corpus).filter((f) => f.endsWith('.pdf') && !f.includes('scan')).sort().slice(0, n).map((f) => join(corpus, f));
const dir = mkdtempSync(join(tmpdir(), 'kla-mem-'));

function rendererMB(): number {
  const table = new Map<number, { ppid: number; cmd: string }>();
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const st = readFileSync(`/proc/${p}/stat`, 'utf8');
      table.set(Number(p), { ppid: Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]), cmd: readFileSync(`/proc/${p}/cmdline`, 'utf8') });
    } catch {}
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { ppid }] of table) if (!mine.has(pid) && mine.has(ppid)) (mine.add(pid), (grew = true));
  }
  let kb = 0;
  for (const pid of mine) {
    if (!table.get(pid)?.cmd.includes('--type=renderer')) continue;
    try { kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]); } catch {}
  }
  return Math.round(kb / 1024);
}
const open = () => chromium.launchPersistentContext(dir, { ...chromiumLaunch, locale: 'id-ID', timezoneId: 'Asia/Jakarta', serviceWorkers: 'block' });
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

let ctx = await open();
let page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(base);
await page.getByLabel('Kabupaten/Kota').fill('Kota Memori');
await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
await page.getByTestId('total').waitFor();
await page.getByRole('link', { name: 'Bukti', exact: true }).click();
await page.getByTestId('drop-area').waitFor();
const wsUrl = page.url();
await settle(5000);
const empty = rendererMB();
for (let i = 0; i < files.length; i += 500) {
  const chunk = files.slice(i, i + 500);
  await page.getByTestId('file-input').setInputFiles(chunk);
  await page.waitForFunction((k) => /(\d+) dari (\d+) selesai/.exec(document.querySelector('[data-testid="intake-overall"]')?.textContent ?? '')?.slice(1).every((x) => Number(x) === k), i + chunk.length, { timeout: 900_000, polling: 1000 });
}
const afterIntake = rendererMB();
await settle(8000); // the index catches up
await ctx.close();
ctx = await open();
page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(wsUrl);
await page.getByTestId('doc-count').filter({ hasText: `${files.length} dokumen` }).waitFor({ timeout: 60_000 });
await settle(8000);
const reopened = rendererMB();
await page.getByLabel('Cari isi dokumen').fill('"kota layak anak"');
await page.waitForFunction(() => document.querySelector('[data-testid="doc-count"]')?.getAttribute('data-query') === '"kota layak anak"', null, { timeout: 30_000 });
await settle(3000);
const afterSearch = rendererMB();
await page.reload();
await page.getByTestId('doc-count').filter({ hasText: `${files.length} dokumen` }).waitFor({ timeout: 60_000 });
await settle(8000);
const reloadedSameProcess = rendererMB();
await ctx.close();
console.log(JSON.stringify({ documents: files.length, emptyMB: empty, afterIntakeMB: afterIntake, reopenedMB: reopened, reopenedGrowthMB: reopened - empty, afterPhraseSearchMB: afterSearch, afterSearchGrowthMB: afterSearch - empty, reloadedSameProcessMB: reloadedSameProcess }));
