/** What every route gets: the database, the folders, the clock, and the audit log. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HubUser } from './access.ts';
import type { HubDb, Sql } from './db.ts';

export interface HubContext {
  db: HubDb;
  /** Content-addressed evidence (store.ts). */
  blobDir: string;
  /** Unfinished resumable uploads (tus). */
  uploadDir: string;
  now: () => Date;
  /** Largest evidence file taken (bytes). */
  maxUpload: number;
  /** Sign-in attempts (login, join, setup) a minute from one address, whatever the names. */
  signInsPerAddress: number;
}

/** A refusal the client can act on: status, a stable code, and words for a person. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
  }
}

export interface AuditEntry {
  user?: HubUser | null;
  workspaceId?: string | null;
  action: string;
  target?: string;
  detail?: unknown;
  ip?: string;
}

export async function audit(sql: Sql, e: AuditEntry): Promise<void> {
  await sql.query('insert into audit_log (workspace_id, user_id, action, target, detail, ip) values ($1, $2, $3, $4, $5::jsonb, $6)', [
    e.workspaceId ?? e.user?.workspaceId ?? null,
    e.user?.id ?? null,
    e.action,
    e.target ?? null,
    e.detail === undefined ? null : JSON.stringify(e.detail),
    e.ip ?? null,
  ]);
}

declare module 'fastify' {
  interface FastifyRequest {
    user: HubUser | null;
  }
}

/** The signed-in user, or a 401. */
export function requireUser(req: FastifyRequest): HubUser {
  if (!req.user) throw new HubError(401, 'not-signed-in');
  return req.user;
}

export function requireWorkspace(req: FastifyRequest): HubUser & { workspaceId: string } {
  const u = requireUser(req);
  if (!u.workspaceId) throw new HubError(403, 'no-workspace');
  return u as HubUser & { workspaceId: string };
}

export const send = (reply: FastifyReply, status: number, body: unknown) => reply.code(status).send(body);
