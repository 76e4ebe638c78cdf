/**
 * A full disk (issue 10): the browser profile lives on a 40 MB tmpfs (as a nearly full laptop
 * disk; Chromium sizes the origin's quota from the free space), then evidence and a .kla file are
 * poured in. (CDP Storage.overrideQuotaForOrigin was tried first: Chromium 156 ignores it.) Needs
 * root to mount the tmpfs; without it the test is skipped with the reason. What fits is stored whole, what does not is refused with the quota message naming
 * the file, and nothing is half-written; once the disk is full the rest of the batch and an
 * import are refused without writing, and what was stored stays (the database is not lost).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../../playwright.config';
import { expect, test, type Page } from './fixtures';

const DEMO = fileURLToPath(new URL('../fixtures/demo.kla', import.meta.url));

async function counts(page: Page) {
  return page.evaluate(async () => {
    const req = indexedDB.open('siap-kla');
    let dataLoss = '';
    req.onupgradeneeded = (e) => (dataLoss = String((e as unknown as { dataLoss?: string }).dataLoss ?? 'none'));
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    // once in CI (2 Dec 2026) the stores were gone after the refused import, not reproduced since
    // (60 runs, tmpfs of 34-56 MB, under load): say what the browser holds if it happens again
    if (!db.objectStoreNames.contains('texts')) {
      const version = db.version;
      db.close();
      throw new Error(`siap-kla has no stores (version ${version}, upgrade dataLoss: ${dataLoss || 'no upgrade'}); databases: ${JSON.stringify(await indexedDB.databases())}`);
    }
    const all = (s: string): Promise<{ id: string; workspaceId?: string; size?: number; data?: Blob }[]> =>
      new Promise((r) => {
        const q = db.transaction(s, 'readonly').objectStore(s).getAll();
        q.onsuccess = () => r(q.result);
      });
    const [workspaces, documents, blobs, texts] = await Promise.all([all('workspaces'), all('documents'), all('blobs'), all('texts')]);
    db.close();
    const blobSize = new Map(blobs.map((b) => [b.id, b.data!.size]));
    const textIds = new Set(texts.map((t) => t.id));
    return {
      workspaces: workspaces.length,
      documents: documents.map((d) => d.id),
      half: documents.filter((d) => blobSize.get(d.id) !== d.size || !textIds.has(d.id)).length + texts.filter((t) => !documents.some((d) => d.id === t.id)).length,
    };
  });
}

test('a full disk: what fits is stored whole, the rest is refused with the reason, an import that does not fit leaves nothing', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'kla-quota-'));
  const src = mkdtempSync(join(tmpdir(), 'kla-quota-files-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${process.env.QUOTA_MB ?? 40}m`, 'tmpfs', dir]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    test.skip(true, `cannot mount a small tmpfs for the profile (${(e as Error).message.split('\n')[0]})`);
  }
  // Chromium's own log (outside the small disk) and the page's warnings, printed if the database goes
  const log = join(src, 'chromium.log');
  const args = [...chromiumLaunch.args, '--enable-logging', `--log-file=${log}`, '--v=0'];
  const context = await chromium.launchPersistentContext(dir, { ...chromiumLaunch, args, baseURL, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = context.pages()[0] ?? (await context.newPage());
  const said: string[] = [];
  page.on('console', (m) => void (m.type() === 'warning' || m.type() === 'error' ? said.push(`${m.type()}: ${m.text()}`) : undefined));
  const explain = (e: unknown) => {
    const chromiumSaid = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => /indexed|leveldb|corrupt|space|quota/i.test(l)) : ['(no log)'];
    console.log(`the page said:\n${said.join('\n')}\nChromium logged:\n${chromiumSaid.slice(-40).join('\n')}`);
    throw e;
  };
  try {
  // Persistent storage, as the app asks for at start and Beranda urges (Chromium grants it to
  // installed or engaged sites; the test grants it outright). It did not stop the next finding:
  // when the app went on writing into the full disk (the rest of the batch, then the import),
  // Chromium lost the whole database now and then (2 of 4 runs under load: "version 1, no
  // stores"). Since 2 Dec 2026 the app stops writing once the disk is full (then shared/diskFull.ts):
  // 6 of 6 under the same load. It happened once more in CI (6 Dec 2026), with the search index
  // and first-page pictures still writing into the full disk: since then nothing optional is
  // written in any tab or worker for a minute after the disk ran full (src/db/diskFull.ts; the
  // batch's failed states are still recorded).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Browser.grantPermissions', { permissions: ['durableStorage'], origin: new URL(baseURL!).origin });
  await page.goto('/');
  await expect.poll(() => page.evaluate(() => navigator.storage.persisted())).toBe(true);
  await page.getByLabel('Kabupaten/Kota').fill('Kota Penuh');
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const est = await page.evaluate(() => navigator.storage.estimate());
  console.log(`quota: ${JSON.stringify(est)}`);

  // ten files of 3 MB (damaged PDFs are stored too, bytes kept): not all fit. Given as paths:
  // 30 MB of buffers sent through the protocol can take longer than an action may.
  const files = Array.from({ length: 10 }, (_, i) => {
    const b = Buffer.alloc(3 * 1024 * 1024);
    for (let k = 0; k < b.length; k++) b[k] = (k * 131 + i * 7) & 0xff;
    b.write('%PDF-1.4\n', 0);
    const path = join(src, `besar-${i}.pdf`);
    writeFileSync(path, b);
    return path;
  });
  await page.getByTestId('file-input').setInputFiles(files);
  await expect(page.getByTestId('intake-overall')).toHaveText('10 dari 10 selesai', { timeout: 90_000 });
  const stored = await page.locator('.intake-item[data-state="stored"]').count();
  const refused = page.locator('.intake-item[data-state="failed"]');
  expect(stored).toBeGreaterThan(0);
  expect(stored).toBeLessThan(10);
  expect(await refused.count()).toBe(10 - stored);
  // the reason: the disk is full, or (Chromium, now and then) the browser closed the database
  // under the write; the screen comes back either way (app/ErrorBoundary.tsx)
  await expect(refused.first()).toContainText(/Ruang penyimpanan penuh|peramban menutup penyimpanan/);
  await expect(page.getByTestId('error-boundary')).toHaveCount(0);
  const after = await counts(page).catch(explain);
  expect(after.documents).toHaveLength(stored);
  expect(after.half).toBe(0);

  // a .kla that does not fit: refused with the reason, no partial workspace
  await page.goto('/#/');
  await page.getByTestId('open-file').setInputFiles(DEMO);
  await expect(page.getByTestId('exchange-problems')).toContainText('Ruang penyimpanan penuh', { timeout: 30_000 });
  const final = await counts(page).catch(explain);
  expect(final.workspaces).toBe(1);
  expect(final.documents).toEqual(after.documents);
  expect(final.half).toBe(0);
  } finally {
    await context.close();
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
    rmSync(src, { recursive: true, force: true });
  }
});
