/** Registering a stored blob as a document of a workspace (after an upload, or when known). */
import { HubError, audit } from './context.ts';
import type { HubUser } from './access.ts';
import type { Sql } from './db.ts';

export interface DocumentMeta {
  documentId: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
}

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
  await sql.query("insert into changes (workspace_id, kind, document_id, agency_id, body, user_id) values ($1, 'document', $2, $3, $4::jsonb, $5)", [
    u.workspaceId,
    m.documentId,
    agency,
    JSON.stringify(body),
    u.id,
  ]);
  await audit(sql, { user: u, action: 'document.add', target: m.documentId, detail: { name: m.name, sha256: m.sha256, size: m.size }, ip });
  return 'created';
}

export async function documentById(sql: Sql, id: string): Promise<DocumentRow | null> {
  const [d] = await sql.query<DocumentRow & Record<string, unknown>>('select * from documents where id = $1 and deleted_at is null', [id]);
  return d ?? null;
}
