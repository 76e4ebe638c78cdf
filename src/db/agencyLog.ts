import type { AgencyLogRow } from '../domain/agencyExchange';
import type { KlaDb } from './schema';

/**
 * The workspace's log of packs made and responses taken (domain/agencyExchange.ts reads where
 * each agency stands from it). A scan of the workspace's log with a filter: the log has no index
 * by kind, and Perangkat Daerah is the only reader.
 */
export function agencyLog(db: KlaDb, workspaceId: string): Promise<AgencyLogRow[]> {
  return db.activity
    .where('workspaceId')
    .equals(workspaceId)
    .filter((a) => (a.kind === 'export' && a.detail?.role === 'pack') || (a.kind === 'import' && a.detail?.role === 'agency'))
    .toArray()
    .then((rows) => rows.map(({ at, kind, detail }) => ({ at, kind, detail })));
}
