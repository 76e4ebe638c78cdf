import { expect, newWorkspace, prompts, test } from './fixtures';
import { pagesPdf, textPdf } from '../fixtures/evidence/generate';
import { AKTA, SRA, pdfFile as file } from '../fixtures/evidence/topics';

test('a document linked to a wrong question is flagged with the right suggestion, moved in one action, and the move is logged', async ({ page }) => {
  test.setTimeout(120_000);
  await newWorkspace(page, 'Kota Klaster');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.getByTestId('file-input').setInputFiles([file('laporan-sra.pdf', await textPdf({ lines: SRA })), file('rekap-akta.pdf', await textPdf({ lines: AKTA, seed: 5 }))]);
  await expect(page.getByTestId('intake-overall')).toHaveText('2 dari 2 selesai', { timeout: 60_000 });

  // the library shows where each document's content belongs
  await page.locator('.doc-row[data-doc="laporan-sra.pdf"]').click();
  await expect(page.getByTestId('classified')).toContainText('indikator 19');
  // each suggested code shows its question's words beside it, without hovering
  const first = page.getByTestId('doc-suggestions').locator('li').first();
  await expect(first).toHaveAttribute('data-suggested', /^19\./);
  await expect(first.locator('.muted')).toBeVisible();
  await expect(first.locator('.muted')).toHaveText(prompts.get((await first.getAttribute('data-suggested'))!)!);

  // file the SRA report under 4.1 (birth certificates): wrong cluster
  // a code being typed shows what that question asks before anything is linked
  await page.getByLabel('Kode pertanyaan').fill('4 ,1');
  await expect(page.getByTestId('typed-prompt')).toHaveText(`4.1: ${prompts.get('4.1')}`);
  await page.getByLabel('Kode pertanyaan').fill('99.9');
  await expect(page.getByTestId('typed-prompt')).toHaveCount(0);
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Kode 99.9 tidak ada di instrumen.' })).toBeVisible();
  await expect(page.getByLabel('Kode pertanyaan')).toHaveAttribute('aria-invalid', 'true');
  // typing again takes the old refusal away, and the question typed is described to a screen reader
  await page.getByLabel('Kode pertanyaan').fill('4.1');
  await expect(page.getByText('Kode 99.9 tidak ada di instrumen.')).toHaveCount(0);
  await expect(page.getByLabel('Kode pertanyaan')).toHaveAccessibleDescription(/^4\.1: \S/);
  await page.getByLabel('Kode pertanyaan').fill('4.1');
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  await expect(page.getByTestId('doc-links')).toContainText('4.1');
  await expect(page.getByTestId('flag')).toContainText('indikator 19');
  // the flag names the question's own cluster beside the one the content belongs to
  await expect(page.getByTestId('flag')).toContainText('Salah klaster?');
  await expect(page.getByTestId('flag')).toContainText('Saat ini ditautkan ke 4.1 (Klaster I, indikator 4)');
  // the list marks the row too, not only the open document (the officer's walk, 6 Dec 2026)
  await expect(page.locator('.doc-row[data-doc="laporan-sra.pdf"]').getByTestId('row-flag')).toContainText('⚑ Salah klaster?');
  await expect(page.locator('.doc-row[data-doc="rekap-akta.pdf"]').getByTestId('row-flag')).toHaveCount(0);

  // the menu counts the open flags on every screen; Beranda says so among what to do next
  const badge = page.getByTestId('flags-badge');
  await expect(badge.locator('[aria-hidden="true"]')).toHaveText('1');
  // worked out in the search worker, which reads the classifications, not in the page
  await expect(badge).toHaveAttribute('data-computed-in', 'worker');
  await expect(page.getByRole('link', { name: 'Salah klaster 1 tanda terbuka', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Beranda', exact: true }).click();
  await expect(page.getByTestId('home-flags')).toHaveText('1 tanda salah klaster terbuka: bukti yang isinya lebih cocok untuk pertanyaan lain');
  await expect(badge.locator('[aria-hidden="true"]')).toHaveText('1');
  await page.getByTestId('home-flags').getByRole('link').click();
  await expect(page.getByTestId('flag')).toContainText('laporan-sra.pdf');

  // on the question: the flag, its suggestion and the words that convinced it
  await page.getByRole('link', { name: 'Instrumen' }).click();
  await page.locator('[data-indicator="4"]').click();
  await expect(page.locator('[data-code="4.1"] [data-flag="misfiled"]')).toHaveText(/⚑ Salah klaster\?/);
  await page.locator('[data-code="4.1"]').click();
  const flag = page.getByTestId('question-flags').getByTestId('flag');
  await expect(flag).toContainText('laporan-sra.pdf tampaknya bukti untuk Klaster IV, indikator 19');
  await expect(flag).toHaveAttribute('data-suggested', '19');
  await expect(flag).toContainText(/ramah anak/i);
  const target = (await flag.getByTestId('flag-target').textContent())!;
  expect(target).toMatch(/^19\./);
  // each place to move it to says what that question asks, in view
  const prompt = flag.locator('.flag-target').first().locator('.flag-target-prompt');
  await expect(prompt).toBeVisible();
  await expect(prompt).toHaveText(prompts.get(target)!);

  // one action moves the link; Urungkan puts it back, and the move can be made again
  await flag.getByRole('button', { name: `Pindahkan ke ${target}` }).click();
  await expect(page.getByTestId('question-flags')).toHaveCount(0);
  await expect(page.getByTestId('toast')).toContainText(`laporan-sra.pdf dipindahkan dari 4.1 ke ${target}`);
  await page.getByTestId('toast').getByRole('button', { name: 'Urungkan' }).click();
  await expect(page.getByTestId('question-evidence')).toContainText('laporan-sra.pdf');
  await expect(flag).toHaveAttribute('data-suggested', '19');
  await flag.getByRole('button', { name: `Pindahkan ke ${target}` }).click();
  await expect(page.getByTestId('question-flags')).toHaveCount(0);
  await expect(page.getByTestId('question-evidence')).toContainText('Belum ada bukti dukung');
  await expect(badge).toHaveCount(0); // moved: no flag open
  await page.goto(page.url().replace(/instrumen\/.*$/, `instrumen/19/${target}`));
  await expect(page.getByTestId('question-evidence')).toContainText('laporan-sra.pdf');

  // linked to 4.1 again while it sits on its right question: the flag says so and offers to unlink
  // it from 4.1 first (the fifth walk: only moves were offered, and a move added a second link)
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.locator('.doc-row[data-doc="laporan-sra.pdf"]').click();
  await page.getByLabel('Kode pertanyaan').fill('4.1');
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  const again = page.getByTestId('doc-detail').getByTestId('flag');
  await expect(again.getByTestId('flag-also-linked')).toHaveText(`Dokumen ini sudah tertaut ke ${target}, yang sesuai isinya: cukup lepaskan dari 4.1.`);
  await expect(again.locator('button.primary')).toHaveText('Lepas dari 4.1');
  await expect(again.getByRole('button', { name: /^Pindahkan ke/ })).toHaveCount(0);
  await again.getByRole('button', { name: 'Lepas dari 4.1' }).click();
  await expect(page.getByTestId('doc-detail').getByTestId('flag')).toHaveCount(0);
  await expect(page.getByTestId('doc-links')).not.toContainText('4.1');
  await expect(page.getByTestId('doc-links')).toContainText(target);
  await expect(page.getByTestId('toast')).toContainText('Tautan laporan-sra.pdf ke 4.1 dilepas.');

  // the move is in the activity log with where it came from
  await page.getByRole('link', { name: 'Riwayat' }).click();
  const row = page.locator('tr[data-kind="evidence-moved"]').first();
  await expect(row).toContainText('Bukti dipindahkan');
  // in words, not JSON
  await expect(row).toContainText(`laporan-sra.pdf dipindahkan dari 4.1 ke ${target}`);
  await expect(page.getByTestId('activity-table')).not.toContainText('{');

  // a dismissed flag stays dismissed, with its reason, after a reload
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.locator('.doc-row[data-doc="rekap-akta.pdf"]').click();
  await page.getByLabel('Kode pertanyaan').fill('19.1');
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  await expect(page.getByTestId('flag')).toBeVisible();
  await page.getByRole('button', { name: 'Abaikan…' }).click();
  await page.getByLabel('Alasan').fill('Data akta dipakai untuk profil sekolah');
  await page.getByRole('button', { name: 'Abaikan tanda ini' }).click();
  await expect(page.getByTestId('flag-dismissed')).toContainText('Data akta dipakai untuk profil sekolah');
  // Urungkan opens it again; dismissed a second time it stays
  await page.getByTestId('toast').getByRole('button', { name: 'Urungkan' }).click();
  await expect(page.getByTestId('flag-dismissed')).toHaveCount(0);
  await page.getByRole('button', { name: 'Abaikan…' }).click();
  await page.getByLabel('Alasan').fill('Data akta dipakai untuk profil sekolah');
  await page.getByRole('button', { name: 'Abaikan tanda ini' }).click();
  await expect(page.getByTestId('flag-dismissed')).toContainText('Data akta dipakai untuk profil sekolah');
  await page.reload();
  await page.getByRole('link', { name: /^Salah klaster/ }).click();
  await expect(page.getByTestId('no-flags')).toBeVisible();
  await expect(badge).toHaveCount(0); // a dismissed flag is not counted
  await expect(page.getByTestId('flag-dismissed')).toContainText('Data akta dipakai');

  // filed under another indicator of its own cluster, it is the indicator that is wrong, not the cluster
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  await page.locator('.doc-row[data-doc="rekap-akta.pdf"]').click();
  await page.getByLabel('Kode pertanyaan').fill('5.1');
  await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  const same = page.getByTestId('doc-detail').getByTestId('flag');
  await expect(same).toContainText('Salah indikator?');
  await expect(same).not.toContainText('Salah klaster?');
  await expect(same).toContainText('Saat ini ditautkan ke 5.1 (Klaster I, indikator 5)');
  // the row in the list says what the card says, in both languages (it once said "Salah klaster?" always)
  const mark = page.locator('.doc-row[data-doc="rekap-akta.pdf"]').getByTestId('row-flag');
  await expect(mark).toContainText('⚑ Salah indikator?');
  await expect(mark).not.toContainText('klaster');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(same).toContainText('Wrong indicator?');
  await expect(mark).toContainText('⚑ Wrong indicator?');
  await page.getByRole('button', { name: 'ID', exact: true }).click();
  await expect(page.locator('.doc-row[data-doc="laporan-sra.pdf"]').getByTestId('row-flag')).toHaveCount(0);
  // and the question's row in Instrumen says the same
  await page.getByRole('link', { name: 'Instrumen' }).click();
  await page.locator('[data-indicator="5"]').click();
  await expect(page.locator('[data-code="5.1"] [data-flag="misfiled"]')).toHaveText(/⚑ Salah indikator\?/);

  // which questions have evidence, which have none, which no agency holds (the fifth walk's Wednesday questions)
  const rows = () => page.locator('.q-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')).sort());
  const evidenceFilter = page.getByRole('combobox', { name: 'Bukti' });
  await evidenceFilter.selectOption('some');
  await expect.poll(rows).toEqual([...new Set([target, '19.1', '5.1'])].sort());
  await evidenceFilter.selectOption('none');
  await expect.poll(async () => (await rows()).length).toBe(274 - new Set([target, '19.1', '5.1']).size);
  expect(await rows()).not.toContain('5.1');
  // whose they are: each agency's count under that filter, beside its name
  const dinkes = page.getByRole('combobox', { name: 'Perangkat daerah' }).locator('option[value="dinkes"]');
  const dinkesNone = Number(/^Dinkes \((\d+)\)$/.exec((await dinkes.textContent())!)![1]);
  expect(dinkesNone).toBeGreaterThan(0);
  await page.getByRole('combobox', { name: 'Perangkat daerah' }).selectOption('dinkes');
  await expect.poll(async () => (await rows()).length).toBe(dinkesNone);
  await page.getByRole('combobox', { name: 'Perangkat daerah' }).selectOption('');
  await evidenceFilter.selectOption('');
  const agencyFilter = page.getByRole('combobox', { name: 'Perangkat daerah' });
  const label = (await agencyFilter.locator('option[value="(none)"]').textContent())!;
  const unassigned = Number(/^Belum ditugaskan \((\d+)\)$/.exec(label)![1]);
  expect(unassigned).toBeGreaterThan(0);
  await agencyFilter.selectOption('(none)');
  await expect.poll(async () => (await rows()).length).toBe(unassigned);
  await agencyFilter.selectOption('');
});

test('a long document says which pages speak about what; a page or a run of pages is linked with its citation, and flagged only where no page answers', async ({ page }) => {
  test.setTimeout(90_000);
  await newWorkspace(page, 'Kota Halaman');
  await page.getByRole('link', { name: 'Bukti', exact: true }).click();
  const perda = await pagesPdf([
    ['PERATURAN DAERAH KOTA HALAMAN NOMOR 5 TAHUN 2023', 'TENTANG PENYELENGGARAAN KOTA LAYAK ANAK', 'Menimbang: pemenuhan hak anak dan perlindungan khusus anak diselenggarakan', 'secara terpadu melalui kebijakan kota layak anak.', 'Pasal 1: Kota Layak Anak adalah kota yang menjamin pemenuhan hak anak.'],
    ['BAB IV HAK SIPIL DAN KEBEBASAN', 'Pasal 12: setiap anak memiliki akta kelahiran tanpa biaya.', 'Dinas Kependudukan dan Pencatatan Sipil melayani akta kelahiran jemput bola', 'di sekolah dan rumah sakit, dan menerbitkan Kartu Identitas Anak.'],
    ['BAB VI KESEHATAN DASAR', 'Pasal 20: kawasan tanpa rokok ditetapkan di sekolah dan tempat bermain anak.', 'Setiap orang dilarang merokok dan memasang iklan rokok di kawasan tanpa rokok;', 'pelanggar dikenai teguran dan denda.'],
    ['Ditetapkan di Kota Halaman', 'WALI KOTA HALAMAN,', 'ttd'],
  ]);
  await page.getByTestId('file-input').setInputFiles([{ name: 'perda-kla.pdf', mimeType: 'application/pdf', buffer: Buffer.from(perda) }]);
  await expect(page.getByTestId('intake-overall')).toHaveText('1 dari 1 selesai', { timeout: 60_000 });
  // opened from a search, the preview starts at the page of the match (a PDF page is a picture: no highlight)
  await page.getByPlaceholder('Cari isi dokumen').fill('iklan rokok');
  await expect(page.locator('.doc-row[data-doc="perda-kla.pdf"]')).toContainText('hlm. 3');
  await page.locator('.doc-row[data-doc="perda-kla.pdf"] .doc-open').click();
  await expect(page.getByTestId('found-page')).toHaveText('“iklan rokok” ditemukan di halaman 3: pratinjau dibuka di sana.');
  await expect(page.getByText('Halaman 3 dari 4')).toBeVisible();
  await page.getByPlaceholder('Cari isi dokumen').fill('');
  await page.locator('.doc-row[data-doc="perda-kla.pdf"]').click();
  await expect(page.getByTestId('classified')).toContainText('indikator 1');
  const runs = page.getByTestId('page-runs');
  await expect(runs.locator('[data-run="2-2:4"]')).toContainText('hlm. 2 → indikator 4');
  const ktr = runs.locator('[data-run="3-3:17"]');
  await expect(ktr).toContainText('hlm. 3 → indikator 17');
  // link page 3 to its suggested question: the link cites the page, and no misfile flag
  const button = ktr.getByRole('button', { name: /^Tautkan perda-kla\.pdf ke 17\./ });
  const code = ((await button.textContent()) ?? '').replace('tautkan ke ', '');
  await button.click();
  await expect(page.locator(`[data-testid="doc-links"] [data-link="${code}"]`)).toContainText('hlm. 3');
  await expect(page.getByTestId('flag')).toHaveCount(0);
  await expect(ktr.getByRole('button')).toHaveCount(0); // linked already: not offered again

  // a run of pages, typed: it holds page 3, so it answers; page 2 alone (birth certificates) does not
  const linkWith = async (pages: string) => {
    await page.getByLabel('Kode pertanyaan').fill(code);
    await page.getByLabel('Halaman (opsional)').fill(pages);
    await page.getByRole('button', { name: 'Tautkan', exact: true }).click();
  };
  await linkWith('2-3');
  await expect(page.locator(`[data-testid="doc-links"] [data-link="${code}"]`)).toContainText('hlm. 2–3');
  await expect(page.getByTestId('flag')).toHaveCount(0);
  await linkWith('2');
  await expect(page.locator(`[data-testid="doc-links"] [data-link="${code}"]`)).toContainText('hlm. 2');
  await expect(page.getByTestId('flag')).toHaveCount(1);
  // the flag suggests what page 2 speaks about (birth certificates), not the whole Perda (1)
  await expect(page.getByTestId('flag')).toHaveAttribute('data-suggested', '4');
  await expect(page.getByTestId('flag')).toContainText('tampaknya bukti untuk Klaster I, indikator 4');
  // a run past the document's 4 pages is refused, with the reason
  await linkWith('3-9');
  await expect(page.getByText('Dokumen ini hanya 4 halaman; "3-9" melewatinya.')).toBeVisible();
  await expect(page.locator(`[data-testid="doc-links"] [data-link="${code}"]`)).toContainText('hlm. 2');
  // so is a list of pages whose run would go past them: the message does not offer "2-9"
  await linkWith('2, 9');
  await expect(page.getByText('Dokumen ini hanya 4 halaman; "2, 9" melewatinya.')).toBeVisible();
  // and a run typed backwards: the message does not offer "3-9" either
  await linkWith('9-3');
  await expect(page.getByText('Dokumen ini hanya 4 halaman; "9-3" melewatinya.')).toBeVisible();
  await expect(page.locator(`[data-testid="doc-links"] [data-link="${code}"]`)).toContainText('hlm. 2');
});
