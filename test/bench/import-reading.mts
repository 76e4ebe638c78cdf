/**
 * Development aid: open a city's `.kla` as the evaluator in a fresh profile and time what follows
 * the import in the background: the search worker indexing every document and reading where each
 * belongs (src/db/classifyStored.ts). Until it is done, search finds part of the documents and the
 * misfile flags are partial. Prints the import's time, then the queue and the readings every 5 s,
 * and at the end when the index had caught up and when the last reading was stored (the readings
 * are done when their count has not moved for 15 s).
 *
 * With `--search`, once the index has caught up it types searches into Bukti (SEARCHES, each
 * timed as the scale bench times them) for as long as the worker reads documents, then the same
 * searches again once it is done: search p50/p95 while the worker reads, and after.
 *
 *   npx vite build --outDir dist-b && (npx vite preview --port 4191 --outDir dist-b &)
 *   npx tsx test/bench/import-reading.mts http://127.0.0.1:4191 /tmp/prof/export.kla [--search]
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunch } from '../../playwright.config';
import { indexedAndRead, NAME_SHIM, queueCounts, runQuery } from './browser';

/** Common and rare words, a phrase, a code, no hit: the mix of the scale bench's queries. */
const SEARCHES = ['anak', 'posyandu', 'forum anak', '"sekolah ramah anak"', 'perlindungan khusus', 'zyxwvutqrs'];

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN);
const summary = (xs: number[]) => ({ runs: xs.length, p50Ms: Math.round(pct(xs, 0.5) * 10) / 10, p95Ms: Math.round(pct(xs, 0.95) * 10) / 10, maxMs: Math.round(Math.max(...xs) * 10) / 10 });

/** Searches round the list until `until()` says stop; the time of each. */
async function searchWhile(page: Page, until: () => Promise<boolean>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; !(await until()); i++) {
    const r = await runQuery(page, SEARCHES[i % SEARCHES.length]);
    if (!r.timedOut) ms.push(r.ms);
  }
  return ms;
}

const [url, file] = process.argv.slice(2);
const withSearch = process.argv.includes('--search');
const dir = mkdtempSync(join(tmpdir(), 'kla-import-reading-'));
const ctx = await chromium.launchPersistentContext(dir, { ...chromiumLaunch, serviceWorkers: 'block', locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1280, height: 900 } });
await ctx.addInitScript(NAME_SHIM);
try {
  const page = await ctx.newPage();
  await page.goto(url);
  await page.getByTestId('open-file').waitFor({ state: 'attached' });
  const t0 = Date.now();
  await page.getByTestId('open-file').setInputFiles(file);
  await page.getByTestId('evaluator-mode').waitFor({ timeout: 1_800_000 });
  const imported = (Date.now() - t0) / 1000;
  console.log(`import: ${imported.toFixed(1)} s`);
  if (!withSearch) {
    console.log(JSON.stringify({ importSeconds: Math.round(imported * 10) / 10, ...(await indexedAndRead(page, 1_800_000, (line) => console.log(line))) }));
  } else {
    await page.goto(page.url().replace(/#\/w\/([^/]+).*$/, '#/w/$1/bukti'));
    await page.getByTestId('doc-count').waitFor();
    const t1 = Date.now();
    while ((await queueCounts(page)).pending > 0) await page.waitForTimeout(2000);
    console.log(`searchable ${((Date.now() - t1) / 1000).toFixed(0)} s after the list`);
    // while reading: until the readings' count has not moved for 15 s (checked between searches)
    let last = { n: -1, at: Date.now() };
    const reading = async () => {
      const { classified } = await queueCounts(page);
      if (classified !== last.n) last = { n: classified, at: Date.now() };
      return Date.now() - last.at > 15_000;
    };
    const during = await searchWhile(page, reading);
    console.log(`read: ${last.n} classified, last ${((last.at - t1) / 1000).toFixed(0)} s after the list`);
    let k = 0;
    const after = await searchWhile(page, async () => k++ >= 5 * SEARCHES.length);
    console.log(JSON.stringify({ importSeconds: Math.round(imported * 10) / 10, whileReading: summary(during), after: summary(after) }));
  }
} finally {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
}
