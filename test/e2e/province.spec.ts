/**
 * Tampilan provinsi (issue 12, point 5): a province's team sees every city side by side, offline
 * from a folder of city files, and live from the province hub with a province account.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules2024, writeCityFile } from './cityFiles';
import { HUB_SETUP_CODE, HubProcess } from './hubProcess';

const PROVINCE_CODE = 'E2EP-ROVB-ANTE-N234';
const PASSWORD = 'kata-sandi-yang-panjang';

async function questions() {
  const r = await rules2024();
  return [...r.questionByCode.values()].filter((q) => q.maxPoints >= 3);
}

const row = (page: Page, city: string) => page.locator(`[data-testid="province-table"] tr[data-city="${city}"]`);

test('offline, a folder of city files becomes one table: highest score first, a damaged file named with its reason', async ({ page, context }) => {
  const [q1, q2] = await questions();
  const dir = mkdtempSync(join(tmpdir(), 'kla-province-'));
  await writeCityFile(join(dir, 'serang.kla'), 'Kota Serang', 'Banten', { [q1.code]: 3 });
  await writeCityFile(join(dir, 'cilegon.kla'), 'Kota Cilegon', 'Banten', { [q1.code]: 3, [q2.code]: 2 });
  writeFileSync(join(dir, 'tangerang.kla'), Buffer.from('PK\u0003\u0004 bukan berkas utuh'));

  await page.goto('/');
  await page.getByTestId('open-province').click();
  await expect(page.getByRole('heading', { name: 'Tampilan provinsi', level: 1 })).toBeVisible();
  await context.setOffline(true);
  // the app's own button opens the file chooser (no browser-language "Choose Files")
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Pilih berkas .kla' }).click();
  await (await chooser).setFiles(['serang.kla', 'cilegon.kla', 'tangerang.kla'].map((f) => join(dir, f)));

  const table = page.getByTestId('province-table');
  await expect(table.locator('tbody tr')).toHaveCount(2, { timeout: 30_000 });
  await expect(table.locator('tbody th')).toHaveText(['Kota Cilegon 2024', 'Kota Serang 2024']);
  await expect(row(page, 'Kota Cilegon 2024').getByTestId('province-score')).toHaveText('5');
  await expect(row(page, 'Kota Serang 2024').getByTestId('province-score')).toHaveText('3');
  await expect(row(page, 'Kota Serang 2024')).toContainText('497 poin lagi ke Pratama');
  await expect(row(page, 'Kota Serang 2024').locator('[data-group]')).toHaveCount(7);
  await expect(row(page, 'Kota Serang 2024').getByTestId('province-missing')).toHaveText(/^274 pertanyaan/);
  const refused = page.getByTestId('exchange-problems');
  await expect(refused).toContainText('tangerang.kla');
  await expect(page.getByTestId('province-outcomes')).toContainText('2 dari 3 berkas dibaca');

  // printed: the table alone, without the pickers
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.province-sources')).toBeHidden();
  await expect(table).toBeVisible();
});

test('on the province hub, a province account made with its one-time code sees the cities of its province, live', async ({ page }) => {
  test.setTimeout(180_000);
  const [q1, q2] = await questions();
  const hub = await HubProcess.create();
  await hub.start(['--new-province-code', 'Banten'], { HUB_PROVINCE_CODE: PROVINCE_CODE });
  try {
    // a city sets itself up on the hub and its officer enters points (as the app's sync would)
    const setup = await fetch(`${hub.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kla-hub': '1' },
      body: JSON.stringify({ setupCode: HUB_SETUP_CODE, workspace: { name: 'Kota Serang', province: 'Provinsi Banten' }, admin: { username: 'petugas.serang', displayName: 'Petugas Serang', password: PASSWORD } }),
    });
    expect(setup.status).toBe(201);
    const cookie = setup.headers.get('set-cookie')!.split(';')[0];
    let n = 0;
    const push = (code: string, value: number) =>
      fetch(`${hub.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kla-hub': '1', cookie },
        body: JSON.stringify({ ops: [{ opId: `device01-${++n}`, kind: 'answer', questionCode: code, field: 'points', value, editedAt: new Date().toISOString() }] }),
      }).then((r) => r.json());
    expect((await push(q1.code, 3)).results[0].status).toBe('applied');

    await page.goto(`${hub.url}/#/provinsi`);
    const form = page.getByTestId('province-sign-in');
    await form.getByLabel('Saya punya kode akun provinsi').check();
    await form.getByLabel('Kode akun provinsi', { exact: true }).fill(PROVINCE_CODE.toLowerCase());
    await form.getByLabel(/^Nama pengguna/).fill('tim.banten');
    await form.getByLabel('Nama yang ditampilkan').fill('Tim KLA Provinsi Banten');
    await form.getByLabel(/^Kata sandi/).fill(PASSWORD);
    await form.getByRole('button', { name: 'Masuk ke hub' }).click();

    await expect(page.getByTestId('province-hub-at')).toContainText('Banten, data hub per');
    await expect(row(page, 'Kota Serang').getByTestId('province-score')).toHaveText('3');
    // the city goes on working; Muat ulang shows where it stands now
    expect((await push(q2.code, 3)).results[0].status).toBe('applied');
    await page.getByRole('button', { name: 'Muat ulang' }).click();
    await expect(row(page, 'Kota Serang').getByTestId('province-score')).toHaveText('6');
    // the session holds across a reload, and the code was for one account only
    await page.reload();
    await expect(row(page, 'Kota Serang').getByTestId('province-score')).toHaveText('6');
    const again = await fetch(`${hub.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kla-hub': '1' },
      body: JSON.stringify({ code: PROVINCE_CODE, username: 'tim.lain', displayName: 'Lain', password: PASSWORD }),
    });
    expect(again.status).toBe(403);
  } finally {
    hub.kill();
  }
});
