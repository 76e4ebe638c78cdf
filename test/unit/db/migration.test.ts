// @vitest-environment node
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { KlaDb, STORES_V1 } from '../../../src/db/schema';

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
    expect(db.verno).toBe(2);
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
});
