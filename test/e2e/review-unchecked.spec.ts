/**
 * An evaluator sees which of the city's links were made with one click from the app's suggestion
 * and never checked by the city (`suggested`, carried in the .kla file): they are not evidence
 * the city vouched for. Fails if the mark is lost on the way or shown on a link the officer made.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { writeCityFileWithDocuments } from './cityFiles';
import { AKTA, SRA } from '../fixtures/evidence/topics';

test("the review marks a link the city took from the app's suggestion and never checked, and a question resting only on such links", async ({ page }) => {
  const cityFile = join(mkdtempSync(join(tmpdir(), 'kla-unchecked-')), 'kota.kla');
  await writeCityFileWithDocuments(cityFile, 'Kota Saran', { 'rekap-akta.pdf': AKTA, 'laporan-sra.pdf': SRA }, [
    { doc: 'rekap-akta.pdf', code: '1.1', suggested: true },
    { doc: 'laporan-sra.pdf', code: '1.1' },
    { doc: 'rekap-akta.pdf', code: '1.2a', suggested: true },
  ]);
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(cityFile);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  await page.getByRole('link', { name: 'Tinjauan' }).click();
  // a question only such links answer says so in the list; 1.1 has one the officer made too
  await expect(page.locator('[data-code="1.1"] [data-testid="row-unchecked-by-city"]')).toHaveCount(0);
  await expect(page.locator('[data-code="1.2a"] [data-testid="row-unchecked-by-city"]')).toHaveText(' (dari saran aplikasi, belum diperiksa kota)');
  await page.locator('[data-code="1.1"]').click();
  const item = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('button', { name }) });
  await expect(item('rekap-akta.pdf').getByTestId('unchecked-by-city')).toHaveText('dari saran aplikasi, belum diperiksa kota');
  await expect(item('laporan-sra.pdf')).toBeVisible();
  await expect(item('laporan-sra.pdf').getByTestId('unchecked-by-city')).toHaveCount(0);
});
