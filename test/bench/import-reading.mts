/**
 * Development aid: open a city's `.kla` as the evaluator in a fresh profile and time what follows
 * the import in the background: the search worker indexing every document and reading where each
 * belongs (src/db/classifyStored.ts). Until it is done, search finds part of the documents and the
 * misfile flags are partial. Prints the import's time, then the queue and the readings every 5 s,
 * and at the end when the index had caught up and when the last reading was stored (the readings
 * are done when their count has not moved for 15 s).
 *
 *   npx vite build --outDir dist-b && (npx vite preview --port 4191 --outDir dist-b &)
 *   npx tsx test/bench/import-reading.mts http://127.0.0.1:4191 /tmp/prof/export.kla
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunch } from '../../playwright.config';
import { indexedAndRead, NAME_SHIM } from './browser';

const [url, file] = process.argv.slice(2);
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
  console.log(JSON.stringify({ importSeconds: Math.round(imported * 10) / 10, ...(await indexedAndRead(page, 1_800_000, (line) => console.log(line))) }));
} finally {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
}
