/** Shared browser plumbing for benchmarks: a `vite preview` server and Debian's Chromium. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
import { ensureBuild, ROOT } from './run';

/** `outDir`: a build folder of the caller's own (built if stale), so parallel runs do not collide. */
export async function startPreview(port = 4174, outDir?: string): Promise<{ url: string; stop: () => void }> {
  ensureBuild(outDir);
  const child: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', ...(outDir ? ['--outDir', outDir] : [])], { cwd: ROOT, stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch(chromiumLaunch);
}

/**
 * tsx (esbuild) wraps named functions inside `page.evaluate` callbacks with a `__name` helper that
 * does not exist in the page; this init script defines it.
 */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

/** A new workspace for `city`, then its Bukti screen, ready for files. */
export async function openBukti(page: Page, url: string, city: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Kabupaten/Kota').fill(city);
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await page.getByTestId('total').waitFor();
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('drop-area').waitFor();
}

/** Until the intake queue says "n dari n selesai". */
export async function intakeDone(page: Page, n: number, polling = 1000): Promise<void> {
  await page.waitForFunction((k) => /([\d.,]+) dari ([\d.,]+) selesai/.exec(document.querySelector('[data-testid="intake-overall"]')?.textContent ?? '')?.slice(1).every((x) => Number(x.replace(/[.,]/g, '')) === k), n, { timeout: 900_000, polling });
}

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Print a CDP CPU profile's self time by function (top `top`; idle left out, and with
 * `withProgram` false also "(program)", the engine's own work) and save it to
 * /tmp/prof/<name>.cpuprofile (open it in Chromium's DevTools).
 */
export function printSelfTime(profile: CpuProfile, name: string, top = 25, withProgram = true): void {
  const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
  const self = new Map<number, number>();
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
  const agg = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const cf = byId.get(id)!.callFrame;
    if (cf.functionName === '(idle)' || (!withProgram && cf.functionName === '(program)')) continue;
    const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`;
    agg.set(key, (agg.get(key) ?? 0) + us);
    total += us;
  }
  console.log(`  busy ${Math.round(total / 1000)} ms`);
  for (const [k, us] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log('  ', Math.round(us / 1000), k);
  mkdirSync('/tmp/prof', { recursive: true });
  writeFileSync(`/tmp/prof/${name}.cpuprofile`, JSON.stringify(profile));
}

/** The origin database's counts that say how far the background work after an import has gone. */
export async function queueCounts(page: Page): Promise<{ documents: number; pending: number; classified: number }> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const q = indexedDB.open('siap-kla');
      q.onsuccess = () => res(q.result);
      q.onerror = () => rej(q.error);
    });
    const count = (store: string) =>
      new Promise<number>((res) => {
        const q = db.transaction(store).objectStore(store).count();
        q.onsuccess = () => res(q.result);
      });
    const out = { documents: await count('documents'), pending: await count('searchPending'), classified: await count('classifications') };
    db.close();
    return out;
  });
}

/**
 * After an import: seconds until the search index has caught up (searchPending empty) and until
 * the last reading of where a document belongs was stored (src/db/classifyStored.ts; done when
 * their count has not moved for 15 s), counted from the call. Polls every 5 s.
 */
export async function indexedAndRead(page: Page, timeoutMs: number, log?: (line: string) => void) {
  const t0 = Date.now();
  let indexedSeconds: number | null = null;
  let last = { classified: -1, at: 0 };
  for (;;) {
    const c = await queueCounts(page);
    const s = (Date.now() - t0) / 1000;
    log?.(`+${s.toFixed(0)} s: ${JSON.stringify(c)}`);
    if (c.pending === 0 && indexedSeconds === null) indexedSeconds = s;
    if (c.classified !== last.classified) last = { classified: c.classified, at: s };
    // quiet for 15 s since the index caught up and since the last new reading (reading starts after the index)
    else if (indexedSeconds !== null && s - Math.max(last.at, indexedSeconds) >= 15) return { indexedSeconds: Math.round(indexedSeconds), readSeconds: Math.round(last.at), ...c };
    if (s * 1000 > timeoutMs) throw new Error(`after the import: not done in ${timeoutMs / 1000} s (${JSON.stringify(c)})`);
    await page.waitForTimeout(5000);
  }
}

/**
 * One search typed into Bukti's search box, timed in the page from the keystroke until the list
 * shows this query's results (`doc-count`'s data-query); the list is cleared and settled first.
 */
export async function runQuery(page: Page, q: string): Promise<{ ms: number; count: number; names: string[]; timedOut: boolean }> {
  return page.evaluate(async (q) => {
    const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    const count = document.querySelector('[data-testid="doc-count"]')!;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const until = (ok: () => boolean, limit: number) =>
      new Promise<boolean>((resolve) => {
        const t = performance.now();
        const tick = () => {
          if (ok()) resolve(true);
          else if (performance.now() - t > limit) resolve(false);
          else requestAnimationFrame(tick);
        };
        tick();
      });
    // back to the full list first, and let it settle
    setter.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => count.getAttribute('data-query') === '', 10_000);
    await new Promise((r) => setTimeout(r, 60));
    const t = performance.now();
    setter.call(input, q);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // done when the list shows the results of this query (data-query is set with them)
    const ok = await until(() => count.getAttribute('data-query') === q, 10_000);
    const ms = performance.now() - t;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    const names = [...document.querySelectorAll('[data-doc]')].map((e) => e.getAttribute('data-doc') ?? '');
    return { ms, count: Number((count.textContent ?? '').replace(/\D/g, '')), names, timedOut: !ok };
  }, q);
}
