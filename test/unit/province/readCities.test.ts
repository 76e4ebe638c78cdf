// @vitest-environment node
/** Tampilan provinsi from files: city .kla files verified, scored side by side, the others named. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { collectAgencyPack } from '../../../src/db/agencyPack';
import { collectSnapshot } from '../../../src/db/exchange';
import { updateAnswer } from '../../../src/db/queries';
import { writeExchange, type Role } from '../../../src/domain/exchange';
import { readCityFiles } from '../../../src/features/province/readCities';
import { cityWorkspace, freshDb, memorySink } from '../exchange/helpers';
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
});
