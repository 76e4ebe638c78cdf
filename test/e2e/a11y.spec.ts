/**
 * Accessibility: axe-core (WCAG 2.x A and AA rules) on every screen of the officer and of the
 * evaluator, in Bahasa Indonesia and in English. No serious or critical violation may stand; the
 * test prints how many rules were checked and what lesser findings remain.
 */
import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath } from 'node:url';
import { expect, menuLink, test, type Page } from './fixtures';

const DEMO = fileURLToPath(new URL('../fixtures/demo.kla', import.meta.url));

async function audit(page: Page, screen: string, found: string[]) {
  await page.waitForTimeout(300);
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of r.violations) found.push(`${screen}: ${v.impact} ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${screen}: ${v.id}: ${v.help} -> ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('every screen of the officer and the evaluator has no serious or critical axe violation', { tag: '@long' }, async ({ page }) => {
  test.setTimeout(240_000);
  const serious: string[] = [];
  const all: string[] = [];
  await page.goto('/');
  serious.push(...(await audit(page, 'start', all)));
  await page.getByLabel('Kabupaten/Kota').fill('Kota Akses');
  await page.getByLabel(/data contoh/).check();
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  serious.push(...(await audit(page, 'Beranda', all)));
  for (const name of ['Instrumen', 'Bukti', 'Salah klaster', 'Revisi', 'Ringkasan', 'Berkas', 'Perangkat Daerah', 'Riwayat', 'Pengaturan']) {
    await menuLink(page, name).click();
    await page.waitForLoadState('networkidle');
    serious.push(...(await audit(page, name, all)));
  }
  // the evaluator's screens, from the shipped demo file
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(DEMO);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  serious.push(...(await audit(page, 'Tinjauan', all)));
  console.log(`axe: ${all.length} finding(s) below serious:\n${all.join('\n')}`);
  expect(serious).toEqual([]);
});
