/**
 * The hub's sync engine loads only for a workspace connected to a hub (start-up JS, issue 2), and
 * when its chunk cannot load (a tab open across an update) the top bar says so and every screen
 * keeps working.
 */
import { expect, test } from './fixtures';

// requests must reach the network for the chunk to be refused (the service worker would serve it)
test.use({ serviceWorkers: 'block' });

test('no hub, no sync engine; a hub whose status cannot load is named in the top bar, and the screens keep working', async ({ page }) => {
  const chunks: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/HubStatus-[^/]*\.js$/.test(r.url())) chunks.push(r.url());
  });
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Gerbang');
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await expect(page.getByTestId('file-input')).toBeAttached();
  expect(chunks).toEqual([]);
  await expect(page.getByTestId('hub-status')).toHaveCount(0);

  // connect it to a hub (the binding the join flow writes), and refuse the status chunk
  const wsId = new URL(page.url()).hash.match(/#\/w\/([^/]+)/)![1];
  await page.evaluate(async (wsId) => {
    const req = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    const binding = { deviceId: 'e2egate00001', userId: 'u1', displayName: 'Petugas', role: 'admin', pushedSeq: 0, cursor: 0, connectedAt: Date.now() };
    await new Promise((r) => (db.transaction('settings', 'readwrite').objectStore('settings').put({ key: `hub:${wsId}`, value: binding }).onsuccess = r));
    db.close();
  }, wsId);
  await page.route(/\/assets\/HubStatus-[^/]*\.js$/, (r) => r.abort());
  await page.reload();
  await expect(page.getByTestId('hub-status')).toHaveText('Hub: muat ulang halaman untuk menyinkronkan');
  expect(chunks.length).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Instrumen' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  await expect(page.getByTestId('error-boundary')).toHaveCount(0);
});
