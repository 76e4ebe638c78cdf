import { afterEach } from 'vitest';
import { createWorkspace } from '../../../src/db/queries';
import { KlaDb } from '../../../src/db/schema';
import { loadRules2024 } from '../helpers';

/**
 * `setup()` for storage tests: a fresh database (deleted after each test) holding one workspace.
 * Call at the top of a test file; the file needs `// @vitest-environment node` and fake-indexeddb.
 */
export function workspaceDb(prefix: string) {
  const rules = loadRules2024();
  const dbs: KlaDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });
  return async () => {
    const db = new KlaDb(`${prefix}-${Math.random()}`);
    dbs.push(db);
    const ws = await createWorkspace(db, { city: 'Kota A', province: 'P', rules, rulesText: '', now: 1 });
    return { db, ws };
  };
}
