/**
 * Development aid: time one thing on a workspace kept by fill-profile.mts, with a CPU profile of
 * the page's main thread (self time by function, top 25; the profile in /tmp/prof/<what>.cpuprofile).
 *   npx tsx test/bench/try-profile.mts <profile dir> <Bukti URL printed by fill-profile> reload|search|searchbench|intake-searchbench|intake|export
 */
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { intakeDone, NAME_SHIM, printSelfTime } from './browser';

const [, , dir, listUrl, what] = process.argv;
const ctx = await chromium.launchPersistentContext(dir, { ...chromiumLaunch, serviceWorkers: 'block', acceptDownloads: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1280, height: 900 } });
await ctx.addInitScript(NAME_SHIM);
await ctx.addInitScript('delete window.showSaveFilePicker;');
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
// page console lines starting with KLA are printed: temporary timing logs while working on a figure
page.on('console', (m) => m.text().startsWith('KLA') && console.log('   ', m.text()));

async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (process.env.NOPROF) {
    const t0 = Date.now();
    const r = await run();
    console.log(`${name}: ${Date.now() - t0} ms wall (no profiler)`);
    return r;
  }
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  const r = await run();
  const { profile } = await cdp.send('Profiler.stop');
  console.log(`${name}: ${Date.now() - t0} ms wall`);
  printSelfTime(profile, name);
  return r;
}

// TRACE=1 searchbench: a Chromium trace of the timed queries; each run slower than 40 ms is printed
// with the main thread's events longer than 3 ms inside it (what made that query slow)
async function startTrace(): Promise<void> {
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: ['devtools.timeline', 'blink.user_timing', 'v8', 'disabled-by-default-devtools.timeline', 'blink', 'gpu', 'cc'] } });
}
interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: { name?: string; data?: { functionName?: string; url?: string } } }
/** TRACE=1 intake: the main thread's trace events summed by name (nested events counted in each: a
 *  task's total beside its parts), what the JS profiler shows only as "(program)" */
function mainThreadTotals(events: TraceEvent[], threadName: Map<string, string>): void {
  const sums = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || threadName.get(`${e.pid}:${e.tid}`) !== 'CrRendererMain') continue;
    sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0));
  }
  for (const [k, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log('  ', Math.round(us / 1000), 'ms', k);
}
async function endTrace(totals = false): Promise<void> {
  const done = new Promise<string>((res) => cdp.once('Tracing.tracingComplete', (e) => res(e.stream as string)));
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const r = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data;
    if (r.eof) break;
  }
  const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const threadName = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '']));
  if (totals) {
    writeFileSync('/tmp/prof/intake.trace.json', text);
    return mainThreadTotals(events, threadName);
  }
  const marks = events.filter((e) => e.name.startsWith('KLAQ'));
  const main = marks[0] ? `${marks[0].pid}:${marks[0].tid}` : '';
  const starts = marks.filter((m) => m.name.startsWith('KLAQ ')).sort((a, b) => a.ts - b.ts);
  for (const s of starts) {
    const end = marks.find((m) => m.name === s.name.replace('KLAQ ', 'KLAQEND ') && m.ts >= s.ts);
    if (!end || end.ts - s.ts < 40_000) continue;
    console.log(`${s.name.slice(5)}: ${((end.ts - s.ts) / 1000).toFixed(0)} ms`);
    const inside = events.filter((e) => e.ph === 'X' && (e.dur ?? 0) > 3000 && e.ts < end.ts && e.ts + (e.dur ?? 0) > s.ts);
    for (const e of inside.sort((a, b) => a.ts - b.ts).slice(0, 40)) {
      const where = threadName.get(`${e.pid}:${e.tid}`) ?? e.tid;
      const fn = e.args?.data?.functionName ? ` ${e.args.data.functionName} ${(e.args.data.url ?? '').split('/').pop()}` : '';
      console.log(`   +${((e.ts - s.ts) / 1000).toFixed(0)} ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${where}${`${e.pid}:${e.tid}` === main ? '*' : ''} ${e.name}${fn}`);
    }
  }
}

/**
 * The first n text PDFs of the corpus copied under new names (so they are stored), handed over by
 * path as the full bench does: buffers would make the harness build the Files in the page (and
 * Playwright refuses more than 50 MB of them).
 */
function morePdfs(n: number): string[] {
  const corpus = join(process.env.HOME!, '.cache/siap-kla/scale-v1/docs');
  const files = readdirSync(corpus).filter((f) => f.endsWith('.pdf') && !f.includes('scan')).sort().slice(0, n);
  const tmp = '/tmp/prof/lagi';
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  return files.map((f, i) => {
    const to = join(tmp, `lagi-${i}-${f}`);
    writeFileSync(to, Buffer.concat([readFileSync(join(corpus, f)), Buffer.from(`\n% copy ${i}\n`)]));
    return to;
  });
}

/** The list counts as ready above this many documents (LIST_MIN; a 5,000-document profile by default). */
const LIST_MIN = Number(process.env.LIST_MIN ?? 4000);
const LIST_READY = (min: number) => {
  const el = document.querySelector('[data-testid="doc-count"]');
  return !!el && Number((el.textContent || '').replace(/\D/g, '')) > min && !!document.querySelector('[data-doc]') ? performance.now() : false;
};

await page.goto(listUrl);
await page.waitForFunction(LIST_READY, LIST_MIN, { timeout: 120_000, polling: 'raf' });
await page.waitForTimeout(4000);
if (what === 'reload') {
  for (let i = 0; i < 3; i++) {
    // TRACE=1: the last reload's main-thread events summed by name instead of a CPU profile
    const traced = !!process.env.TRACE && i === 2;
    if (traced) await startTrace();
    await (traced ? async (_n: string, run: () => Promise<void>) => run() : profiled)(`reload${i}`, async () => {
      await page.reload();
      const h = await page.waitForFunction(LIST_READY, LIST_MIN, { timeout: 120_000, polling: 'raf' });
      console.log('  ready at', Math.round((await h.jsonValue()) as number), 'ms from navigation start');
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`).join(' '));
      if (marks) console.log('  marks', marks);
    });
    if (traced) await endTrace(true);
    await page.waitForTimeout(3000);
  }
} else if (what === 'search') {
  await page.waitForTimeout(5000);
  const type = (q: string, wait: boolean) =>
    page.evaluate(
      async ([q, wait]) => {
        const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
        const count = document.querySelector('[data-testid="doc-count"]')!;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const until = (ok: () => boolean) => new Promise<void>((res) => { const tick = () => (ok() ? res() : requestAnimationFrame(tick)); tick(); });
        const t = performance.now();
        setter.call(input, q as string);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await until(() => count.getAttribute('data-query') === q);
        const ms = performance.now() - t;
        if (wait) await new Promise((r) => setTimeout(r, 500));
        return ms;
      },
      [q, wait] as const,
    );
  for (const q of ['anak', '"forum anak"', 'perlindu', 'zyxwvutqrs', 'anak', '"forum anak"', 'zyxwvutqrs']) {
    await type('', true);
    await profiled(`search-${q.replace(/\W/g, '')}`, () => type(q, false).then((ms) => console.log('  in page', Math.round(ms), 'ms')));
  }
} else if (what === 'intake') {
  // the page's main thread while the kept workspace (5,000 documents) takes INTAKE_N more text PDFs:
  // what grows with the documents already stored
  const n = Number(process.env.INTAKE_N ?? 300);
  const payload = morePdfs(n);
  // BCSTAT=1: what Dexie's cross-context change messages carry (every worker transaction sends one
  // to the page, whose live queries each merge it: tables, and keys per table)
  if (process.env.BCSTAT) await page.evaluate(() => {
    const stat = { messages: 0, parts: {} as Record<string, number> };
    (window as unknown as { bcstat: typeof stat }).bcstat = stat;
    const count = (n: { l?: unknown; r?: unknown } | null): number => (n && 'from' in n ? 1 + count(n.l as never) + count(n.r as never) : 0);
    new BroadcastChannel('x-storagemutated-1').onmessage = (e) => {
      stat.messages++;
      for (const [k, v] of Object.entries(e.data as Record<string, never>)) stat.parts[k] = (stat.parts[k] ?? 0) + count(v);
    };
  });
  await cdp.send('HeapProfiler.collectGarbage');
  console.log('page JS heap before, after GC', Math.round((await cdp.send('Runtime.getHeapUsage')).usedSize / 1048576), 'MB');
  if (process.env.TRACE) await startTrace();
  await profiled(`intake${n}`, async () => {
    await page.getByTestId('file-input').setInputFiles(payload);
    await intakeDone(page, n);
  });
  if (process.env.TRACE) await endTrace(true);
  if (process.env.BCSTAT) console.log(JSON.stringify(await page.evaluate(() => (window as unknown as { bcstat: unknown }).bcstat), null, 1));
  // the page's JS heap after a full GC (the readers and the search worker are not in it)
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  console.log('page JS heap after GC', Math.round(heap.usedSize / 1048576), 'MB');
} else if (what === 'searchbench' || what === 'intake-searchbench') {
  if (what === 'intake-searchbench') {
    // the full bench searches in the page that has just taken its documents: take INTAKE_N more
    // text PDFs of the corpus (copies under new names, so they are stored), then search at once
    const n = Number(process.env.INTAKE_N ?? 300);
    await page.getByTestId('file-input').setInputFiles(morePdfs(n));
    await intakeDone(page, n);
    console.log(`took ${n} more documents`);
  }
  // the scale bench's 16 queries, 1 warm-up + 5 timed runs each, as it times them (from the full list)
  await page.waitForTimeout(5000);
  const qs = ['anak', 'kesehatan', 'pelayanan', '"forum anak"', '"kota layak anak"', 'perlindu', 'imunisa', 'sekolah ramah kecamatan', '188.45/9137/KEP/2023', 'ZX-4471-KLA', '"Kampung Pelangi Tunas Harapan"', 'lumbung gizi cendana', 'posyandu mawar jingga', 'taman bacaan cempaka', 'zyxwvutqrs', 'cempakx wangix'];
  const all: number[] = [];
  if (process.env.TRACE) await startTrace();
  await profiled('searchbench', async () => { for (const q of qs) {
    const runs: number[] = [];
    for (let k = 0; k < 6; k++) {
      const ms = await page.evaluate(async ([q, k]) => {
        const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
        const count = document.querySelector('[data-testid="doc-count"]')!;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const until = (ok: () => boolean) => new Promise<void>((res) => { const tick = () => (ok() ? res() : requestAnimationFrame(tick)); tick(); });
        setter.call(input, '');
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await until(() => count.getAttribute('data-query') === '');
        await new Promise((r) => setTimeout(r, 60));
        const t = performance.now();
        performance.mark(`KLAQ ${k} ${q}`);
        setter.call(input, q);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await until(() => count.getAttribute('data-query') === q);
        performance.mark(`KLAQEND ${k} ${q}`);
        return performance.now() - t;
      }, [q, k] as const);
      if (k) runs.push(ms);
    }
    all.push(...runs);
    console.log(q.padEnd(34), runs.map((x) => x.toFixed(0)).join(' '));
  } });
  // TRACE_TOTALS=1: the main thread's events summed by name instead of the slow runs one by one
  if (process.env.TRACE) await endTrace(!!process.env.TRACE_TOTALS);
  await cdp.send('HeapProfiler.collectGarbage');
  console.log('page JS heap after GC', Math.round((await cdp.send('Runtime.getHeapUsage')).usedSize / 1048576), 'MB');
  all.sort((a, b) => a - b);
  console.log('p50', all[Math.floor(all.length * 0.5)].toFixed(1), 'p95', all[Math.min(all.length - 1, Math.ceil(all.length * 0.95) - 1)].toFixed(1));
} else if (what === 'export') {
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const button = page.getByRole('button', { name: 'Ekspor berkas kota' });
  await button.waitFor();
  await page.waitForTimeout(2000);
  await profiled('export', async () => {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 1_800_000 }), button.click()]);
    await d.saveAs('/tmp/prof/export.kla');
  });
}
await ctx.close();
