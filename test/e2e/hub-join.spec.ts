/**
 * Joining the city hub with nothing but an invitation code (issue 12): the agency gets its copy
 * (its questions only, no points) filled from the hub, and its note reaches the officer.
 */
import { expect, test } from '@playwright/test';
import { HUB_SETUP_CODE, HubProcess } from './hubProcess';
import { joinWithCode } from './hubPages';

const PASSWORD = 'kata-sandi-yang-panjang';

test('an agency joins from the workspace list with its code alone, gets its questions from the hub, and its note reaches the officer', async ({ page }) => {
  test.setTimeout(180_000);
  const hub = await HubProcess.create();
  await hub.start();
  try {
    const call = async (cookie: string, method: string, path: string, body?: unknown) => {
      const r = await fetch(`${hub.url}${path}`, { method, headers: { 'x-kla-hub': '1', cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: r.status, json: await r.json(), cookie: r.headers.get('set-cookie')?.split(';')[0] ?? cookie };
    };
    // the officer (her own app would do this on Hub kota): the city, Dinkes answers 12.3, a note
    const setup = await call('', 'POST', '/api/setup', { setupCode: HUB_SETUP_CODE, workspace: { name: 'Kota Serang', province: 'Banten' }, admin: { username: 'petugas', displayName: 'Petugas DP3AKB', password: PASSWORD } });
    const officer = setup.cookie;
    expect((await call(officer, 'PUT', '/api/assignments', { assignments: [{ questionCode: '12.3', agencyId: 'dinkes' }, { questionCode: '12.4', agencyId: 'dinkes' }, { questionCode: '4.1', agencyId: 'disdukcapil' }] })).status).toBe(200);
    const op = (opId: string, questionCode: string, field: string, value: unknown) => ({ opId, kind: 'answer', questionCode, field, value, editedAt: new Date().toISOString() });
    await call(officer, 'POST', '/api/sync/push', { ops: [op('officer01-1', '12.3', 'note', 'Mohon data imunisasi 2026'), op('officer01-2', '12.3', 'points', 4), op('officer01-3', '4.1', 'note', 'urusan Disdukcapil')] });
    const { code } = (await call(officer, 'POST', '/api/invites', { role: 'agency', agencyId: 'dinkes' })).json;

    await joinWithCode(page, hub.url, code, 'dinkes.budi', 'Budi (Dinkes)');

    await expect(page.getByTestId('agency-mode')).toHaveText('Mode OPD: Dinkes');
    await expect(page.getByTestId('hub-status')).toHaveText('Hub: tersinkron', { timeout: 60_000 });
    // it lands on its two questions, told that its changes travel by the hub (no response file)
    await expect(page.getByTestId('agency-arrival')).toHaveText('2 pertanyaan ditugaskan kepada Dinkes: isi jawaban, catatan dan bukti; perubahan Anda sampai ke DP3AKB lewat hub kota.');
    await expect(page.locator('.q-row')).toHaveCount(2);
    const wsUrl = page.url().split('/instrumen')[0];
    await page.goto(`${wsUrl}/instrumen/12/12.3`);
    const notes = page.getByLabel('Catatan untuk DP3AKB');
    await expect(notes).toHaveValue('Mohon data imunisasi 2026', { timeout: 30_000 });
    await notes.fill('Cakupan IDL 94 %, laporan menyusul');
    await notes.press('Tab');
    await expect(page.getByTestId('hub-status')).toHaveText('Hub: tersinkron', { timeout: 60_000 });
    await expect
      .poll(async () => ((await call(officer, 'GET', '/api/sync/pull?since=0')).json.changes as { kind: string; body: { field?: string; value?: unknown; by?: string } }[]).filter((c) => c.kind === 'answer' && c.body.field === 'note' && c.body.by === 'Budi (Dinkes)').map((c) => c.body.value))
      .toEqual(['Cakupan IDL 94 %, laporan menyusul']);
    // the agency received neither the officer's points nor another agency's question
    const held = await page.evaluate(async () => {
      const req = indexedDB.open('siap-kla');
      const db: IDBDatabase = await new Promise((r) => (req.onsuccess = () => r(req.result)));
      const rows: { code: string; points: number | null; notes: string }[] = await new Promise((r) => {
        const q = db.transaction('answers').objectStore('answers').getAll();
        q.onsuccess = () => r(q.result);
      });
      db.close();
      return { points: rows.filter((a) => a.points != null).map((a) => a.code), notes: rows.filter((a) => a.notes).map((a) => a.code) };
    });
    expect(held).toEqual({ points: [], notes: ['12.3'] });
  } finally {
    hub.kill();
  }
});
