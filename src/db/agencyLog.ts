import type { AgencyLogRow } from '../domain/agencyExchange';
import type { KlaDb } from './schema';

/**
 * The workspace's log of packs made and responses taken (domain/agencyExchange.ts reads where
 * each agency stands from it). Read by kind (schema v5): the exports and imports alone, not the
 * thousands of answer edits, and a live query over it wakes for those kinds only.
 */
export function agencyLog(db: KlaDb, workspaceId: string): Promise<AgencyLogRow[]> {
  return db.activity
    .where('[workspaceId+kind]')
    .anyOf([
      [workspaceId, 'export'],
      [workspaceId, 'import'],
    ])
    .filter((a) => (a.kind === 'export' && a.detail?.role === 'pack') || (a.kind === 'import' && a.detail?.role === 'agency'))
    .toArray()
    .then((rows) => rows.map(({ at, kind, detail }) => ({ at, kind, detail })));
}
