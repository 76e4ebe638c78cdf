// @vitest-environment node
/** Tampilan provinsi from files: city .kla files verified, scored side by side, the others named. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { collectAgencyPack } from '../../../src/db/agencyPack';
import { collectSnapshot } from '../../../src/db/exchange';
import { updateAnswer } from '../../../src/db/queries';
import { verifyExchange, writeExchange, type Role } from '../../../src/domain/exchange';
import { readCityFiles } from '../../../src/features/province/readCities';
import { cityWorkspace, freshDb, memorySink, prng } from '../exchange/helpers';
import { loadRules2024 } from '../helpers';

const rules = loadRules2024();

async function city(name: string, points: number) {
  const db = freshDb();
  const { ws } = await cityWorkspace(db);
  await db.workspaces.update(ws.id, { city: name });
  await updateAnswer(db, rules, ws.id, '2.1', { points });
  return { db, ws };
}

async function file(c: Awaited<ReturnType<typeof city>>, fileName: string, role: Role | 'pack' = 'city', passphrase?: string): Promise<File> {
  const { snapshot, evidence } = await collectSnapshot(c.db, c.ws.id);
  const m = memorySink();
  if (role === 'pack') {
    // an agency pack is made by the city (maker's role 'city'): only its kind says it is no city file
    await writeExchange(await collectAgencyPack(c.db, c.ws.id, { id: 'dinkes', name: 'Dinkes' }), null, m.sink, { createdBy: { name: 'DP3AKB', role: 'city' }, appVersion: 'test' });
    return new File([new Uint8Array(m.bytes())], fileName);
  }
  await writeExchange(role === 'evaluator' ? { ...snapshot, kind: 'evaluator' } : snapshot, evidence, m.sink, { createdBy: { name: 'x', role }, appVersion: 'test', ...(passphrase ? { passphrase } : {}) });
  return new File([new Uint8Array(m.bytes())], fileName);
}

describe('readCityFiles', () => {
  it('scores every city file, highest first, shows the newer of two versions and names every file not shown', async () => {
    const serang = await city('Kota Serang', 1);
    const oldSerang = await file(serang, 'serang-lama.kla');
    await new Promise((r) => setTimeout(r, 5));
    await updateAnswer(serang.db, rules, serang.ws.id, '2.1', { points: 2 });
    const newSerang = await file(serang, 'serang.kla');
    await new Promise((r) => setTimeout(r, 5));
    const pack = await file(serang, 'serang-dinkes.kla', 'pack'); // newer than serang.kla, but a pack
    const cilegon = await city('Kota Cilegon', 3);
    const files = [
      newSerang,
      oldSerang,
      await file(cilegon, 'cilegon.kla'),
      await file(cilegon, 'cilegon-penilai.kla', 'evaluator'),
      pack,
      new File([new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])], 'rusak.kla'),
      new File(['catatan'], 'catatan.txt'),
    ];
    const seen: string[] = [];
    const r = await readCityFiles(files, { passphrase: '', fallback: rules, onProgress: (_d, _t, n) => seen.push(n) });
    expect(r.rows.map((x) => x.city)).toEqual(['Kota Cilegon 2024', 'Kota Serang 2024']);
    expect(r.rows[0].total - r.rows[1].total).toBe(1); // the newer Serang file (2 points), not the older (1)
    expect(r.rows[0].groups).toHaveLength(7);
    const by = Object.fromEntries(r.outcomes.map((o) => [o.name, o.status]));
    expect(by).toEqual({ 'serang.kla': 'ok', 'serang-lama.kla': 'older', 'cilegon.kla': 'ok', 'cilegon-penilai.kla': 'not-city', 'serang-dinkes.kla': 'not-city', 'rusak.kla': 'refused' });
    expect(seen).not.toContain('catatan.txt');
    // the files carry the real 2024 rules, this test's fallback another hash: each such row is flagged
    expect(r.outcomes.find((o) => o.name === 'serang.kla')).toMatchObject({ status: 'ok', otherRules: true });
  });

  it('asks for the passphrase of a protected file, and reads it once given', async () => {
    const c = await city('Kabupaten Pandeglang', 2);
    const f = await file(c, 'pandeglang.kla', 'city', 'rahasia-kota-123');
    const without = await readCityFiles([f], { passphrase: '', fallback: rules });
    expect(without.outcomes).toEqual([{ name: 'pandeglang.kla', status: 'needs-passphrase' }]);
    expect(without.rows).toEqual([]);
    const withIt = await readCityFiles([f], { passphrase: 'rahasia-kota-123', fallback: rules });
    expect(withIt.rows.map((x) => x.city)).toEqual(['Kabupaten Pandeglang 2024']);
  });

  it('reads a city file for its scores without its evidence: damaged evidence is not read, a damaged workspace part is refused', async () => {
    const c = await city('Kota Serang', 2);
    const bytes = new Uint8Array(await (await file(c, 'serang.kla')).arrayBuffer());
    // `entry`: only where the name follows a zip local header (the manifest names the parts too)
    const find = (needle: Uint8Array, entry = false) => {
      outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
        for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
        if (entry && !(i >= 30 && bytes[i - 30] === 0x50 && bytes[i - 29] === 0x4b && bytes[i - 28] === 3 && bytes[i - 27] === 4)) continue;
        return i;
      }
      throw new Error('not found');
    };
    const damaged = (at: number) => {
      const b = bytes.slice();
      b[at] ^= 0xff;
      return new File([b], 'serang.kla');
    };
    // a byte of the photo's evidence (stored as it is), and a byte of the workspace part (after its name)
    const evidenceByte = find(prng(3, 64)) + 40;
    const dataByte = find(new TextEncoder().encode('data/workspace.json'), true) + 'data/workspace.json'.length + 100;
    const badEvidence = damaged(evidenceByte);
    // a whole verification (an import) refuses the file; the scores read does not need those bytes
    expect((await verifyExchange(badEvidence, {})).problems.map((p) => p.code)).toContain('hash-mismatch');
    const scores = await verifyExchange(badEvidence, { only: 'scores' });
    expect(scores).toMatchObject({ ok: true, partial: true });
    expect(scores.parts.filter((p) => p.kind === 'evidence').map((p) => p.ok)).toEqual([null, null, null]);
    await expect(scores.exchange!.evidence(scores.exchange!.data.documents[0].sha256)).rejects.toThrow(/scores only/);
    const r = await readCityFiles([badEvidence], { passphrase: '', fallback: rules });
    expect(r.outcomes).toMatchObject([{ name: 'serang.kla', status: 'ok', city: 'Kota Serang 2024' }]);
    expect(r.rows.map((x) => x.total)).toHaveLength(1);
    // the workspace rows are still checked whole
    // the damaged byte is in the workspace part itself, not in the manifest that names it
    const dataProblems = (await verifyExchange(damaged(dataByte), { only: 'scores' })).problems;
    expect(dataProblems.map((p) => p.part)).toContain('data/workspace.json');
    const badData = await readCityFiles([damaged(dataByte)], { passphrase: '', fallback: rules });
    expect(badData.outcomes[0].status).toBe('refused');
    expect(badData.rows).toEqual([]);
  });
});
