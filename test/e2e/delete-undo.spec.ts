/**
 * Deleting a document asks nothing and can be taken back (issue 13, point 3): the toast names the
 * file and its links, Urungkan puts back the file (its very bytes, read from the browser's
 * storage after the deletion), its reading and its links, and the history says so.
 */
import { expect, test, type Page } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';
import { SRA, pdfFile as file } from '../fixtures/evidence/topics';

async function createWorkspace(page: Page, city: string) {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill(city);
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
}

/** The stored bytes' SHA-256 against the one recorded at intake (null when the document is gone). */
const bytesMatch = (page: Page, name: string) =>
  page.evaluate(async (name) => {
    const req = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    const get = <T,>(store: string, q: (s: IDBObjectStore) => IDBRequest) => new Promise<T>((r) => (q(db.transaction(store).objectStore(store)).onsuccess = (e) => r((e.target as IDBRequest).result as T)));
    const docs = await get<{ id: string; name: string; sha256: string }[]>('documents', (s) => s.getAll());
    const doc = docs.find((d) => d.name === name);
    if (!doc) return null;
    const blob = await get<{ data: Blob }>('blobs', (s) => s.get(doc.id));
    const sha = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.data.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join('');
    db.close();
    return sha === doc.sha256;
  }, name);

/** A workspace with one text PDF in Bukti, linked to 19.1; its row. */
async function linkedDocument(page: Page, city: string, name: string) {
  await createWorkspace(page, city);
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([file(name, await textPdf({ lines: SRA }))]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  const row = page.locator(`.doc-row[data-doc="${name}"]`);
  await row.click();
  await page.getByLabel('Kode pertanyaan').fill('19.1');
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  await expect(page.getByTestId('doc-links')).toContainText('19.1');
  return row;
}

test('a deleted document comes back with Urungkan: its bytes, its reading and its links', async ({ page }) => {
  test.setTimeout(120_000);
  const row = await linkedDocument(page, 'Kota Hapus', 'laporan-sra.pdf');

  // no confirmation to click through: it goes, and the toast says what went
  let dialogs = 0;
  page.on('dialog', (d) => (dialogs++, void d.dismiss()));
  await page.getByRole('button', { name: 'Hapus dokumen' }).click();
  await expect(page.getByTestId('toast')).toContainText('laporan-sra.pdf dihapus, dengan 1 tautannya');
  await expect(row).toHaveCount(0);
  expect(dialogs).toBe(0);
  expect(await bytesMatch(page, 'laporan-sra.pdf')).toBeNull();

  await page.getByTestId('toast').getByRole('button', { name: 'Urungkan' }).click();
  await expect(page.getByTestId('toast')).toContainText('laporan-sra.pdf dikembalikan');
  await expect(row.locator('.tag')).toHaveText('19.1');

  // after a reload: the same bytes, the reading and the text search still there
  await page.reload();
  await expect(row.locator('.tag')).toHaveText('19.1');
  expect(await bytesMatch(page, 'laporan-sra.pdf')).toBe(true);
  await row.click();
  await expect(page.getByTestId('classified')).toContainText('indikator 19');
  await page.getByRole('searchbox').fill('"Sekolah Ramah Anak"');
  await expect(page.getByTestId('doc-count')).toHaveText('1 dokumen', { timeout: 15_000 });

  await page.getByRole('link', { name: 'Riwayat' }).click();
  await expect(page.locator('[data-kind="evidence-restored"]')).toContainText('laporan-sra.pdf dikembalikan (hapus diurungkan), dengan 1 tautannya');
  await expect(page.locator('[data-kind="evidence-removed"]')).toHaveCount(1);
});

test('a document deleted and noticed after Urungkan has gone comes back from "Dokumen terhapus", bytes and links, after a reload too', async ({ page }) => {
  test.setTimeout(120_000);
  const row = await linkedDocument(page, 'Kota Sampah', 'laporan-dispora.pdf');
  await expect(page.getByTestId('trash')).toHaveCount(0); // nothing deleted yet: no card
  await page.getByRole('button', { name: 'Hapus dokumen' }).click();
  await expect(row).toHaveCount(0);

  // the notice is gone (a reload, as a day later): the trash still holds it
  await page.reload();
  const trash = page.getByTestId('trash');
  await trash.getByText('Dokumen terhapus (1)').click();
  await expect(trash.getByTestId('trash-row')).toContainText('laporan-dispora.pdf');
  await expect(trash.getByTestId('trash-row')).toContainText('1 tautan');
  await trash.getByRole('button', { name: 'Kembalikan' }).click();
  await expect(page.getByTestId('toast')).toContainText('laporan-dispora.pdf dikembalikan');
  await expect(row.locator('.tag')).toHaveText('19.1');
  await expect(page.getByTestId('trash')).toHaveCount(0);
  expect(await bytesMatch(page, 'laporan-dispora.pdf')).toBe(true);
  await page.reload();
  await expect(row.locator('.tag')).toHaveText('19.1');

  // deleted for good: asked first, then gone from the trash and the database
  await row.click();
  await page.getByRole('button', { name: 'Hapus dokumen' }).click();
  await expect(row).toHaveCount(0); // deleted before the reload (else the reload may come first)
  await page.reload();
  await page.getByTestId('trash').getByText('Dokumen terhapus (1)').click();
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('trash').getByRole('button', { name: 'Hapus permanen', exact: true }).click();
  await expect(page.getByTestId('trash')).toHaveCount(0);
  expect(await bytesMatch(page, 'laporan-dispora.pdf')).toBeNull();
});

test('a deleted workspace leaves the list at once, Urungkan brings it back, and once the notice goes its rows go', async ({ page }) => {
  test.setTimeout(90_000);
  await createWorkspace(page, 'Kota Satu');
  await createWorkspace(page, 'Kota Dua');
  await page.goto('/#/');
  const item = (city: string) => page.locator('.ws-list li', { hasText: city });
  await expect(item('Kota Satu')).toHaveCount(1);
  const rowsOf = (city: string) =>
    page.evaluate(async (city) => {
      const req = indexedDB.open('siap-kla');
      const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
      const all = <T,>(store: string) => new Promise<T[]>((r) => (db.transaction(store).objectStore(store).getAll().onsuccess = (e) => r((e.target as IDBRequest).result as T[])));
      const ws = (await all<{ id: string; city: string }>('workspaces')).find((w) => w.city === city);
      const activity = ws ? (await all<{ workspaceId: string }>('activity')).filter((a) => a.workspaceId === ws.id).length : 0;
      db.close();
      return { workspace: !!ws, activity };
    }, city);
  expect((await rowsOf('Kota Satu')).activity).toBeGreaterThan(0);

  page.once('dialog', (d) => void d.accept());
  await item('Kota Satu').getByRole('button', { name: 'Hapus' }).click();
  await expect(page.getByTestId('toast')).toContainText('Ruang kerja Kota Satu');
  await expect(item('Kota Satu')).toHaveCount(0);
  await page.getByTestId('toast').getByRole('button', { name: 'Urungkan' }).click();
  await expect(page.getByTestId('toast')).toContainText('dikembalikan');
  await expect(item('Kota Satu')).toHaveCount(1);
  expect((await rowsOf('Kota Satu')).activity).toBeGreaterThan(0);

  // deleted again; the notice closed: the rows go for good, the other city stays
  page.once('dialog', (d) => void d.accept());
  await item('Kota Satu').getByRole('button', { name: 'Hapus' }).click();
  await expect(item('Kota Satu')).toHaveCount(0);
  // the deletion's own notice, not the "dikembalikan" one it replaces (closing that purges nothing)
  await expect(page.getByTestId('toast')).toContainText(/Kota Satu \d{4} dihapus/);
  await page.getByTestId('toast').getByRole('button', { name: 'Tutup' }).click();
  await expect.poll(() => rowsOf('Kota Satu')).toEqual({ workspace: false, activity: 0 });
  expect((await rowsOf('Kota Dua')).activity).toBeGreaterThan(0);
  await page.reload();
  await expect(item('Kota Dua')).toHaveCount(1);
  await expect(item('Kota Satu')).toHaveCount(0);
});
