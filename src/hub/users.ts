/** Reading users and sessions from the database. */
import type { HubUser, Role } from './access.ts';
import { SESSION_DAYS, newToken, tokenHash } from './auth.ts';
import type { Sql } from './db.ts';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  workspace_id: string | null;
  agency_id: string | null;
  province: string | null;
  password_hash: string;
}

export const USER_COLUMNS = 'u.id, u.username, u.display_name, u.role, u.workspace_id, u.agency_id, u.province, u.password_hash';

export function toUser(r: UserRow): HubUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    workspaceId: r.workspace_id,
    agencyId: r.agency_id,
    province: r.province,
  };
}

export async function userByName(sql: Sql, username: string): Promise<(HubUser & { passwordHash: string }) | null> {
  const [r] = await sql.query<UserRow & Record<string, unknown>>(`select ${USER_COLUMNS} from users u where u.username = $1`, [username.trim().toLowerCase()]);
  return r ? { ...toUser(r), passwordHash: r.password_hash } : null;
}

export async function userBySession(sql: Sql, token: string, now: Date): Promise<HubUser | null> {
  const [r] = await sql.query<UserRow & Record<string, unknown>>(
    `select ${USER_COLUMNS} from sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > $2`,
    [tokenHash(token), now],
  );
  return r ? toUser(r) : null;
}

export async function startSession(sql: Sql, userId: string, now: Date): Promise<{ token: string; expires: Date }> {
  const token = newToken();
  const expires = new Date(now.getTime() + SESSION_DAYS * 86400_000);
  await sql.query('insert into sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [tokenHash(token), userId, now, expires]);
  return { token, expires };
}

export const endSession = (sql: Sql, token: string) => sql.query('delete from sessions where token_hash = $1', [tokenHash(token)]);
