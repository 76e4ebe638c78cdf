/**
 * Evaluator reviews through the city hub (issue 12, point 3), two browser profiles on a real hub
 * process: the officer sets the city up and invites an evaluator; the evaluator joins with the
 * code alone, gets a review copy filled from the hub, reviews a question and sends the notes;
 * the officer's app takes them as the revision checklist and the 2 x 24-hour countdown starts.
 * Until sent, the evaluator's review is a draft the officer does not get.
 */
import { expect, test } from './fixtures';
import { HubProcess } from './hubProcess';
import { CODE, cityOnHub, hubStatus, joinWithCode, newProfile, writeNote } from './hubPages';

test('an evaluator joins with its code, reviews on a copy from the hub, sends the notes, and the officer gets them with the countdown', async ({ browser }) => {
  test.setTimeout(240_000);
  const hub = await HubProcess.create();
  await hub.start();
  try {
    // ------------------------------------------------------------ the officer
    const officerCtx = await newProfile(browser);
    const officer = await officerCtx.newPage();
    const wsUrl = await cityOnHub(officer, hub.url, 'Kota Serang');
    await writeNote(officer, wsUrl, '12.3', 'Cakupan imunisasi 94 %, laporan Dinkes terlampir');
    await expect(hubStatus(officer)).toHaveText('Hub: tersinkron', { timeout: 30_000 });
    await officer.getByRole('link', { name: 'Berkas', exact: true }).click();
    await officer.getByTestId('hub-card').getByLabel('Undang').selectOption({ label: 'Undang evaluator' });
    await officer.getByTestId('hub-card').getByRole('button', { name: 'Undang' }).click();
    const code = (await officer.getByTestId('hub-invite').textContent())!.match(CODE)![0];

    // ------------------------------------------------------------ the evaluator, with the code alone
    const evalCtx = await newProfile(browser);
    const ev = await evalCtx.newPage();
    await joinWithCode(ev, hub.url, code, 'tim.provinsi', 'Tim Provinsi Banten');
    await expect(ev.getByTestId('evaluator-mode')).toBeVisible();
    await expect(hubStatus(ev)).toHaveText('Hub: tersinkron', { timeout: 60_000 });
    const evUrl = ev.url().split('/tinjauan')[0];
    await ev.goto(`${evUrl}/tinjauan/12/12.3`);
    // the copy was filled from the hub: the city's answer is there to review
    await expect(ev.getByText('Cakupan imunisasi 94 %, laporan Dinkes terlampir')).toBeVisible({ timeout: 30_000 });
    await ev.getByRole('group', { name: 'Putusan' }).getByRole('button', { name: 'Perlu perbaikan' }).click();
    await ev.getByLabel('Catatan untuk kota').fill('Lampirkan laporan cakupan per puskesmas');
    await ev.getByLabel('Catatan untuk kota').press('Tab');
    await expect(ev.getByTestId('send-notes-state')).toContainText('masih draf');
    await expect(hubStatus(ev)).toHaveText('Hub: tersinkron', { timeout: 60_000 });

    // the draft reached the hub, but not the officer
    await officer.getByTestId('hub-card').getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expect(hubStatus(officer)).toHaveText('Hub: tersinkron', { timeout: 30_000 });
    await officer.goto(`${wsUrl}/revisi`);
    await expect(officer.getByTestId('countdown')).toHaveCount(0);

    // Kirim catatan (it asks first: the city's countdown starts)
    ev.once('dialog', (d) => void d.accept());
    await ev.getByRole('button', { name: 'Kirim 1 catatan ke kota' }).click();
    await expect(ev.getByTestId('send-notes-state')).toContainText('sudah diterima hub', { timeout: 60_000 });

    // the officer's app takes them on its next round: the checklist and the countdown
    await officer.getByRole('link', { name: 'Berkas', exact: true }).click();
    await officer.getByTestId('hub-card').getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expect(hubStatus(officer)).toHaveText('Hub: tersinkron', { timeout: 30_000 });
    await officer.goto(`${wsUrl}/revisi`);
    await expect(officer.getByTestId('countdown')).toBeVisible({ timeout: 30_000 });
    await expect(officer.getByText('Lampirkan laporan cakupan per puskesmas')).toBeVisible();
    await expect(officer.getByTestId('countdown-time')).toContainText(/^4[78]/);
    await officer.getByRole('link', { name: 'Riwayat' }).click();
    await expect(officer.getByText(/Catatan evaluator lewat hub: 1 baru/)).toBeVisible();
    await Promise.all([officerCtx.close(), evalCtx.close()]);
  } finally {
    hub.kill();
  }
});
