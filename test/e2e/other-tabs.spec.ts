/**
 * Two tabs on one workspace: what one tab reads again reaches the other without a reload. Each
 * tab keeps the classifications it has read (the list's suggestions, the misfile flags); a PDF
 * opened with its password in one tab left the other showing no suggestion and no flag for it
 * until a reload. Fails if the other tab stops hearing that a classification changed.
 */
import { expect, newWorkspace, test, typeLink } from './fixtures';
import { encryptedPdf, ENCRYPTED_PDF_PASSWORD } from '../fixtures/evidence/generate';

test('a PDF opened with its password in one tab gets its suggestion and its flag in the other', async ({ page, context }) => {
  test.setTimeout(120_000);
  await newWorkspace(page, 'Kota Dua Tab');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([{ name: 'terkunci.pdf', mimeType: 'application/pdf', buffer: encryptedPdf() }]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  const row = (p: typeof page) => p.locator('.doc-row[data-doc="terkunci.pdf"]');
  // linked where its words do not belong (the data on child victims is not the task force's)
  await row(page).click();
  await typeLink(page, '2.1');
  await expect(page.getByTestId('doc-links')).toContainText('2.1');

  const other = await context.newPage();
  await other.goto(page.url().replace(/\/bukti.*$/, '/bukti'));
  await expect(row(other)).toBeVisible();
  await expect(row(other).getByTestId('row-suggestion')).toHaveCount(0); // unread: nothing to suggest
  await expect(row(other).getByTestId('row-flag')).toHaveCount(0);

  await page.getByLabel('Kata sandi PDF').fill(ENCRYPTED_PDF_PASSWORD);
  await page.getByRole('button', { name: 'Buka dengan kata sandi' }).click();
  await expect(page.getByTestId('doc-text')).toContainText('RAHASIA');
  await expect(row(page).getByTestId('row-flag')).toBeVisible();

  await expect(row(other).getByTestId('row-flag')).toBeVisible(); // the other tab's flags read it afresh

  // unlinked in the first tab: the other's list shows the suggestion of the text it now has
  await page.getByTestId('doc-links').getByRole('button', { name: 'Lepas', exact: true }).click();
  await expect(row(page).getByTestId('row-suggestion')).toBeVisible();
  await expect(row(other).getByTestId('row-flag')).toHaveCount(0);
  await expect(row(other).getByTestId('row-suggestion')).toHaveAttribute('data-code', (await row(page).getByTestId('row-suggestion').getAttribute('data-code'))!);
});
