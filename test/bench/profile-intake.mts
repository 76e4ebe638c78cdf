// Where the page's main thread spends its time during an intake: a CDP CPU profile of the page,
// self time by function (top 30), the profile saved to /tmp/prof/profile.cpuprofile (open it in
// Chromium's DevTools). Uses the scale corpus cache (npx tsx test/bench/scale-corpus.ts N).
//   npx vite preview --port 4191 --outDir dist-b &   npx tsx test/bench/profile-intake.mts http://127.0.0.1:4191 300
import { chromium } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumLaunch } from '../../playwright.config';
import { intakeDone, openBukti, printSelfTime } from './browser';
const base = process.argv[2];
const n = Number(process.argv[3] ?? 300);
const corpus = join(process.env.HOME!, '.cache/siap-kla/scale-v1/docs');
const files = readdirSync(corpus).filter((f) => f.endsWith('.pdf') && !f.includes('scan')).sort().slice(0, n).map((f) => join(corpus, f));
const browser = await chromium.launch(chromiumLaunch);
const page = await browser.newPage();
await openBukti(page, base, 'Kota Profil');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
await cdp.send('Profiler.start');
const t0 = Date.now();
await page.getByTestId('file-input').setInputFiles(files);
await intakeDone(page, files.length);
const { profile } = await cdp.send('Profiler.stop');
console.error('intake s', (Date.now() - t0) / 1000);
printSelfTime(profile, 'profile', 30, false);
await browser.close();
