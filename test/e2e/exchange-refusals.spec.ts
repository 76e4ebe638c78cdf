import { expect, test, type Page } from './fixtures';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FORMAT_VERSION, writeZip } from '../../src/domain/exchange';
import { sha256Hex } from '../../src/domain/rules/load';

const DEMO = fileURLToPath(new URL('../fixtures/demo.kla', import.meta.url));

async function counts(page: Page) {
  return page.evaluate(async () => {
    const req = indexedDB.open('siap-kla');
    const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
    const stores = ['workspaces', 'answers', 'documents', 'blobs', 'links', 'activity', 'reviews', 'revisionItems'];
    const out: Record<string, number> = {};
    for (const s of stores) {
      out[s] = await new Promise<number>((r) => {
        const q = db.transaction(s, 'readonly').objectStore(s).count();
        q.onsuccess = () => r(q.result);
      });
    }
    db.close();
    return out;
  });
}

async function newerFormatFile(): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const sink = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c) });
  const data = new TextEncoder().encode(JSON.stringify({ workspace: { id: 'x' }, future: true }));
  const manifest = {
    format: 'siap-kla-exchange',
    formatVersion: FORMAT_VERSION + 1,
    workspace: { id: 'x' },
    parts: [{ path: 'data/workspace.json', kind: 'data', size: data.length, sha256: await sha256Hex(data), encoding: 'identity', storedSize: data.length }],
  };
  await writeZip(manifest, [{ part: manifest.parts[0] as never, bytes: data }], sink, 1);
  return Buffer.concat(chunks);
}

test('truncated, tampered, foreign and newer-format files are refused with the reason, and nothing changes', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Utuh');
  await page.getByLabel(/data contoh/).check();
  await page.getByLabel(/dokumen bukti contoh/).uncheck(); // answers only: no intake running beside the test
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  await page.goto('/#/');
  const before = await counts(page);
  expect(before.workspaces).toBe(1);

  const demo = readFileSync(DEMO);
  const flipped = Buffer.from(demo);
  flipped[Math.floor(flipped.length / 2)] ^= 0x01;
  const cases: [string, Buffer, string, RegExp][] = [
    ['demo-terpotong.kla', demo.subarray(0, Math.floor(demo.length * 0.6)), 'truncated', /terpotong/],
    ['demo-diubah.kla', flipped, '', /berubah|rusak|tidak cocok/],
    ['laporan.kla', Buffer.from('PK\x03\x04 not really a zip at all, just a renamed file'), '', /Bukan berkas Siap KLA|rusak/],
    ['masa-depan.kla', await newerFormatFile(), 'newer-format-version', new RegExp(`versi Siap KLA yang lebih baru \\(format ${FORMAT_VERSION + 1}\\)`)],
  ];
  for (const [name, bytes, code, message] of cases) {
    await page.getByTestId('open-file').setInputFiles({ name, mimeType: 'application/zip', buffer: bytes });
    const box = page.getByTestId('exchange-problems');
    await expect(box).toContainText(`Berkas ${name} ditolak. Tidak ada data yang berubah.`);
    await expect(box).toContainText(message);
    if (code) await expect(box.locator(`[data-problem="${code}"]`)).toHaveCount(1);
    expect(await counts(page)).toEqual(before);
  }
  // the intact file opens (as an evaluator's copy)
  await page.getByTestId('open-file').setInputFiles(DEMO);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  expect((await counts(page)).workspaces).toBe(2);
});
