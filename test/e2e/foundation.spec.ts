import { expect, test, type Page } from './fixtures';

async function createWorkspace(page: Page, city: string, demo = false) {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill(city);
  await page.getByLabel('Provinsi').fill('Banten');
  if (demo) {
    await page.getByLabel(/data contoh/).check();
    await page.getByLabel(/dokumen bukti contoh/).uncheck(); // answers only: no intake running beside the test
  }
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
}

async function setPoints(page: Page, value: string) {
  const input = page.getByLabel(/Nilai diberikan/);
  await input.fill(value);
  await input.press('Enter');
}

test('create a workspace, answer, watch score and predicate, then offline reload keeps everything', async ({ page, context }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));

  await createWorkspace(page, 'Kota Serang');
  await expect(page.getByTestId('total')).toHaveText('0');
  await expect(page.getByTestId('predicate')).toHaveText('Belum berpredikat');
  await expect(page.getByTestId('next-band')).toHaveText('500 poin lagi menuju Pratama');
  // 273 to grade against the instrument's 274: the one worth no points is said, not left a puzzle
  await expect(page.getByTestId('home-ungraded')).toHaveText('273 pertanyaan belum dinilai (dari 274 pertanyaan; 1 pertanyaan tanpa poin memang tidak dinilai)');

  // Instrument: indicator 1, question 1.1 (max 12)
  await page.getByRole('link', { name: 'Instrumen' }).click();
  await page.locator('[data-code="1.1"]').click();
  await setPoints(page, '12');
  await expect(page.getByTestId('total')).toHaveText('12');
  await expect(page.locator('[data-code="1.1"] .q-points')).toHaveText('12 / 12');

  // a quarter via the fraction buttons, decimal comma typed by hand
  await page.locator('[data-code="1.2f"]').click();
  await page.getByRole('group', { name: 'Nilai' }).getByRole('button', { name: '0,75' }).click();
  await expect(page.getByTestId('total')).toHaveText('12,75');
  await page.locator('[data-code="1.2a"]').click();
  await setPoints(page, '0,5');
  await expect(page.getByTestId('total')).toHaveText('13,25');

  // invalid points are refused with a message; the stored value stays
  await setPoints(page, '5');
  await expect(page.getByRole('alert')).toContainText('antara 0 dan 1');
  await expect(page.getByTestId('total')).toHaveText('13,25');

  // keyboard: ArrowDown moves to the next question, "/" focuses search, g jumps by code
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/instrumen\/1\/1\.2b$/);
  await page.keyboard.press('g');
  await page.getByLabel('Lompat ke kode').fill('21a.3');
  await page.getByLabel('Lompat ke kode').press('Enter');
  await expect(page).toHaveURL(/instrumen\/21A\/21A\.3$/);
  await expect(page.locator('#q-title')).toContainText('21A.3');

  // status and notes persist
  await page.getByLabel('Siap', { exact: true }).check();
  await page.getByLabel('Catatan petugas').fill('SK Kepala Dinas no. 12/2024 ada di arsip DP3AKB');
  await page.getByLabel('Catatan petugas').blur();
  await expect(page.getByRole('status').filter({ hasText: 'Tersimpan' })).toBeVisible();

  // search by words finds questions across clusters
  await page.keyboard.press('/');
  await page.keyboard.type('akta kelahiran');
  await expect(page.locator('.q-row').first()).toBeVisible();
  const found = await page.locator('.q-row').count();
  expect(found).toBeGreaterThan(2);
  await page.getByLabel('Cari pertanyaan').fill('');

  // filter by status: only the one "ready" question
  await page.getByLabel('Saring menurut status').selectOption('ready');
  await expect(page.getByLabel('Saring menurut status').locator('option:checked')).toHaveText('Status: Siap');
  await expect(page.locator('.q-row')).toHaveCount(1);
  await page.getByLabel('Saring menurut status').selectOption('');

  // enough points to cross into Pratama: fill Klaster V 21A with maxima until > 500? use group pages
  // (covered by unit tests; here check that the predicate reacts at all by going to English and back)
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.getByTestId('total')).toHaveText('13.25');
  await expect(page.getByTestId('predicate')).toHaveText('No predicate');
  await page.getByRole('button', { name: 'ID' }).click();

  // offline: wait for the service worker to control the page, then cut the network and reload
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('total')).toHaveText('13,25');
  await expect(page.locator('#q-title')).toContainText('21A.3');
  await expect(page.getByLabel('Catatan petugas')).toHaveValue('SK Kepala Dinas no. 12/2024 ada di arsip DP3AKB');
  await expect(page.getByTestId('offline')).toBeVisible();

  // still works offline: answer another question and see the score move
  await page.locator('[data-indicator="4"]').click();
  await page.locator('[data-code="4.4"]').click();
  await setPoints(page, '2');
  await expect(page.getByTestId('total')).toHaveText('15,25');
  await page.reload();
  await expect(page.getByTestId('total')).toHaveText('15,25');

  expect(errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
});

test('the demo workspace shows a predicate and the band moves when points cross a boundary', async ({ page }) => {
  await createWorkspace(page, 'Kota Contoh', true);
  const total = Number((await page.getByTestId('total').textContent())!.replace(',', '.'));
  expect(total).toBeGreaterThan(600);
  await expect(page.getByTestId('predicate')).not.toHaveText('Belum berpredikat');
  // home shows the band scale, group bars and next steps
  await expect(page.getByTestId('home-total')).toHaveText(await page.getByTestId('total').textContent() as string);
  await expect(page.locator('.group-bars li')).toHaveCount(7);
  await expect(page.getByText('Kekurangan nilai terbesar')).toBeVisible();
  await expect(page.getByTestId('persisted')).toBeVisible();

  // lower points question by question until the total drops into the band below: the predicate
  // and the points-to-next change with it, on every screen
  const before = (await page.getByTestId('predicate').getAttribute('data-band'))!;
  const order = ['none', 'pratama', 'madya', 'nindya', 'utama', 'kla'];
  const wsUrl = page.url();
  await page.goto(`${wsUrl}/instrumen/semua`);
  const allRows = page.locator('.q-row');
  for (let i = 0; i < 60 && (await page.getByTestId('predicate').getAttribute('data-band')) === before; i++) {
    const row = allRows.nth(i);
    if ((await row.locator('.q-points').textContent())!.startsWith('–')) continue;
    await row.click();
    await page.getByRole('group', { name: 'Nilai' }).getByRole('button', { name: '0', exact: true }).click();
    await expect(row.locator('.q-points')).toHaveText(/^0 \//);
  }
  const after = (await page.getByTestId('predicate').getAttribute('data-band'))!;
  expect(order.indexOf(after)).toBe(order.indexOf(before) - 1);
  const beforeLabel = before === 'kla' ? 'KLA' : before[0].toUpperCase() + before.slice(1);
  await expect(page.getByTestId('next-band')).toContainText(`menuju ${beforeLabel}`);
  // the bar says the predicate dropped, and from which (not only the new word); opening the
  // workspace afresh is not a change
  await expect(page.getByTestId('band-moved')).toHaveText(`↓ turun dari ${beforeLabel}`);
  await page.reload();
  await expect(page.getByTestId('predicate')).toHaveAttribute('data-band', after);
  await expect(page.getByTestId('band-moved')).toHaveCount(0);
  await page.goto(wsUrl);
  await expect(page.getByTestId('usage')).toContainText(/Terpakai|tidak diketahui/);

  // agencies page lists per-agency progress and links to the filtered instrument
  await page.getByRole('link', { name: 'Perangkat Daerah', exact: true }).click();
  await expect(page.locator('[data-agency="dinkes"]')).toBeVisible();
  await page.locator('[data-agency="dinkes"]').getByRole('link').click();
  await expect(page.getByLabel('Perangkat daerah').first()).toHaveValue('dinkes');
  const rows = await page.locator('.q-row').count();
  expect(rows).toBeGreaterThan(5);
});

test('two tabs stay consistent, also when both edit the same question', async ({ context }) => {
  const a = await context.newPage();
  await createWorkspace(a, 'Kota Dua Tab');
  const url = a.url();
  const b = await context.newPage();
  await b.goto(url);
  await expect(b.getByTestId('total')).toHaveText('0');
  await a.getByRole('link', { name: 'Instrumen' }).click();
  await a.locator('[data-code="1.1"]').click();
  await setPoints(a, '6');
  await expect(a.getByTestId('total')).toHaveText('6');
  await expect(b.getByTestId('total')).toHaveText('6');
  // both tabs edit the same question: the last write wins in both, and both edits are logged
  await b.getByRole('link', { name: 'Instrumen' }).click();
  await b.locator('[data-code="1.1"]').click();
  await setPoints(b, '8');
  await expect(b.getByTestId('total')).toHaveText('8');
  await expect(a.getByTestId('total')).toHaveText('8');
  await expect(a.locator('[data-code="1.1"] .q-points')).toHaveText('8 / 12');
  await setPoints(a, '4');
  await expect(b.getByTestId('total')).toHaveText('4');
  await expect(b.locator('[data-code="1.1"] .q-points')).toHaveText('4 / 12');
});

test('an old tab facing a newer schema asks to reload instead of writing', async ({ page }) => {
  await createWorkspace(page, 'Kota Lama');
  // Another tab of a newer app version upgrades the database.
  await page.evaluate(async () => {
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('siap-kla', 9990);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () => undefined;
    });
  });
  await expect(page.getByTestId('db-banner')).toContainText('Versi Siap KLA yang lebih baru');
  await page.reload();
  await expect(page.getByTestId('db-banner')).toContainText('Muat ulang');
});

test('installable: a web app manifest with icons, served offline by the service worker', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await request.get(href!)).json();
  expect(manifest).toMatchObject({ name: 'Siap KLA', display: 'standalone', start_url: '/' });
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) expect((await request.get(`/${icon.src}`)).ok()).toBe(true);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const all = await Promise.all(keys.map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)));
    return all.flat();
  });
  // the whole app is precached: the reader worker, pdf.js, the OCR engine and its Indonesian data
  expect(cached.some((p) => /reader\.worker-.*\.js$/.test(p))).toBe(true);
  expect(cached).toEqual(expect.arrayContaining(['/vendor/ocr/ind.traineddata.gz', '/vendor/ocr/tesseract-core-simd-lstm.wasm.js', '/vendor/ocr/worker.min.js']));
  expect(cached.some((p) => /pdf\.worker\.min-.*\.mjs$/.test(p))).toBe(true);
  expect(cached.some((p) => /kla-2024-.*\.json$/.test(p))).toBe(true);
});

test('a note typed just before a reload is kept: stored when the workspace opens again, and said', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Catat');
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  await page.goto(`${page.url().replace(/\/$/, '')}/instrumen/1/1.2c`);
  // typed and reloaded at once, before the pause that saves it (the eighth walk lost it so)
  await page.getByLabel('Catatan petugas').fill('Perbup KLA 2025 ada di Bagian Hukum');
  await page.reload();
  await expect(page.getByLabel('Catatan petugas')).toHaveValue('Perbup KLA 2025 ada di Bagian Hukum');
  await expect(page.getByTestId('toast')).toContainText('sudah disimpan: 1.2c');
  // stored, not only shown: the draft is gone and a second reload reads it from the database
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('siap-kla.draft-notes:')))).toEqual([]);
  await page.reload();
  await expect(page.getByLabel('Catatan petugas')).toHaveValue('Perbup KLA 2025 ada di Bagian Hukum');
  await expect(page.getByTestId('toast')).toHaveCount(0);
});
