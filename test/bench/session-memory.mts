/**
 * Development aid: where a long session's memory goes on a city-sized workspace (the eighth walk
 * saw 1.5-1.7 GB across Chromium's processes after 25 minutes at 5,000 documents). Opens a copy of
 * a profile kept by fill-profile.mts and works as an officer does, phase after phase: Beranda,
 * Bukti's list scrolled, searches, documents opened one after another, Instrumen's questions,
 * Ringkasan, more documents. After each phase (garbage collected first) it prints the JS heap of
 * the page and of each worker (through the DevTools protocol), the workers alive, and the resident
 * memory of Chromium's processes by kind.
 *
 *   npx vite build --outDir dist-m && (npx vite preview --port 4190 --strictPort --outDir dist-m &)
 *   rm -rf /tmp/prof5k && cp -a ~/.cache/siap-kla/profile-5000 /tmp/prof5k
 *   npx tsx test/bench/session-memory.mts http://127.0.0.1:4190 /tmp/prof5k [documents to open, 60]
 */
import { chromium, type Page } from '@playwright/test';
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromiumLaunch } from '../../playwright.config';
import { NAME_SHIM } from './browser';

// playwright-core's own WebSocket client (no new dependency for a development aid)
const { ws: WebSocket } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle') as { ws: new (url: string) => any };

const [url = 'http://127.0.0.1:4190', dir = '/tmp/prof5k', nArg = '60'] = process.argv.slice(2);
const PORT = 9339;
const ctx = await chromium.launchPersistentContext(dir, {
  ...chromiumLaunch,
  args: [...chromiumLaunch.args, `--remote-debugging-port=${PORT}`],
  serviceWorkers: 'block',
  locale: 'id-ID',
  timezoneId: 'Asia/Jakarta',
  viewport: { width: 1366, height: 768 },
});
await ctx.addInitScript(NAME_SHIM);
const page = ctx.pages()[0] ?? (await ctx.newPage());

/** A raw DevTools connection to the browser: every target's heap, workers included. */
async function cdp() {
  const { webSocketDebuggerUrl } = (await (await fetch(`http://127.0.0.1:${PORT}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const sock = new WebSocket(webSocketDebuggerUrl);
  await new Promise((r) => sock.once('open', r));
  let id = 0;
  const waiting = new Map<number, (v: any) => void>();
  const self = { send: null as unknown, close: () => sock.close(), onEvent: (_m: any) => {} };
  sock.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString());
    if (m.method) self.onEvent(m);
    if (m.id && waiting.has(m.id)) waiting.get(m.id)!(m.error ? { error: m.error } : m.result), waiting.delete(m.id);
  });
  const send = (method: string, params: object = {}, sessionId?: string) =>
    new Promise<any>((resolve) => {
      waiting.set(++id, resolve);
      sock.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  return Object.assign(self, { send });
}

const MB = (b: number) => Math.round(b / 1048576);

async function heaps(): Promise<{ name: string; type: string; usedMB: number; totalMB: number }[]> {
  const c = await cdp();
  try {
    const { targetInfos } = await c.send('Target.getTargets');
    const out = [];
    for (const t of targetInfos as { targetId: string; type: string; title: string; url: string }[]) {
      if (!['page', 'worker'].includes(t.type) || !t.url.startsWith(url)) continue;
      const { sessionId } = await c.send('Target.attachToTarget', { targetId: t.targetId, flatten: true });
      if (!sessionId) continue;
      await c.send('HeapProfiler.collectGarbage', {}, sessionId);
      const h = await c.send('Runtime.getHeapUsage', {}, sessionId);
      out.push({ name: t.type === 'page' ? 'page' : t.title || t.url.split('/').pop()!, type: t.type, usedMB: MB(h.usedSize ?? 0), totalMB: MB(h.totalSize ?? 0) });
      await c.send('Target.detachFromTarget', { sessionId });
    }
    return out;
  } finally {
    c.close();
  }
}

/** Resident memory of this Chromium's processes by kind (renderer, gpu, utility, browser), MB. */
function processes(): Record<string, number> {
  const lines = execSync(`ps -eo rss=,args= | grep -- '--user-data-dir=${dir}' | grep -v grep || true`).toString().trim().split('\n').filter(Boolean);
  const out: Record<string, number> = {};
  for (const l of lines) {
    const [rss, ...rest] = l.trim().split(/\s+/);
    const kind = /--type=(\S+)/.exec(rest.join(' '))?.[1] ?? 'browser';
    out[kind] = (out[kind] ?? 0) + Math.round(Number(rss) / 1024);
  }
  return out;
}

/**
 * Chromium's own accounting (memory-infra): per process, what its allocators hold (V8, Blink's
 * heap, malloc, PartitionAlloc, the image and web caches, GPU and compositor memory, Skia).
 */
async function allocators(): Promise<void> {
  const c = await cdp();
  try {
    const events: any[] = [];
    const done = new Promise<void>((resolve) => {
      (c as any).onEvent = (m: any) => {
        if (m.method === 'Tracing.dataCollected') events.push(...m.params.value);
        if (m.method === 'Tracing.tracingComplete') resolve();
      };
    });
    await c.send('Tracing.start', { traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], memoryDumpConfig: { triggers: [] } }, transferMode: 'ReportEvents' });
    await c.send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' });
    await c.send('Tracing.end');
    await done;
    const names = new Map<number, string>();
    for (const e of events) if (e.ph === 'M' && e.name === 'process_labels') names.set(e.pid, e.args.labels);
    for (const e of events.filter((e) => e.ph === 'v' && e.args?.dumps?.allocators)) {
      const top: Record<string, number> = {};
      for (const [name, a] of Object.entries<any>(e.args.dumps.allocators)) {
        // the allocators, and PartitionAlloc's partitions (array buffers, Blink's strings and layout)
        if (name.includes('/') && !/^partition_alloc\/partitions\/[^/]+$/.test(name)) continue;
        const size = a.attrs?.effective_size?.value ?? a.attrs?.size?.value;
        if (size) top[name] = MB(parseInt(size, 16));
      }
      const big = Object.entries(top).filter(([, v]) => v >= 5).sort((a, b) => b[1] - a[1]);
      if (big.length) console.log(`  pid ${e.pid} ${names.get(e.pid) ?? ''}: ${big.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
  } finally {
    c.close();
  }
}

async function report(phase: string, t0: number): Promise<void> {
  const h = await heaps();
  const p = processes();
  const total = Object.values(p).reduce((s, x) => s + x, 0);
  console.log(`\n## ${phase} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(`  heaps (used/total MB): ${h.map((x) => `${x.name} ${x.usedMB}/${x.totalMB}`).join(', ')}`);
  console.log(`  processes RSS MB: ${Object.entries(p).map(([k, v]) => `${k} ${v}`).join(', ')}; all ${total}`);
}

async function openDocs(page: Page, n: number): Promise<void> {
  for (let k = 0; k < n; k++) {
    const rows = page.locator('button.doc-open:not([aria-current])');
    const count = await rows.count();
    if (count < 2) break;
    await rows.nth(k % count).click();
    await page.locator('[data-testid="doc-detail"] h2').waitFor();
    // the first page drawn, or a photo or text shown: whichever the document has
    await page.waitForFunction(() => !!document.querySelector('[data-testid="doc-detail"] canvas.pdf-canvas[data-drawn], [data-testid="doc-detail"] img, [data-testid="doc-detail"] .doc-text'), null, { timeout: 30_000 }).catch(() => undefined);
    if (k % 10 === 9) await page.mouse.wheel(0, 600);
  }
}

const t0 = Date.now();
const n = Number(nArg);
await page.goto(url);
// the bare address reopens the last workspace; else its line in the list
await page.getByRole('link', { name: /Kabupaten Bench Skala/ }).first().click({ timeout: 5000 }).catch(() => undefined);
await page.getByTestId('home-total').waitFor({ timeout: 60_000 });
const home = page.url();
const wsBase = home.split('#')[0] + '#/w/' + home.split('#/w/')[1].split('/')[0];
await page.waitForTimeout(5000);
await report('Beranda', t0);

await page.goto(`${wsBase}/bukti`);
await page.locator('button.doc-open').first().waitFor({ timeout: 60_000 });
for (let k = 0; k < 40; k++) await page.mouse.wheel(0, 2000);
await page.waitForTimeout(2000);
await report("Bukti's list, scrolled", t0);

const box = page.getByRole('searchbox').first();
for (const q of ['anak', 'forum anak', 'akta kelahiran', 'perda', 'kesejahtraan', 'imunisasi', 'sekolah ramah anak', 'pusat informasi', 'posyandu', 'pernikahan anak']) {
  await box.fill(q);
  await page.waitForFunction((q) => document.querySelector(`[data-query="${q}"]`) !== null, q, { timeout: 30_000 }).catch(() => undefined);
}
await box.fill('');
await page.waitForTimeout(1000);
await report('10 searches', t0);

await openDocs(page, n);
await report(`${n} documents opened`, t0);

await page.goto(`${wsBase}/instrumen`);
await page.locator('.q-row').first().waitFor();
for (let k = 0; k < 30; k++) {
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(150);
}
await report('Instrumen, 30 questions', t0);

await page.goto(`${wsBase}/ringkasan`);
await page.getByTestId('total').waitFor().catch(() => undefined);
await page.waitForTimeout(3000);
await report('Ringkasan', t0);

await page.goto(`${wsBase}/bukti`);
await page.locator('button.doc-open').first().waitFor();
await openDocs(page, n);
await report(`${n} more documents opened`, t0);

await page.waitForTimeout(30_000);
await report('half a minute idle', t0);
await allocators();
await ctx.close();
