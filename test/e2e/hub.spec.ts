import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { expect, test, type Page } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';
import { SRA, pdfFile } from '../fixtures/evidence/topics';
import { HubProcess } from './hubProcess';
import { CODE, NEW_USERNAME, PASSWORD, cityOnHub, connect, hubStatus, newProfile, writeNote } from './hubPages';

/**
 * The city hub with two browser profiles (issue 12): the officer sets the city up on a real hub
 * process and invites Disdukcapil; the agency opens its pack, joins with the code, works offline
 * and reconnects; the officer sees its evidence read, linked and flagged, and the history names
 * the agency. Both edit one answer offline: the later edit holds on both sides and the replaced
 * one is shown. Another agency's document is refused to it through the API (403).
 */
/** The service worker holds the app, so it runs with the network off (as after a first visit). */
async function installed(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test('an agency works offline on the hub; the officer sees its evidence linked and flagged; a merge is shown; another agency is refused', async ({ browser }) => {
  test.setTimeout(240_000);
  const hub = await HubProcess.create();
  await hub.start();
  try {
    // ------------------------------------------------------------ the officer sets the city up
    const cityCtx = await newProfile(browser);
    const city = await cityCtx.newPage();
    const cityUrl = await cityOnHub(city, hub.url, 'Kota Hub');
    await city.getByTestId('hub-card').getByLabel('Undang').selectOption({ label: 'Disdukcapil' });
    await city.getByTestId('hub-card').getByRole('button', { name: 'Undang' }).click();
    const invite = (await city.getByTestId('hub-invite').textContent())!.match(CODE)![0];

    await city.getByRole('link', { name: 'Perangkat Daerah', exact: true }).click();
    const [dl] = await Promise.all([city.waitForEvent('download'), city.getByRole('button', { name: 'Buat paket .kla untuk Disdukcapil' }).click()]);
    const pack = (await dl.path())!;

    // ------------------------------------------------- the agency opens its pack and joins the hub
    const opdCtx = await newProfile(browser);
    const opd = await opdCtx.newPage();
    await opd.goto(`${hub.url}/`);
    await opd.getByLabel('OPD: buka paket pertanyaan dari DP3AKB').check();
    await opd.getByTestId('open-file').setInputFiles(pack);
    await expect(opd.getByTestId('agency-mode')).toHaveText('Mode OPD: Disdukcapil');
    const opdUrl = opd.url().replace(/\/(instrumen.*)?$/, '');
    await connect(opd, 'Gabung dengan kode undangan', { 'Kode undangan': invite, [NEW_USERNAME]: 'disdukcapil', 'Kata sandi (minimal 10 karakter)': PASSWORD });
    await expect(hubStatus(opd)).toHaveText('Hub: tersinkron', { timeout: 30_000 });

    // ---------------------------------------------------- offline: a report filed under 4.1, a note
    await installed(opd);
    await opdCtx.setOffline(true);
    await opd.getByRole('link', { name: 'Bukti', exact: true }).click();
    await opd.getByTestId('file-input').setInputFiles([pdfFile('laporan-sra.pdf', await textPdf({ lines: SRA }))]);
    await expect(opd.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
    await opd.locator('.doc-row[data-doc="laporan-sra.pdf"]').click();
    await opd.getByLabel('Kode pertanyaan').fill('4.1');
    await opd.getByLabel('Halaman (opsional)').fill('1');
    await opd.getByRole('button', { name: 'Tautkan', exact: true }).click();
    await expect(opd.getByTestId('doc-links')).toContainText('4.1');
    await writeNote(opd, opdUrl, '4.1', 'Laporan SRA terlampir');
    await expect(hubStatus(opd)).toHaveText(/Hub: luring \([3-9] perubahan menunggu\)/, { timeout: 30_000 });

    // ------------------------------------------------------ back online: it reaches the officer
    await opdCtx.setOffline(false);
    await expect(hubStatus(opd)).toHaveText('Hub: tersinkron', { timeout: 60_000 });
    await hubStatus(city).click();
    await city.goto(`${cityUrl}/bukti`);
    await expect(city.locator('.doc-row[data-doc="laporan-sra.pdf"]')).toBeVisible({ timeout: 60_000 });
    await city.goto(`${cityUrl}/instrumen/4/4.1`);
    await expect(city.locator('[data-code="4.1"] [data-flag="misfiled"]')).toBeVisible({ timeout: 30_000 });
    await expect(city.getByLabel('Catatan petugas')).toHaveValue('Laporan SRA terlampir');
    await city.getByRole('link', { name: 'Riwayat' }).click();
    await expect(city.getByText(/laporan-sra\.pdf.*oleh Disdukcapil lewat hub/).first()).toBeVisible();

    // ------------------------------- both edit 4.1 offline; the agency's later edit holds everywhere
    await installed(city);
    await cityCtx.setOffline(true);
    await opdCtx.setOffline(true);
    await writeNote(city, cityUrl, '4.1', 'Catatan petugas: cek ulang', 'Laporan SRA terlampir');
    await expect(hubStatus(city)).toHaveText(/Hub: (menunggu 1 perubahan|luring \(1 perubahan menunggu\))/);
    await opd.waitForTimeout(1100); // a later edit, by the clock
    await writeNote(opd, opdUrl, '4.1', 'Akta 1.204 lembar, laporan terbaru', 'Laporan SRA terlampir');
    await expect(hubStatus(opd)).toHaveText(/Hub: (menunggu 1 perubahan|luring \(1 perubahan menunggu\))/);
    await cityCtx.setOffline(false);
    await expect(hubStatus(city)).toHaveText('Hub: tersinkron', { timeout: 60_000 });
    await opdCtx.setOffline(false);
    await expect(hubStatus(opd)).toHaveText('Hub: tersinkron', { timeout: 60_000 });
    await expect(opd.getByLabel('Catatan untuk DP3AKB')).toHaveValue('Akta 1.204 lembar, laporan terbaru');
    await hubStatus(city).click();
    await expect(city.getByLabel('Catatan petugas')).toHaveValue('Akta 1.204 lembar, laporan terbaru', { timeout: 30_000 });
    await city.getByRole('link', { name: 'Riwayat' }).click();
    await expect(city.getByText('menggantikan "Catatan petugas: cek ulang" dari Petugas DP3AKB', { exact: false }).first()).toBeVisible();

    // ------------------------------------------ another agency's document, asked for by Disdukcapil
    const inv = await city.request.post(`${hub.url}/api/invites`, { headers: { 'x-kla-hub': '1' }, data: { role: 'agency', agencyId: 'dinsos' } });
    const dinsosCode = (await inv.json()).code as string;
    const joined = await fetch(`${hub.url}/api/join`, {
      method: 'POST',
      headers: { 'x-kla-hub': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ code: dinsosCode, username: 'dinsos', displayName: 'Dinsos', password: PASSWORD }),
    });
    const cookie = joined.headers.get('set-cookie')!.split(';')[0];
    const bytes = Buffer.from(await textPdf({ lines: ['LAPORAN PENDAMPINGAN ANAK BERHADAPAN DENGAN HUKUM', 'Klaster V: 12 anak didampingi pekerja sosial'] }));
    const documentId = 'dinsos-abh-0001';
    await new Promise<void>((resolve, reject) =>
      new tus.Upload(bytes, {
        endpoint: `${hub.url}/api/uploads`,
        headers: { cookie },
        metadata: { filename: 'laporan-abh.pdf', filetype: 'application/pdf', sha256: createHash('sha256').update(bytes).digest('hex'), documentId },
        onSuccess: () => resolve(),
        onError: reject,
      }).start(),
    );
    expect((await opd.request.get(`${hub.url}/api/documents/${documentId}/content`)).status()).toBe(403);
    expect((await city.request.get(`${hub.url}/api/documents/${documentId}/content`)).status()).toBe(200);
    await cityCtx.close();
    await opdCtx.close();
  } finally {
    hub.kill();
  }
});

test('an upload cut off by a hub killed mid-way resumes from the bytes the hub holds', { tag: '@long' }, async ({ browser }) => {
  test.setTimeout(180_000);
  const hub = await HubProcess.create();
  await hub.start();
  try {
    const ctx = await newProfile(browser);
    const page = await ctx.newPage();
    await cityOnHub(page, hub.url, 'Kota Putus');

    // a slow line: each upload request takes a while, so the hub can be killed between chunks
    const log: { method: string; offset: number; at: number }[] = [];
    await page.route('**/api/uploads**', async (route) => {
      const r = route.request();
      log.push({ method: r.method(), offset: Number(r.headers()['upload-offset'] ?? -1), at: Date.now() });
      await new Promise((ok) => setTimeout(ok, 600));
      await route.continue().catch(() => undefined);
    });
    const patched = new Promise<void>((ok) =>
      page.on('response', (res) => {
        if (res.request().method() === 'PATCH' && res.status() === 204) ok();
      }),
    );
    // 12 MB of text: three chunks of 4 MB
    const line = 'Rekap layanan akta kelahiran per kelurahan tahun 2026, jumlah akta terbit dan sasaran.\n';
    const bytes = Buffer.from(line.repeat(Math.ceil((12 * 1024 * 1024) / line.length)));
    await page.getByRole('link', { name: 'Bukti', exact: true }).click();
    // from a file on disk: handing 12 MB over the DevTools protocol took longer than an action may on a loaded CI machine
    const path = join(mkdtempSync(join(tmpdir(), 'kla-hub-file-')), 'rekap-akta-besar.txt');
    writeFileSync(path, bytes);
    await page.getByTestId('file-input').setInputFiles(path, { timeout: 60_000 });
    await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 90_000 });
    await hubStatus(page).click();

    // the first chunk is in: kill the hub, as a power cut would, and start it again
    await patched;
    hub.kill();
    const killedAt = Date.now();
    await hub.start();

    const names = async () => ((await (await page.request.get(`${hub.url}/api/documents`)).json()).documents ?? []).map((d: { name: string }) => d.name);
    await expect.poll(names, { timeout: 90_000 }).toContain('rekap-akta-besar.txt');
    const after = log.filter((l) => l.at > killedAt);
    // it went on from where the hub's copy ended: no new upload, and a PATCH from past the start
    expect(after.filter((l) => l.method === 'POST')).toEqual([]);
    expect(after.some((l) => l.method === 'PATCH' && l.offset >= 4 * 1024 * 1024)).toBe(true);
    const list = (await (await page.request.get(`${hub.url}/api/documents`)).json()).documents as { id: string; name: string; sha256: string }[];
    const doc = list.find((d) => d.name === 'rekap-akta-besar.txt')!;
    expect(doc.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const content = Buffer.from(await (await page.request.get(`${hub.url}/api/documents/${doc.id}/content`)).body());
    expect(content.equals(bytes)).toBe(true);
    await expect(hubStatus(page)).toHaveText('Hub: tersinkron', { timeout: 60_000 });
    await ctx.close();
  } finally {
    hub.kill();
  }
});
