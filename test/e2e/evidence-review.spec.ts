/**
 * Bukti after the review of 6 Dec 2026 (docs/usability-walks.md): the bulk link review gives the
 * keyboard focus back where the officer was, and cannot be closed while its links are written;
 * the agency filter never counts a letterhead's guess as the agency's own file.
 */
import { expect, holdStore, releaseStore, test, type Page } from './fixtures';
import { textPdf } from '../fixtures/evidence/generate';
import { AKTA, FORUM, SRA, pdfFile as file } from '../fixtures/evidence/topics';

async function withDocuments(page: Page, files: [string, string[]][]) {
  await page.goto('/');
  await page.getByLabel('Kabupaten/Kota').fill('Kota Tinjau');
  await page.getByRole('button', { name: 'Buat ruang kerja' }).click();
  await expect(page.getByTestId('total')).toBeVisible();
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles(await Promise.all(files.map(async ([name, lines], i) => file(name, await textPdf({ lines, seed: i * 4 + 1 })))));
  await expect(page.getByTestId('intake-overall')).toHaveText(`${files.length} dari ${files.length} selesai`, { timeout: 60_000 });
}

const holdLinks = (page: Page) => holdStore(page, 'links');
const release = releaseStore;

test('the bulk review gives the focus back to its button or to the list, and waits while its links are written', async ({ page }) => {
  test.setTimeout(120_000);
  await withDocuments(page, [['laporan-sra.pdf', SRA], ['rekap-akta.pdf', AKTA], ['notula-forum-anak.pdf', FORUM]]);
  await page.getByRole('button', { name: 'Pilih semua yang belum ditautkan (3)' }).click();
  const opener = page.getByRole('button', { name: 'Tautkan ke saran…' });
  const review = page.getByTestId('bulk-review');

  // it is open (modal) as soon as it is in the page: no moment in which a key goes past it
  await page.evaluate(() => {
    const w = window as unknown as { openWhenAdded?: boolean };
    new MutationObserver((_, obs) => {
      const d = document.querySelector<HTMLDialogElement>('[data-testid="bulk-review"]');
      if (d) (w.openWhenAdded = d.open && d.matches(':modal')), obs.disconnect();
    }).observe(document.body, { childList: true, subtree: true });
  });

  // Escape, then Batal: the focus is back on the button that opened it (it was left on the page's body)
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(review.getByTestId('bulk-row')).toHaveCount(3);
  expect(await page.evaluate(() => (window as unknown as { openWhenAdded?: boolean }).openWhenAdded)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(review).toHaveCount(0);
  await expect(opener).toBeFocused();
  await page.keyboard.press('Enter');
  await review.getByRole('button', { name: 'Batal' }).click();
  await expect(review).toHaveCount(0);
  await expect(opener).toBeFocused();

  // while the links are written, neither Escape (twice: Chromium closes on a second one) nor Batal closes it
  await page.keyboard.press('Enter');
  await review.getByRole('checkbox', { name: 'Pilih notula-forum-anak.pdf' }).uncheck();
  await holdLinks(page);
  await review.getByRole('button', { name: 'Tautkan 2 berkas' }).click();
  await expect(review.getByRole('button', { name: 'Batal' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await expect(review).toBeVisible();
  expect(await review.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
  await release(page);

  // made: the button is gone (nothing is ticked), so the focus goes to the list
  await expect(page.getByTestId('toast')).toContainText('2 berkas ditautkan ke saran');
  await expect(review).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Bukti dukung' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('.doc-list :focus')).toHaveCount(1); // the next stop is inside the list
});

test('an agency in the filter shows the files confirmed as its own, counted beside its name; its guesses are a choice apart, said to be guesses', async ({ page }) => {
  test.setTimeout(120_000);
  await withDocuments(page, [['rekap-akta.pdf', AKTA], ['laporan-sra.pdf', SRA]]);
  const filter = page.getByLabel('Perangkat daerah', { exact: true });
  const count = page.getByTestId('doc-count');
  const akta = page.locator('.doc-row[data-doc="rekap-akta.pdf"]');
  // the row names the agency its letterhead suggests, as a guess
  await expect(akta.getByTestId('row-agency')).toHaveText('Disdukcapil (perkiraan)');

  // guessed from the letterhead and not confirmed: not among Disdukcapil's files (its count says
  // so beside its name), and the list says so
  await filter.selectOption({ label: 'Disdukcapil (0)' });
  await expect(count).toContainText('0 dokumen');
  await expect(page.getByTestId('agency-also-guessed')).toContainText('1 berkas lagi diperkirakan dari Disdukcapil, belum dikonfirmasi');
  await expect(filter.locator('optgroup')).toHaveAttribute('label', 'Perkiraan dari kop surat atau nama berkas, belum dikonfirmasi');
  await expect(filter.locator('optgroup option', { hasText: 'Disdukcapil' })).toHaveText('Disdukcapil (perkiraan, 1)');

  // the guesses, on their own
  await page.getByTestId('agency-also-guessed').getByRole('button', { name: 'Lihat' }).click();
  await expect(filter.locator('option:checked')).toHaveText('Disdukcapil (perkiraan, 1)');
  await expect(count).toHaveText('1 dokumen');
  await expect(akta).toBeVisible();

  // confirmed (Benar): it is Disdukcapil's own now
  await akta.locator('.doc-open').click();
  await page.getByTestId('agency-guessed').getByRole('button', { name: 'Benar' }).click();
  await expect(page.getByTestId('agency-guessed')).toHaveCount(0);
  await expect(count).toHaveText('0 dokumen');
  await filter.selectOption({ label: 'Disdukcapil (1)' });
  await expect(count).toHaveText('1 dokumen');
  await expect(akta).toBeVisible();
  await expect(page.getByTestId('agency-also-guessed')).toHaveCount(0);
  // the counts are of what the other filters leave (as Instrumen's): no Word file is Disdukcapil's
  await page.getByRole('combobox', { name: 'Jenis', exact: true }).selectOption('docx');
  await expect(filter.locator('option:checked')).toHaveText('Disdukcapil (0)');
  await expect(count).toHaveText('0 dokumen');
});

test('a bulk review of many files is prepared in the search worker and draws only the rows in view; every ticked file is linked', async ({ page }) => {
  test.setTimeout(180_000);
  // 72 PDFs on three topics (a kabupaten ticks thousands; above 60 the review draws the rows in view)
  const topics = [SRA, AKTA, FORUM];
  await withDocuments(page, Array.from({ length: 72 }, (_, i) => [`berkas-${String(i + 1).padStart(2, '0')}.pdf`, topics[i % 3]] as [string, string[]]));
  // the suggestions come from the search worker: its requests are counted
  await page.evaluate(() => {
    const w = window as unknown as { workerAsks: number };
    w.workerAsks = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, msg: unknown, ...rest: unknown[]) {
      if (JSON.stringify(msg ?? null).includes('"suggestions"')) w.workerAsks++;
      return (post as (...a: unknown[]) => void).call(this, msg, ...rest);
    };
  });
  await page.getByRole('button', { name: 'Pilih semua yang belum ditautkan (72)' }).click();
  await page.getByRole('button', { name: 'Tautkan ke saran…' }).click();
  const review = page.getByTestId('bulk-review');
  await expect(review.getByTestId('bulk-count')).toContainText('72 berkas');
  expect(await page.evaluate(() => (window as unknown as { workerAsks: number }).workerAsks)).toBe(1);
  const drawn = await review.getByTestId('bulk-row').count();
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(72);
  // the last file is reached by scrolling, with its suggestion
  await review.locator('.bulk-review-rows').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(review.locator('[data-testid="bulk-row"][data-index="71"] select')).toBeVisible();
  await expect(review.locator('[data-testid="bulk-row"][data-index="0"]')).toHaveCount(0);
  const apply = review.getByRole('button', { name: /^Tautkan \d+ berkas$/ });
  const n = Number((await apply.textContent())!.match(/\d+/)![0]);
  expect(n).toBeGreaterThan(40);
  await apply.click();
  await expect(page.getByTestId('toast')).toContainText(`${n} berkas ditautkan ke saran`);
  const links = await page.evaluate(
    () =>
      new Promise<number>((done) => {
        const req = indexedDB.open('siap-kla');
        req.onsuccess = () => (req.result.transaction('links').objectStore('links').count().onsuccess = (e) => done((e.target as IDBRequest<number>).result));
      }),
  );
  expect(links).toBe(n);
  // the question that received the most lists 20 of them, its link box within reach, and the rest on asking
  const [code, count] = await page.evaluate(
    () =>
      new Promise<[string, number]>((done) => {
        const req = indexedDB.open('siap-kla');
        req.onsuccess = () =>
          (req.result.transaction('links').objectStore('links').getAll().onsuccess = (e) => {
            const by = new Map<string, number>();
            for (const l of (e.target as IDBRequest<{ code: string }[]>).result) by.set(l.code, (by.get(l.code) ?? 0) + 1);
            done([...by].sort((a, b) => b[1] - a[1])[0]);
          });
      }),
  );
  expect(count).toBeGreaterThan(20);
  await page.goto(`${page.url().replace(/\/bukti.*$/, '')}/instrumen/${code.replace(/\.[^.]*$/, '')}/${code}`);
  const evidence = page.getByTestId('question-evidence');
  await expect(evidence.locator('[data-evidence]')).toHaveCount(20);
  await evidence.getByRole('button', { name: `Tampilkan semua (${count})` }).click();
  await expect(evidence.locator('[data-evidence]')).toHaveCount(count);
});

test("a question's box finds documents by what they say, as it promises, and says when nothing matches", async ({ page }) => {
  await withDocuments(page, [['laporan-dinas.pdf', SRA], ['rekap-dinas.pdf', AKTA], ['notula-rapat.pdf', FORUM]]);
  await page.goto(`${page.url().replace(/\/bukti.*$/, '')}/instrumen/5/5.1`);
  const box = page.getByLabel('Tautkan dokumen yang sudah ada');
  // no file is named after birth certificates: the text is what finds it (the eighth walk found nothing)
  await box.fill('kutipan akta');
  await expect(page.getByRole('button', { name: '+ rekap-dinas.pdf' })).toBeVisible();
  await expect(page.getByRole('button', { name: '+ laporan-dinas.pdf' })).toHaveCount(0);
  await box.fill('zyxwvutqrs');
  await expect(page.getByTestId('attach-none')).toHaveText('Tidak ada dokumen yang cocok.');
  // misspelt, it offers the word as the documents spell it
  await box.fill('kelahran');
  await expect(page.getByTestId('attach-none').getByTestId('did-you-mean')).toHaveText(/^Maksud Anda: kelahiran\? \(\d+ dokumen\)$/);
  await page.getByTestId('did-you-mean').getByRole('button').click();
  await expect(box).toHaveValue('kelahiran');
  await expect(page.getByRole('button', { name: '+ rekap-dinas.pdf' })).toBeVisible();
  await box.fill('dinas');
  await expect(page.getByRole('button', { name: '+ laporan-dinas.pdf' })).toBeVisible();
  await page.getByRole('button', { name: '+ rekap-dinas.pdf' }).click();
  await expect(page.getByTestId('question-evidence').locator('[data-evidence="rekap-dinas.pdf"]')).toBeVisible();
  // Bukti's cluster filter says it goes by links: the two unlinked files are in no cluster yet
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByLabel('Klaster', { exact: true }).selectOption({ index: 2 });
  await expect(page.getByTestId('group-by-links')).toContainText('dokumen yang belum ditautkan tidak termasuk');
});

test('rows stored while the pointer is over the list do not push the row under it away; away from it, they show at the top', async ({ page }) => {
  test.setTimeout(120_000);
  const topics = [SRA, AKTA, FORUM];
  await withDocuments(page, Array.from({ length: 12 }, (_, i) => [`lama-${String(i + 1).padStart(2, '0')}.pdf`, topics[i % 3]] as [string, string[]]));
  await expect(page.getByTestId('doc-count')).toContainText('12 dokumen');
  const row = page.locator('.doc-row').nth(2);
  const name = await row.getAttribute('data-doc');
  const target = page.locator(`.doc-row[data-doc="${name}"]`);
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // more files while the officer is about to click that row
  await page.getByTestId('file-input').setInputFiles(await Promise.all([1, 2, 3].map(async (i) => file(`baru-${i}.pdf`, await textPdf({ lines: topics[i % 3], seed: 90 + i })))));
  await expect(page.getByTestId('doc-count')).toContainText('15 dokumen', { timeout: 60_000 });
  await page.waitForTimeout(300);
  expect(Math.abs((await target.boundingBox())!.y - box.y)).toBeLessThan(3);
  // the click lands on the row the pointer was on
  await page.mouse.click(box.x + box.width / 2, box.y + 12);
  await expect(page.getByTestId('doc-detail')).toHaveAttribute('aria-label', name!);
  // away from the list, new files show at the top as before
  await page.mouse.move(5, 5);
  await page.locator('.doc-list').evaluate((el) => (el.scrollTop = 0));
  await page.getByTestId('file-input').setInputFiles([file('paling-baru.pdf', await textPdf({ lines: SRA, seed: 99 }))]);
  await expect(page.getByTestId('doc-count')).toContainText('16 dokumen', { timeout: 60_000 });
  await expect(page.locator('.doc-row').first()).toHaveAttribute('data-doc', 'paling-baru.pdf');
});

test('the rows of a search never overlap while their excerpts come in (the page slowed 4x)', async ({ page }) => {
  test.setTimeout(120_000);
  await withDocuments(page, Array.from({ length: 24 }, (_, i) => [`laporan-${String(i + 1).padStart(2, '0')}.pdf`, i % 2 ? SRA : FORUM] as [string, string[]]));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // every frame for 3 s after typing: any two rows on screen whose boxes overlap
  const overlaps = page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        const until = performance.now() + 3000;
        const frame = () => {
          const rows = [...document.querySelectorAll<HTMLElement>('.doc-row')].map((r) => ({ name: r.dataset.doc, box: r.getBoundingClientRect() })).sort((a, b) => a.box.top - b.box.top);
          for (let k = 1; k < rows.length; k++) if (rows[k].box.top < rows[k - 1].box.bottom - 1) seen.push(`${rows[k - 1].name} over ${rows[k].name} by ${Math.round(rows[k - 1].box.bottom - rows[k].box.top)} px`);
          if (performance.now() < until) requestAnimationFrame(frame);
          else resolve(seen);
        };
        requestAnimationFrame(frame);
      }),
  );
  await page.getByRole('searchbox', { name: 'Cari isi dokumen' }).fill('anak');
  expect(await overlaps).toEqual([]);
  await expect(page.getByTestId('snippet').first()).toBeVisible();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  // another search or order shows its list from the top, wherever the last one was scrolled to
  const list = page.getByRole('list', { name: 'Bukti dukung' });
  const scrolled = () => list.evaluate((el) => el.scrollTop);
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(scrolled).toBeGreaterThan(200);
  await page.getByRole('searchbox', { name: 'Cari isi dokumen' }).fill('forum');
  await expect.poll(scrolled).toBe(0);
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(scrolled).toBeGreaterThan(200);
  await page.getByRole('combobox', { name: 'Urutkan' }).selectOption('name');
  await expect.poll(scrolled).toBe(0);
  await expect(page.locator('.doc-row').first()).toHaveAttribute('data-doc', 'laporan-01.pdf');
});
