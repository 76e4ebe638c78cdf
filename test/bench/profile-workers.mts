// Where the reader workers spend their time during an intake of N text PDFs: a CDP CPU profile of
// every dedicated worker (attached through the browser's CDP session, non-flattened), self time
// by function, each profile saved to /tmp/prof/worker-<n>.cpuprofile.
//   npx vite preview --port 4191 --outDir dist-b &   npx tsx test/bench/profile-workers.mts http://127.0.0.1:4191 300
import { chromium } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumLaunch } from '../../playwright.config';
import { openBukti, printSelfTime, type CpuProfile } from './browser';
const base = process.argv[2];
const n = Number(process.argv[3] ?? 300);
const corpus = join(process.env.HOME!, '.cache/siap-kla/scale-v1/docs');
const files = readdirSync(corpus).filter((f) => f.endsWith('.pdf') && !f.includes('scan')).sort().slice(0, n).map((f) => join(corpus, f));
const browser = await chromium.launch(chromiumLaunch);
const page = await browser.newPage();
await openBukti(page, base, 'Kota Profil');
const cdp = await browser.newBrowserCDPSession();
let next = 1;
const pending = new Map<number, (r: unknown) => void>();
const sessions: string[] = [];
cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
  const m = JSON.parse(e.message) as { id?: number; result?: unknown };
  if (m.id && pending.has(m.id)) (pending.get(m.id)!(m.result), pending.delete(m.id));
});
const send = (sessionId: string, method: string, params: object = {}) =>
  new Promise<unknown>((r) => {
    const id = next++;
    pending.set(id, r);
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
  });
async function attachWorkers() {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  for (const t of targetInfos.filter((t) => t.type === 'worker')) {
    if (sessions.some((s) => s.startsWith(t.targetId))) continue;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false })) as { sessionId: string };
    await send(sessionId, 'Profiler.enable');
    await send(sessionId, 'Profiler.setSamplingInterval', { interval: 1000 });
    await send(sessionId, 'Profiler.start');
    sessions.push(`${t.targetId} ${sessionId} ${t.url.split('/').pop()}`);
  }
}
await page.getByTestId('file-input').setInputFiles(files);
const t0 = Date.now();
const poll = setInterval(() => void attachWorkers(), 300);
// the readers end when the batch does: stop their profiles at 80 %
await page.waitForFunction((m) => Number((/([\d.,]+) dari/.exec(document.querySelector('[data-testid=intake-overall]')?.textContent ?? '')?.[1] ?? '0').replace(/[.,]/g, '')) >= m, Math.floor(files.length * 0.8), { polling: 250, timeout: 600_000 });
clearInterval(poll);
console.error('80 % of the batch in s', (Date.now() - t0) / 1000);
let k = 0;
for (const s of sessions) {
  const [, sessionId, url] = s.split(' ');
  const r = (await Promise.race([send(sessionId, 'Profiler.stop'), new Promise((r) => setTimeout(() => r(null), 5000))])) as { profile: CpuProfile } | null;
  if (!r) continue;
  console.log(`worker ${++k} ${url}`);
  printSelfTime(r.profile, `worker-${k}`, 25, false);
}
await browser.close();
