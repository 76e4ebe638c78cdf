/**
 * The city hub's pages as the browser tests drive them (hub.spec, hub-review.spec): a fresh
 * profile, connecting on Hub kota, a city set up on a hub, an officer's note.
 */
import { expect, type BrowserContext, type Page } from './fixtures';
import { HUB_SETUP_CODE } from './hubProcess';

export const PASSWORD = 'kata-sandi-e2e-panjang';
export const CODE = /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/;
export const NEW_USERNAME = 'Nama pengguna (huruf kecil, angka, titik atau garis; misalnya dinkes.budi)';

export async function newProfile(browser: import('@playwright/test').Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', acceptDownloads: true });
  await ctx.addInitScript(() => {
    delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  return ctx;
}

export async function connect(page: Page, mode: string, fields: Record<string, string>) {
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const card = page.getByTestId('hub-card');
  await card.getByLabel(mode, { exact: true }).check();
  for (const [label, value] of Object.entries(fields)) await card.getByLabel(label, { exact: true }).fill(value);
  await card.getByRole('button', { name: 'Sambungkan' }).click();
  await expect(card.getByTestId('hub-connected')).toBeVisible();
}

export async function writeNote(page: Page, wsUrl: string, code: string, text: string, before = '') {
  await page.goto(`${wsUrl}/instrumen/${code.split('.')[0]}/${code}`);
  const notes = page.getByLabel(/^Catatan (petugas|untuk DP3AKB)/);
  await expect(notes).toHaveValue(before); // the stored answer has loaded
  await notes.fill(text);
  await notes.press('Tab');
}

export const hubStatus = (p: Page) => p.getByTestId('hub-status');

/** A new city workspace in this browser, set up on the hub by its officer; returns its address. */
export async function cityOnHub(page: Page, hubUrl: string, city: string): Promise<string> {
  await page.goto(`${hubUrl}/`);
  await page.getByLabel('Kabupaten/Kota').fill(city);
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  const wsUrl = page.url().replace(/\/$/, '');
  await connect(page, 'Siapkan ruang kerja kota di hub', {
    'Kode penyiapan (tampil saat hub dijalankan)': HUB_SETUP_CODE,
    [NEW_USERNAME]: 'petugas',
    'Nama yang ditampilkan': 'Petugas DP3AKB',
    'Kata sandi (minimal 10 karakter)': PASSWORD,
  });
  await expect(hubStatus(page)).toHaveText('Hub: tersinkron', { timeout: 30_000 });
  return wsUrl;
}


/** Joins from the workspace list of an app opened from the hub, with the invitation code alone. */
export async function joinWithCode(page: Page, hubUrl: string, code: string, username: string, displayName: string) {
  await page.goto(`${hubUrl}/`);
  const card = page.getByTestId('join-hub');
  await card.getByLabel('Kode undangan').fill(code);
  await card.getByLabel(/^Nama pengguna/).fill(username);
  await card.getByLabel('Nama yang ditampilkan').fill(displayName);
  await card.getByLabel(/^Kata sandi/).fill(PASSWORD);
  await card.getByRole('button', { name: 'Gabung dengan kode undangan' }).click();
}
