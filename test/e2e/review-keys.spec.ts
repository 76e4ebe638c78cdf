/**
 * The evaluator at speed (issue 13, point 6): a whole cluster (Klaster I) reviewed from the keyboard alone
 * (n/p to move, 1-4 for the verdicts, the note focused after a verdict that asks for work, Esc
 * to leave it), the verdict form in view beside the evidence. Fails if a key does nothing or the
 * note does not take the focus.
 */
import { fileURLToPath } from 'node:url';
import { expect, storedRows, test } from './fixtures';

const DEMO = fileURLToPath(new URL('../fixtures/demo.kla', import.meta.url));

test('a whole cluster is reviewed without the mouse: n/p, keys 1-4, the note after "perlu perbaikan"', async ({ page }) => {
  test.setTimeout(90_000);
  await page.addInitScript(() => localStorage.setItem('siap-kla.reviewer', 'Tim Provinsi'));
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(DEMO);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  // Klaster I: indicators 4, 5 and 6, in one run of n
  const codes: string[] = [];
  for (const ind of ['4', '5', '6']) {
    await page.locator(`[data-indicator="${ind}"]`).click();
    // the list is the indicator's own before it is read (a click re-renders it after the hash)
    await expect(page.locator('.q-row').first()).toHaveAttribute('data-code', `${ind}.1`);
    codes.push(...(await page.locator('.q-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')!))));
  }
  expect(codes.length).toBeGreaterThan(15);
  // from here on, the keyboard alone
  await page.goto(page.url().replace(/tinjauan.*$/, 'tinjauan/4'));
  // goto returns on the hash change, before React draws indicator 4: a key pressed then is read
  // by the list still on screen (6), as a person pressing it would see (failed so in CI, 1 in 6)
  await expect(page.locator('.q-row').first()).toHaveAttribute('data-code', codes[0]);
  await page.keyboard.press('n'); // the first question
  await expect(page.locator(`.q-row[data-code="${codes[0]}"]`)).toHaveAttribute('aria-selected', 'true');
  for (let i = 0; i < codes.length; i++) {
    const row = page.locator(`.q-row[data-code="${codes[i]}"]`);
    await expect(row).toHaveAttribute('aria-selected', 'true');
    if (i % 3 === 1) {
      // needs work: the note takes the focus, Esc leaves it (and saves it)
      await page.keyboard.press('2');
      await expect(page.getByLabel('Catatan untuk kota')).toBeFocused();
      await page.keyboard.type(`Lengkapi bukti ${codes[i]}`);
      await page.keyboard.press('Escape');
      await expect(row).toContainText('Perlu perbaikan');
    } else {
      await page.keyboard.press('1');
      await expect(row).toContainText('Sesuai');
    }
    // the verdict form stays in view
    await expect(page.getByRole('group', { name: 'Putusan' })).toBeInViewport();
    if (i < codes.length - 1) await page.keyboard.press('n');
  }
  await expect(page.getByTestId('review-progress')).toContainText(`${codes.length} dari 274`);
  // p goes back, and the note typed there was kept
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  const back = codes[codes.length - 3];
  await expect(page.locator(`.q-row[data-code="${back}"]`)).toHaveAttribute('aria-selected', 'true');
  // and across an indicator's start: from 6's first question, p goes to 5's last
  const first6 = codes.find((c) => c.startsWith('6.'))!;
  await page.goto(page.url().replace(/tinjauan.*$/, `tinjauan/6/${first6}`));
  await expect(page.locator(`.q-row[data-code="${first6}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('p');
  const last5 = codes.filter((c) => c.startsWith('5.')).at(-1)!;
  await expect(page.locator(`.q-row[data-code="${last5}"]`)).toHaveAttribute('aria-selected', 'true');
  const needsWork = codes.filter((_, i) => i % 3 === 1);
  await page.goto(page.url().replace(/tinjauan.*$/, `tinjauan/${needsWork[0].split('.')[0]}/${needsWork[0]}`));
  await expect(page.getByLabel('Catatan untuk kota')).toHaveValue(`Lengkapi bukti ${needsWork[0]}`);

  // on a 1366 x 768 office laptop the city's answer and its evidence get most of the detail pane
  await page.setViewportSize({ width: 1366, height: 768 });
  const answerWidth = await page.locator('.city-answer').evaluate((e) => e.getBoundingClientRect().width);
  expect(answerWidth).toBeGreaterThan(420);
  await expect(page.getByRole('group', { name: 'Putusan' })).toBeInViewport();
});

test('a verdict key before the name asks for the name and puts the focus there; points out of range are said on Enter', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(DEMO);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  await page.locator('[data-indicator="4"]').click();
  await page.locator('.q-row[data-code="4.1"]').click();
  await page.keyboard.press('2');
  await expect(page.getByRole('alert').filter({ hasText: 'Isi nama evaluator lebih dulu.' })).toBeVisible();
  // the focus goes where the missing name is typed (it went to the note, as if the verdict were taken)
  await expect(page.getByLabel('Nama evaluator')).toBeFocused();
  await expect(page.locator('.q-row[data-code="4.1"]')).not.toContainText('Perlu perbaikan');
  await page.getByLabel('Nama evaluator').fill('Tim Provinsi');
  const points = page.getByLabel(/Nilai evaluator/);
  await points.fill('99');
  await points.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Nilai' })).toBeVisible();
});

test('Tinjauan finds a question as Instrumen does: / searches by words or code, g goes to a code', async ({ page }) => {
  test.setTimeout(60_000);
  await page.addInitScript(() => localStorage.setItem('siap-kla.reviewer', 'Tim Provinsi'));
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(DEMO);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  await expect(page.locator('.q-row').first()).toHaveAttribute('data-code', '1.1');
  // / puts the focus in the search; words find questions across clusters, the tree shows where
  await page.keyboard.press('/');
  const search = page.getByLabel('Cari pertanyaan', { exact: true });
  await expect(search).toBeFocused();
  await search.fill('akta kelahiran');
  await expect(page.locator('.q-row[data-code="4.2"]')).toBeVisible();
  await expect(page.locator('.q-row[data-code="1.1"]')).toHaveCount(0);
  await expect(page.locator('.tree-ind[data-indicator="4"]')).toBeVisible();
  // Esc leaves the box; n moves through the results, not the indicator
  await search.press('Escape');
  await search.blur();
  const found = await page.locator('.q-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')!));
  await page.keyboard.press('n');
  await expect(page.locator(`.q-row[data-code="${found[0]}"]`)).toHaveAttribute('aria-selected', 'true');
  // a click in the tree leaves the search for that indicator
  await page.locator('[data-indicator="2"]').click();
  await expect(search).toHaveValue('');
  await expect(page.locator('.q-row').first()).toHaveAttribute('data-code', '2.1');
  // g: a code; an unknown one is said and the box stays; an indicator's code goes to its first question
  await page.keyboard.press('g');
  const jump = page.getByLabel('Lompat ke kode');
  await expect(jump).toBeFocused();
  await jump.fill('99.9');
  await jump.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Kode 99.9 tidak ada di instrumen ini.' })).toBeVisible();
  await jump.fill('17 .2');
  await jump.press('Enter');
  await expect(page.locator('.q-row[data-code="17.2"]')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.review-detail h2')).toContainText('17.2');
  await page.keyboard.press('g');
  await page.getByLabel('Lompat ke kode').fill('21A');
  await page.getByLabel('Lompat ke kode').press('Enter');
  await expect(page.locator('.q-row[data-code="21A.1"]')).toHaveAttribute('aria-selected', 'true');
});

test('the mouse gives a verdict as the keys do: the note takes the cursor, so a note with a digit in it stays a note; the name is kept once typed', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(DEMO);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  await page.locator('[data-indicator="4"]').click();
  await page.locator('.q-row[data-code="4.1"]').click();
  // the name typed on 4.1, then another question: it is still the evaluator's (the seventh walk lost it)
  await page.getByLabel('Nama evaluator', { exact: true }).fill('Tim Evaluator Provinsi');
  await page.locator('.q-row[data-code="4.2"]').click();
  await expect(page.getByLabel('Nama evaluator', { exact: true })).toHaveCount(0);
  // a verdict clicked, then the note typed: "3" is text, not the "Salah klaster" key
  await page.getByRole('button', { name: 'Dokumen tidak ada' }).click();
  await expect(page.getByLabel('Catatan untuk kota')).toBeFocused();
  await page.keyboard.type('Nilai 3 tanpa dokumen: lampirkan register');
  await page.keyboard.press('Escape');
  const row = page.locator('.q-row[data-code="4.2"]');
  await expect(row).toContainText('Dokumen tidak ada');
  await expect(page.getByLabel('Catatan untuk kota')).toHaveValue('Nilai 3 tanpa dokumen: lampirkan register');
  // stored (Escape left the field, which writes it) before the reload: a reload within the write's
  // few milliseconds cut it off once in CI (7 Dec 2026), which is not what this test is about
  await expect.poll(async () => (await storedRows<{ code: string; note: string }>(page, 'reviews')).find((x) => x.code === '4.2')?.note ?? null).toBe('Nilai 3 tanpa dokumen: lampirkan register');
  await page.reload();
  await expect(page.locator('.q-row[data-code="4.2"]')).toContainText('Dokumen tidak ada');
  await expect(page.getByLabel('Catatan untuk kota')).toHaveValue('Nilai 3 tanpa dokumen: lampirkan register');
});

test("the evaluator's export without a name says so in the app's language, not the browser's bubble", async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(DEMO);
  await expect(page.getByTestId('evaluator-mode')).toBeVisible();
  await page.getByRole('link', { name: 'Berkas', exact: true }).click();
  const name = page.getByLabel('Nama evaluator / tim');
  await name.fill('');
  await page.getByRole('button', { name: 'Ekspor tanggapan evaluator' }).click();
  await expect(name).toHaveJSProperty('validationMessage', 'Isi nama evaluator atau tim: kota melihatnya pada setiap catatan.');
  await name.fill('Tim Provinsi');
  await expect(name).toHaveJSProperty('validationMessage', '');
});
