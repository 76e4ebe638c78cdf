/** Registering a stored blob as a document of a workspace (after an upload, or when known). */
import { HubError, audit } from './context.ts';
import { canReadDocument, type HubUser } from './access.ts';
import type { HubDocumentMeta } from '../domain/hubProtocol.ts';
import type { Sql } from './db.ts';
import { insertChange, lockWorkspace } from './sync.ts';

/** What a client says about a document it sends: the protocol's own type. */
export type DocumentMeta = HubDocumentMeta;

export interface DocumentRow {
  id: string;
  workspace_id: string;
  sha256: string;
  name: string;
  mime: string;
  size: string | number;
  agency_id: string | null;
  uploaded_by: string;
  created_at: Date;
  deleted_at: Date | null;
}

/**
 * Idempotent: the same document id sent twice (a retried upload) registers once; the same id
 * with other bytes, or from another workspace, is refused.
 */
export async function registerDocument(sql: Sql, u: HubUser & { workspaceId: string }, m: DocumentMeta, ip?: string): Promise<'created' | 'known'> {
  await lockWorkspace(sql, u.workspaceId);
  const [had] = await sql.query<DocumentRow & Record<string, unknown>>('select * from documents where id = $1 for update', [m.documentId]);
  if (had) {
    if (had.workspace_id !== u.workspaceId || had.sha256 !== m.sha256) throw new HubError(409, 'document-id-conflict');
    return 'known';
  }
  const agency = u.role === 'agency' ? u.agencyId : null;
  await sql.query(
    'insert into documents (id, workspace_id, sha256, name, mime, size, agency_id, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7, $8)',
    [m.documentId, u.workspaceId, m.sha256, m.name, m.mime, m.size, agency, u.id],
  );
  const body = { id: m.documentId, sha256: m.sha256, name: m.name, mime: m.mime, size: m.size, agencyId: agency, by: u.displayName };
  await insertChange(sql, u.workspaceId, u.id, { kind: 'document', documentId: m.documentId, agencyId: agency, origin: m.device ?? null, body });
  await audit(sql, { user: u, action: 'document.add', target: m.documentId, detail: { name: m.name, sha256: m.sha256, size: m.size }, ip });
  return 'created';
}

/** May this user name these bytes without sending them? Only if it can already read a document
 *  with them in its own workspace: knowing a hash is not holding the file. */
export async function canRegisterByHash(sql: Sql, u: HubUser & { workspaceId: string }, sha256: string): Promise<boolean> {
  const rows = await sql.query<{ agency_id: string | null }>('select agency_id from documents where workspace_id = $1 and sha256 = $2 and deleted_at is null', [u.workspaceId, sha256]);
  return rows.some((r) => canReadDocument(u, { workspaceId: u.workspaceId, agencyId: r.agency_id }));
}

export async function documentById(sql: Sql, id: string): Promise<DocumentRow | null> {
  const [d] = await sql.query<DocumentRow & Record<string, unknown>>('select * from documents where id = $1 and deleted_at is null', [id]);
  return d ?? null;
}
