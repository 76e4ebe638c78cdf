/**
 * Data protection: automatic rotating backups to a folder, the reminder, and a restore from a
 * backup in a fresh browser. The folder picker is Chromium's (a native dialog a test cannot
 * click): it is stood in for by a folder of the origin-private file system, which has the same
 * FileSystemDirectoryHandle interface.
 */
import { expect, test } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';

const pdf = async (name: string, lines: string[], seed: number) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(await textPdf({ lines, seed })) });

test('backups go to the chosen folder verified and rotated, the reminder clears, and a backup restores the workspace in a fresh browser', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('Cadangan KLA', { create: true });
  });
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Cadangan');
  await page.getByLabel(/data contoh/).check();
  await page.getByLabel(/dokumen bukti contoh/).uncheck(); // answers only: no intake running beside the test
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  const total = (await page.getByTestId('total').textContent())!;
  await expect(page.getByTestId('backup-reminder')).toContainText('belum pernah dicadangkan');
  // evidence: the backup writes it to the file by reference (the browser copies the stored Blobs)
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([
    await pdf('perda-kla-cadangan.pdf', ['PERATURAN DAERAH KOTA CADANGAN', 'tentang Kota Layak Anak'], 3),
    await pdf('sk-gugus-tugas.pdf', ['KEPUTUSAN WALI KOTA', 'Gugus Tugas Kota Layak Anak'], 4),
  ]);
  await expect(page.getByTestId('intake-overall')).toHaveText('2 dari 2 selesai', { timeout: 60_000 });

  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const card = page.getByTestId('backup-card');
  await card.getByRole('button', { name: 'Pilih folder cadangan' }).click();
  await expect(page.getByTestId('backup-folder')).toHaveText('Folder cadangan: Cadangan KLA');
  await card.getByLabel('Simpan berapa cadangan').fill('2');
  await card.getByLabel('Simpan berapa cadangan').blur();
  for (let i = 0; i < 3; i++) {
    if (i) await page.waitForTimeout(1100); // one name per second
    await card.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    await expect(page.getByTestId('backup-done')).toContainText(/Cadangan terverifikasi: siap-kla-cadangan-kota-cadangan-\d{4}-\d{8}-\d{6}\.kla/, { timeout: 30_000 });
    if (i === 2) await expect(page.getByTestId('backup-done')).toContainText('1 cadangan lama dihapus');
  }
  const names = await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('Cadangan KLA');
    const out: string[] = [];
    for await (const [n] of (dir as unknown as { entries(): AsyncIterable<[string, unknown]> }).entries()) out.push(n);
    return out.sort();
  });
  expect(names).toHaveLength(2);
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  await expect(page.getByText(/Cadangan terakhir:/).first()).toBeVisible();

  // the newest backup, opened as the city in a browser that has never seen this workspace
  const b64 = await page.evaluate(async (name) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('Cadangan KLA');
    const bytes = new Uint8Array(await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, names[1]);
  const other = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const p2 = await other.newPage();
  await p2.goto('/');
  await p2.getByLabel(/Kota: pulihkan ruang kerja/).check();
  // through the app's own button (the browser's file button would speak the browser's language)
  await expect(p2.getByText('Belum ada berkas dipilih')).toBeVisible();
  const chooser = p2.waitForEvent('filechooser');
  await p2.getByRole('button', { name: 'Pilih berkas .kla…' }).click();
  await (await chooser).setFiles({ name: names[1], mimeType: 'application/zip', buffer: Buffer.from(b64, 'base64') });
  await expect(p2.getByTestId('total')).toHaveText(total, { timeout: 30_000 });
  // restored from a backup: that file is its last backup, not "never backed up"
  await expect(p2.getByText(/Cadangan terakhir: /).first()).toBeVisible();
  await expect(p2.getByText('Belum pernah dicadangkan.')).toHaveCount(0);
  await expect(p2.getByTestId('backup-reminder')).toHaveCount(0);
  await p2.getByRole('link', { name: 'Bukti', exact: true }).click();
  await expect(p2.getByTestId('doc-count')).toHaveText('2 dokumen');
  await expect(p2.getByText('perda-kla-cadangan.pdf')).toBeVisible();
  // where its content belongs came back too: read again from its text (a file is not trusted with
  // the classifier's output), so its flags and suggestions are there as before
  await p2.locator('.doc-row[data-doc="perda-kla-cadangan.pdf"]').click();
  await expect(p2.getByTestId('classified')).toContainText(/indikator 1\b/, { timeout: 20_000 });
  await other.close();
});

test('with a folder chosen, the backup runs by itself a minute after the workspace opens', async ({ page }) => {
  test.setTimeout(90_000);
  await page.clock.install();
  await page.addInitScript(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('Otomatis', { create: true });
  });
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Otomatis');
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  await page.getByTestId('backup-card').getByRole('button', { name: 'Pilih folder cadangan' }).click();
  await expect(page.getByTestId('backup-folder')).toContainText('Otomatis');
  await page.getByRole('link', { name: 'Beranda', exact: true }).click();
  await expect(page.getByTestId('backup-reminder')).toBeVisible();
  await page.clock.fastForward('01:05');
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0, { timeout: 30_000 });
  const names = await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('Otomatis');
    const out: string[] = [];
    for await (const [n] of (dir as unknown as { entries(): AsyncIterable<[string, unknown]> }).entries()) out.push(n);
    return out;
  });
  expect(names).toEqual([expect.stringMatching(/^siap-kla-cadangan-kota-otomatis-\d{4}-\d{8}-\d{6}\.kla$/)]);
});
