// @vitest-environment node
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { agencyLog } from '../../../src/db/agencyLog';
import { DOC_SEQ_KEY, KlaDb, SCHEMA_VERSION, STORES_V1, STORES_V2, STORES_V3, STORES_V4 } from '../../../src/db/schema';
import { SearchIndex } from '../../../src/db/searchIndex';

describe('schema migrations', () => {
  it('opens a database created by schema version 1 and finds every record intact', async () => {
    const name = `migrate-${Math.random()}`;
    // A browser that ran the version-1 app: declare only version 1, as that app did.
    const old = new Dexie(name);
    old.version(1).stores(STORES_V1);
    const ws = { id: 'w1', city: 'Kota Lama', province: 'Banten', year: 2024, rulesId: 'kla-2024', rulesHash: 'abc', stage: 'revisi', createdAt: 1, updatedAt: 2 };
    const answers = Array.from({ length: 50 }, (_, i) => ({ workspaceId: 'w1', code: `1.${i}`, points: i / 4, status: 'ready', notes: `catatan ${i}`, dataValues: { n: String(i) }, updatedAt: i }));
    await old.table('workspaces').add(ws);
    await old.table('answers').bulkAdd(answers);
    await old.table('assignments').add({ workspaceId: 'w1', code: '1.1', agencies: ['dinkes', 'dinsos'], updatedAt: 5 });
    await old.table('activity').bulkAdd([
      { workspaceId: 'w1', at: 1, kind: 'workspace-created', detail: {} },
      { workspaceId: 'w1', at: 2, kind: 'answer-changed', code: '1.1', detail: { points: { from: null, to: 1 } } },
    ]);
    await old.table('rules').add({ hash: 'abc', id: 'kla-2024', year: 2024, text: '{}', addedAt: 1 });
    await old.table('settings').add({ key: 'lang', value: 'en' });
    expect(old.verno).toBe(1);
    old.close();

    const db = new KlaDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(await db.workspaces.get('w1')).toEqual({ ...ws, revisionHours: 48 });
    expect(await db.answers.orderBy('[workspaceId+code]').toArray()).toEqual([...answers].sort((a, b) => (a.code < b.code ? -1 : 1)));
    expect(await db.assignments.get(['w1', '1.1'])).toMatchObject({ agencies: ['dinkes', 'dinsos'] });
    expect(await db.activity.count()).toBe(2);
    expect(await db.rules.get('abc')).toMatchObject({ id: 'kla-2024' });
    expect(await db.settings.get('lang')).toEqual({ key: 'lang', value: 'en' });
    // the new stores exist and are usable
    expect(await db.table('documents').count()).toBe(0);
    await db.delete();
  });

  it('version 2 -> 3: document rows become light, classifications move apart, every document gets a number and is indexed', async () => {
    const name = `migrate3-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(STORES_V1);
    old.version(2).stores(STORES_V2);
    const classification = { group: 'I', indicator: '1', confidence: 0.9 };
    const docs = Array.from({ length: 30 }, (_, i) => ({
      id: `d${i}`, workspaceId: 'w1', sha256: `s${i}`, name: `dok-${i}.pdf`, mime: 'application/pdf', kind: 'pdf', size: 10, addedAt: i, readState: 'done',
      ...(i % 2 ? { classification } : {}),
    }));
    await old.table('documents').bulkAdd(docs);
    await old.table('texts').bulkAdd(docs.map((d, i) => ({ id: d.id, workspaceId: 'w1', text: i === 7 ? 'Perda perlindungan anak' : 'laporan kegiatan' })));
    old.close();

    const db = new KlaDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    const rows = await db.documents.toArray();
    expect(rows).toHaveLength(30);
    expect(rows.every((d) => d.classification === undefined)).toBe(true);
    expect(new Set(rows.map((d) => d.no)).size).toBe(30);
    expect(await db.classifications.count()).toBe(15);
    expect((await db.classifications.get('d1'))?.classification).toEqual(classification);
    expect((await db.settings.get(DOC_SEQ_KEY))?.value).toBe(30);
    expect(await db.searchPending.count()).toBe(30);
    const index = new SearchIndex(db);
    while ((await index.indexPending()) > 0);
    const { nos } = await index.search('w1', 'perda', async () => new Map());
    expect(nos).toEqual([(await db.documents.get('d7'))!.no]);
    await db.delete();
  });

  it('version 3 -> 4: a trash store is added and every record of version 3 stays as it was', async () => {
    const name = `migrate4-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(STORES_V1);
    old.version(2).stores(STORES_V2);
    old.version(3).stores(STORES_V3);
    const docs = Array.from({ length: 5 }, (_, i) => ({ id: `d${i}`, workspaceId: 'w1', sha256: `s${i}`, name: `dok-${i}.pdf`, mime: 'application/pdf', kind: 'pdf', size: 10, addedAt: i, readState: 'done', no: i + 1 }));
    await old.table('documents').bulkAdd(docs);
    await old.table('blobs').bulkAdd(docs.map((d) => ({ id: d.id, data: new Blob([d.name]) })));
    await old.table('links').add({ id: 'l1', workspaceId: 'w1', documentId: 'd1', code: '6.5', createdAt: 1 });
    await old.table('settings').put({ key: DOC_SEQ_KEY, value: 5 });
    old.close();

    const db = new KlaDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(await db.documents.toArray()).toEqual(docs);
    expect(await db.links.get('l1')).toMatchObject({ documentId: 'd1', code: '6.5' });
    expect(await db.blobs.count()).toBe(5);
    expect((await db.settings.get(DOC_SEQ_KEY))?.value).toBe(5);
    expect(await db.trash.count()).toBe(0);
    await db.delete();
  });

  it('version 4 -> 5: the log is indexed by kind, every row stays, and the agencies\' log reads it', async () => {
    const name = `migrate5-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(STORES_V1);
    old.version(2).stores(STORES_V2);
    old.version(3).stores(STORES_V3);
    old.version(4).stores(STORES_V4);
    const rows = [
      { workspaceId: 'w1', at: 1, kind: 'workspace-created', detail: {} },
      ...Array.from({ length: 300 }, (_, i) => ({ workspaceId: 'w1', at: 2 + i, kind: 'answer-changed', code: `1.${i}`, detail: { points: { from: null, to: 1 } } })),
      { workspaceId: 'w1', at: 400, kind: 'export', detail: { role: 'pack', forId: 'dinkes' } },
      { workspaceId: 'w1', at: 401, kind: 'export', detail: { role: 'city' } },
      { workspaceId: 'w1', at: 402, kind: 'import', detail: { role: 'agency', agencyId: 'dinkes' } },
      { workspaceId: 'w1', at: 403, kind: 'import', detail: { role: 'evaluator' } },
      { workspaceId: 'w2', at: 404, kind: 'export', detail: { role: 'pack', forId: 'dinsos' } },
    ];
    await old.table('activity').bulkAdd(rows);
    old.close();

    const db = new KlaDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.activity.schema.idxByName['[workspaceId+kind]']).toBeTruthy();
    expect((await db.activity.toArray()).map(({ seq: _, ...r }) => r)).toEqual(rows);
    // the packs made and responses taken of w1 alone, the other kinds and roles and w2's pack left out
    const log = await agencyLog(db, 'w1');
    expect(log.map((r) => r.at).sort()).toEqual([400, 402]);
    expect(await db.activity.where('[workspaceId+kind]').equals(['w1', 'answer-changed']).count()).toBe(300);
    await db.delete();
  });
});
