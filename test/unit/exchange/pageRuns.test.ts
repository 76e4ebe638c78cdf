// @vitest-environment node
/**
 * Format version 3 (issue 11): a link may cite a run of pages. The run travels in the .kla file,
 * a version-2 file (one page or none) still imports, and a run that does not follow its first
 * page is refused with nothing changed.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { collectSnapshot, importExchange, importExchangeFile } from '../../../src/db/exchange';
import { verifyExchange, writeExchange, FORMAT_VERSION } from '../../../src/domain/exchange';
import { cityWorkspace, dumpDb, freshDb, memorySink, rebuildFile } from './helpers';

const CITY = { createdBy: { name: 'Ani (DP3AKB)', role: 'city' as const }, appVersion: '0.1.0', now: 1_700_000_500_000 };
const blob = (b: Uint8Array) => new Blob([b as BlobPart]);

async function exportWith(db: ReturnType<typeof freshDb>, wsId: string, edit?: (links: { page?: number; pageTo?: number }[]) => void) {
  const { snapshot, evidence } = await collectSnapshot(db, wsId);
  edit?.(snapshot.links);
  const m = memorySink();
  await writeExchange(snapshot, evidence, m.sink, CITY);
  return m.bytes();
}

describe('a link citing a run of pages in the exchange file', () => {
  it('round-trips, written as version 3', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    await db.links.update('l1', { page: 12, pageTo: 15 });
    const report = await verifyExchange(blob(await exportWith(db, ws.id)));
    expect(report.problems).toEqual([]);
    expect(FORMAT_VERSION).toBe(3);
    expect(report.exchange!.manifest.formatVersion).toBe(3);
    const db2 = freshDb();
    expect(await importExchange(db2, report.exchange!, { as: 'evaluator', now: CITY.now })).toMatchObject({ ok: true });
    expect((await db2.links.toArray()).find((l) => l.code === '1.1')).toMatchObject({ page: 12, pageTo: 15 });
  });

  it('a link made from a suggestion and not checked stays so through the file (its printed plan says to check it)', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    await db.links.update('l1', { suggested: true });
    const report = await verifyExchange(blob(await exportWith(db, ws.id)));
    expect(report.problems).toEqual([]);
    const db2 = freshDb();
    expect(await importExchange(db2, report.exchange!, { as: 'evaluator', now: CITY.now })).toMatchObject({ ok: true });
    const links = await db2.links.toArray();
    expect(links.find((l) => l.id === 'l1')!.suggested).toBe(true);
    expect(links.filter((l) => l.id !== 'l1').every((l) => !('suggested' in l))).toBe(true);
  });

  it('a version-2 file (no runs) verifies, migrates and imports its page citations', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const v2 = await rebuildFile(await exportWith(db, ws.id), (m) => void ((m as { formatVersion: number }).formatVersion = 2));
    const report = await verifyExchange(blob(v2));
    expect(report.problems).toEqual([]);
    expect(report.format).toMatchObject({ version: 2, migratedFrom: 2 });
    const db2 = freshDb();
    expect(await importExchange(db2, report.exchange!, { as: 'evaluator', now: CITY.now })).toMatchObject({ ok: true });
    const l1 = (await db2.links.toArray()).find((l) => l.code === '1.1')!;
    expect(l1.page).toBe(2);
    expect(l1.pageTo).toBeUndefined();
  });

  it('a run that ends before it starts, or has no first page, is refused and nothing changes', async () => {
    for (const bad of [{ page: 5, pageTo: 5 }, { page: 9, pageTo: 3 }, { pageTo: 4 }]) {
      const db = freshDb();
      const { ws } = await cityWorkspace(db);
      const file = await exportWith(db, ws.id, (links) => Object.assign(links[0], { page: undefined }, bad));
      const target = freshDb();
      await cityWorkspace(target);
      const before = await dumpDb(target);
      const res = await importExchangeFile(target, blob(file), { as: 'evaluator', now: CITY.now });
      expect(res.ok).toBe(false);
      expect(res.report.problems.map((p) => p.code)).toEqual(['data-invalid']);
      expect(await dumpDb(target)).toEqual(before);
    }
  });
});
