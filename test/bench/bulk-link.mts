/**
 * Development aid: the bulk link of a whole kabupaten (the eighth walk: 3,887 files at once froze
 * the tab 34-52 s for the review and ~38 s for the links, and the Urungkan notice was gone when it
 * came back). On a copy of a kept profile (fill-profile.mts; its origin's port, 4190 for
 * profile-5000), page CPU throttled (THROTTLE, default 4): Bukti, "Pilih semua yang belum
 * ditautkan", "Tautkan ke saran…"; times until the review's first row and its button show, then
 * "Tautkan N berkas" until the notice shows, and the longest frame gap meanwhile; then whether
 * Urungkan is still offered 3 s after the page answers again; then, until AFTER_MS (60 s) after the
 * click, the longest frame gap and the page's long tasks (the misfile flags of the new links), and
 * the menu's flag count. PROFILE=1: the review's CPU profile; PROFILE_APPLY=1: the links' (until the page answers).
 *
 *   cp -a ~/.cache/siap-kla/profile-5000 /tmp/prof5k && npx vite build --outDir dist-b && (npx vite preview --port 4190 --outDir dist-b &)
 *   npx tsx test/bench/bulk-link.mts http://127.0.0.1:4190 /tmp/prof5k
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
import { NAME_SHIM, printSelfTime, type CpuProfile } from './browser';

const [url = 'http://127.0.0.1:4190', dir = '/tmp/prof5k'] = process.argv.slice(2);
const throttle = Number(process.env.THROTTLE ?? 4);

/** Starts counting frame gaps in the page; `gaps()` returns the longest since. */
const watchFrames = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __gap: number; __last: number };
    w.__gap = 0;
    w.__last = performance.now();
    const tick = () => {
      const now = performance.now();
      w.__gap = Math.max(w.__gap, now - w.__last);
      w.__last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
const longestGap = (page: Page) => page.evaluate(() => Math.round((window as unknown as { __gap: number }).__gap));

const ctx = await chromium.launchPersistentContext(dir, { ...chromiumLaunch, serviceWorkers: 'block', locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1366, height: 768 } });
await ctx.addInitScript(NAME_SHIM);
const page = await ctx.newPage();
await page.goto(url);
await page.getByRole('link', { name: 'Bukti', exact: true }).click();
await page.getByTestId('doc-count').waitFor();
await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 8000)); // the list, the flags and the search index settle
const cdp = await ctx.newCDPSession(page);
if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
await page.getByRole('button', { name: /Pilih semua yang belum ditautkan/ }).click();
await watchFrames(page);
if (process.env.PROFILE) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
}
let t = Date.now();
await page.getByRole('button', { name: 'Tautkan ke saran…' }).click();
await page.getByTestId('bulk-row').first().waitFor({ timeout: 600_000 });
const apply = page.getByRole('button', { name: /^Tautkan \d+ berkas$/ });
await apply.waitFor();
const reviewMs = Date.now() - t;
if (process.env.PROFILE) printSelfTime((await cdp.send('Profiler.stop')).profile as CpuProfile, 'bulk-review', 30);
const reviewGap = await longestGap(page);
const label = await apply.textContent();
await watchFrames(page);
if (process.env.PROFILE_APPLY) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
}
// the page's long tasks from the click on (the misfile flags of the newly linked files come after the notice)
await page.evaluate(() => {
  const w = window as unknown as { __long: { sum: number; last: number; count: number; from: number } };
  w.__long = { sum: 0, last: 0, count: 0, from: performance.now() };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      w.__long.sum += e.duration;
      w.__long.count++;
      w.__long.last = e.startTime + e.duration - w.__long.from;
    }
  }).observe({ type: 'longtask' });
  // the main thread's lateness, second by second: a 100 ms timer's worst delay in each second
  const lag = ((window as unknown as { __lag: number[] }).__lag = [] as number[]);
  let due = performance.now() + 100;
  setInterval(() => {
    const now = performance.now();
    const sec = Math.floor((now - w.__long.from) / 1000);
    lag[sec] = Math.max(lag[sec] ?? 0, Math.round(now - due));
    due = now + 100;
  }, 100);
});
t = Date.now();
await apply.click();
await page.getByTestId('toast').waitFor({ timeout: 600_000 });
const toastMs = Date.now() - t;
// the page answers again: a script run (what a click waits for), then two frames in a row (what it shows)
await page.evaluate(() => 1);
const answersMs = Date.now() - t;
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const drawsMs = Date.now() - t;
const applyGap = await longestGap(page);
if (process.env.PROFILE_APPLY) printSelfTime((await cdp.send('Profiler.stop')).profile as CpuProfile, 'bulk-apply', 20);
await page.waitForTimeout(3000);
const undoOffered = await page.getByTestId('toast').getByRole('button', { name: 'Urungkan' }).isVisible().catch(() => false);
// then the flags: the page's long tasks until AFTER_MS after the click (the flags of 3,889 new links
// were read on the page: ~31 s of CPU, throttled), and the flags' count in the menu at the end
await watchFrames(page);
// how quickly the page answers meanwhile: a round trip every 250 ms (what a click would wait for)
const pings: number[] = [];
const afterMs = Number(process.env.AFTER_MS ?? 60_000);
while (Date.now() - t < afterMs) {
  const p0 = Date.now();
  await page.evaluate(() => 1);
  pings.push(Date.now() - p0);
  await page.waitForTimeout(250);
}
const slowPings = pings.filter((ms) => ms > 200);
const lag = await page.evaluate(() => (window as unknown as { __lag: number[] }).__lag.map((x) => x ?? -1));
const afterGap = await longestGap(page);
const long = await page.evaluate(() => (window as unknown as { __long: { sum: number; last: number; count: number } }).__long);
const badge = page.getByTestId('flags-badge');
const flags = { shown: (await badge.count()) ? await badge.locator('[aria-hidden="true"]').textContent() : '0', computedIn: (await badge.count()) ? await badge.getAttribute('data-computed-in') : null };
console.log(
  JSON.stringify({
    throttle,
    step: label,
    reviewMs,
    reviewLongestFrameMs: reviewGap,
    toastMs,
    answersMs,
    drawsMs,
    applyLongestFrameMs: applyGap,
    undoOffered3sAfter: undoOffered,
    afterNoticeLongestFrameMs: afterGap,
    answerAfterNotice: { pings: pings.length, maxMs: Math.max(0, ...pings), over200ms: slowPings.length, waitedInThoseMs: slowPings.reduce((a, b) => a + b, 0) },
    timerLatenessBySecond: lag.join(' '),
    longTasksSinceClick: { totalMs: Math.round(long.sum), count: long.count, lastEndsAtMs: Math.round(long.last) },
    flags,
  }),
);
await ctx.close();
