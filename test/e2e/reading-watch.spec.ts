/**
 * The reading worker is watched (src/shared/watchedReader.ts): a worker held by one imported
 * document (a loop that never ends, or one the browser ended for its memory) is replaced after
 * 30 s, the new one passes that document over and reads the rest, and the document stays passed
 * over after a reload instead of ending a worker on every visit.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { writeCityFileWithDocuments } from './cityFiles';
import { AKTA, SRA } from '../fixtures/evidence/topics';

// the worker's script is patched as it is served: it must come from the server, not the service worker's cache
test.use({ serviceWorkers: 'block' });

const DOCS: Record<string, string[]> = {
  'laporan-sra.pdf': SRA,
  'rekap-akta.pdf': AKTA,
  'laporan-sra-2.pdf': [...SRA, 'Lampiran foto kegiatan'],
};

/** Documents in the database, and how many have a reading. */
function counts(page: Page): Promise<{ documents: number; classified: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('siap-kla');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['documents', 'classifications']);
          const out = { documents: 0, classified: 0 };
          const d = tx.objectStore('documents').count();
          d.onsuccess = () => (out.documents = d.result);
          const c = tx.objectStore('classifications').count();
          c.onsuccess = () => (out.classified = c.result);
          tx.oncomplete = () => (db.close(), resolve(out));
        };
      }),
  );
}

test('a reading worker held by one imported document is replaced; the rest are read and that one is passed over, after a reload too', { tag: '@long' }, async ({ page }) => {
  test.setTimeout(150_000);
  const cityFile = join(mkdtempSync(join(tmpdir(), 'kla-reading-')), 'kota.kla');
  await writeCityFileWithDocuments(cityFile, 'Kota Baca', DOCS);

  // the first reading worker hangs on the first document it names (what a document that never
  // ends, or a worker ended for its memory, looks like from the page). Put into the worker's own
  // script as it is served, so it is in place before the worker reads anything: patched from
  // outside once the worker had started (`worker.evaluate`), it came too late on a loaded CI
  // machine, after all three documents were read, and nothing hung
  let served = 0;
  await page.route(/reading\.worker[^/]*\.js$/, async (route) => {
    const res = await route.fetch();
    const body = await res.text();
    const hang = served++ === 0;
    const patch = hang ? "const __post = self.postMessage.bind(self); self.postMessage = (m) => { __post(m); if (m && typeof m === 'object' && 'reading' in m) for (;;); };\n" : '';
    await route.fulfill({ response: res, body: patch + body });
  });
  const replaced = page.waitForEvent('console', { predicate: (m) => /reading worker replaced \(one document for over 30000 ms\)/.test(m.text()), timeout: 90_000 });

  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(cityFile);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  await replaced;
  // the new worker reads the others; the one that held the first is passed over
  await expect.poll(() => counts(page), { timeout: 30_000 }).toEqual({ documents: 3, classified: 2 });
  const skipped = await page.evaluate(() => JSON.parse(localStorage.getItem('siap-kla.reading-skipped') ?? '[]') as string[]);
  expect(skipped).toHaveLength(1);
  const [skippedId] = skipped[0].split(':');
  const unread = await page.evaluate(
    (id) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('siap-kla');
        open.onsuccess = () => {
          const r = open.result.transaction('classifications').objectStore('classifications').get(id);
          r.onsuccess = () => (open.result.close(), resolve(r.result === undefined));
        };
      }),
    skippedId,
  );
  expect(unread).toBe(true);

  // after a reload the worker starts told to pass it over: no replacement, nothing else changes
  const again: string[] = [];
  page.on('console', (m) => /reading worker replaced/.test(m.text()) && again.push(m.text()));
  await page.reload();
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  await expect.poll(() => page.workers().some((w) => /reading\.worker/.test(w.url())), { timeout: 20_000 }).toBe(true);
  await page.waitForTimeout(3000);
  expect(again).toEqual([]);
  expect(await counts(page)).toEqual({ documents: 3, classified: 2 });
});
