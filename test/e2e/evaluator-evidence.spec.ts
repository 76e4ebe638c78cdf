/**
 * An evaluator's Bukti is the city's evidence to read and search, not to change (the ninth walk:
 * it offered the drop area, tick boxes and one-click links on the evaluator's copy; a reread found
 * Bukti's links into the city's Instrumen, where everything could be changed). Fails if any of
 * them comes back there; the city's own Bukti keeps them (evidence.spec, link-suggest.spec).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { writeCityFileWithDocuments } from './cityFiles';
import { AKTA, SRA } from '../fixtures/evidence/topics';

test("an evaluator's Bukti reads and searches the city's evidence, and offers nothing that would change it", async ({ page }) => {
  const cityFile = join(mkdtempSync(join(tmpdir(), 'kla-eval-bukti-')), 'kota.kla');
  await writeCityFileWithDocuments(cityFile, 'Kota Baca', { 'rekap-akta.pdf': AKTA, 'laporan-sra.pdf': SRA }, [{ doc: 'rekap-akta.pdf', code: '1.1' }]);
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(cityFile);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await expect(page.getByTestId('doc-count')).toHaveText('2 dokumen');

  await expect(page.getByTestId('evidence-read-only')).toContainText('Salinan evaluator');
  await expect(page.getByTestId('file-input')).toHaveCount(0);
  await expect(page.locator('.doc-tick')).toHaveCount(0);
  // the unlinked one still says where the app would file it, as the app's reading (not the
  // city's claim: the tenth walk), without the button to do so
  const unlinked = page.locator('.doc-row[data-doc="laporan-sra.pdf"]');
  await expect(unlinked.getByTestId('row-suggestion')).toContainText(/^ · menurut bacaan aplikasi: \d+[A-Z]?\.\d+/);
  await expect(unlinked.getByTestId('row-suggestion')).not.toContainText('Saran');
  await expect(unlinked.getByRole('button', { name: /^Tautkan/ })).toHaveCount(0);

  // search works; the open document shows its links without unlink, link or agency change
  await page.getByRole('searchbox', { name: 'Cari isi dokumen' }).fill('akta');
  await page.locator('.doc-row[data-doc="rekap-akta.pdf"] .doc-open').click();
  await expect(page.getByTestId('doc-text')).toContainText(/akta/i);
  await expect(page.getByRole('button', { name: /^Lepas/ })).toHaveCount(0);
  await expect(page.getByTestId('flag')).toBeVisible(); // the city's flag is shown, without its moves
  await expect(page.getByRole('button', { name: /^(Pindahkan ke|tautkan juga ke|Abaikan)/ })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Tautkan ke pertanyaan' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: /^Dari perangkat daerah/ })).toBeDisabled();

  // the link to the question's place opens it in Tinjauan, not in the city's Instrumen
  await page.getByRole('link', { name: '1.1', exact: true }).first().click();
  await expect(page).toHaveURL(/\/instrumen\/1\/1\.1$/);
  await expect(page.getByTestId('review-progress')).toBeVisible();
  await expect(page.getByLabel('Nama evaluator')).toBeVisible();
  await expect(page.getByTestId('file-input')).toHaveCount(0);
});
