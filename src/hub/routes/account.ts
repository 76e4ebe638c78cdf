/**
 * Setting up a workspace, signing in and out, inviting agency users and evaluators, joining with
 * a one-time code. Login and join are rate-limited per address and user name.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import * as v from 'valibot';
import { canInvite } from '../access.ts';
import { INVITE_DAYS, dummyHash, hashPassword, newInviteCode, normaliseCode, passwordProblem, tokenHash, verifyPassword } from '../auth.ts';
import { HubError, audit, requireUser, type HubContext } from '../context.ts';
import { endSession, startSession, userByName } from '../users.ts';
import { insertChange } from '../sync.ts';
import { agencyId, officeName, parse, text, username } from '../validate.ts';

export const COOKIE = 'kla_hub';

const Person = v.object({ username, displayName: text(80), password: v.string() });
const Setup = v.object({
  setupCode: v.string(),
  workspace: v.object({ name: text(120), province: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(80)), ''), office: v.optional(officeName, '') }),
  admin: Person,
});
const Login = v.object({ username, password: v.pipe(v.string(), v.maxLength(256)) });
const Invite = v.object({ role: v.picklist(['admin', 'agency', 'evaluator']), agencyId: v.optional(agencyId) });
const Join = v.object({ code: v.pipe(v.string(), v.maxLength(40)), ...Person.entries });

/**
 * The part of an address one client controls: an IPv4 address, or an IPv6 /64 (one household or
 * office gets a whole /64 and could rotate through it). IPv4-mapped IPv6 counts as IPv4.
 */
export function addressKey(ip: string): string {
  try {
    let a = ipaddr.parse(ip);
    if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) a = (a as ipaddr.IPv6).toIPv4Address();
    if (a.kind() === 'ipv4') return a.toString();
    return `${(a as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16)).join(':')}::/64`;
  } catch {
    return ip;
  }
}

/**
 * Guessing is slowed after the body is read: 5 tries a minute for one user name from one
 * address; (default) 120 a minute from one address whatever the names, so one address can
 * neither lock everyone out nor try names fast, while a whole office behind one NAT can still
 * join on a training day. Addresses are IPv4 or IPv6 /64 (addressKey). Behind a reverse proxy,
 * HUB_TRUST_PROXY=1 makes the address the client's. Failed logins per account: FailedLogins.
 */
function signInLimit(app: FastifyInstance, perAddress: number) {
  const create = (o: Parameters<FastifyInstance['createRateLimit']>[0]) => app.createRateLimit(o);
  const name = (req: FastifyRequest) => String((req.body as { username?: unknown; code?: unknown } | undefined)?.username ?? '').trim().toLowerCase().slice(0, 64);
  const limits = [
    create({ max: perAddress, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `addr|${addressKey(req.ip)}` }),
    create({ max: 5, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `name|${addressKey(req.ip)}|${name(req)}` }),
  ];
  return async (req: FastifyRequest) => {
    for (const limit of limits) {
      const r = await limit(req);
      if (!r.isAllowed && r.isExceeded) throw new HubError(429, 'too-many-requests');
    }
  };
}

/** Failed logins for one user name in 15 minutes, from all addresses together, before it waits. */
export const ACCOUNT_TRIES = 30;
const ACCOUNT_WINDOW = 15 * 60_000;

/**
 * Many addresses guessing one account's password: after ACCOUNT_TRIES failed logins in 15
 * minutes, that user name waits until the window ends (429), the right password included (else
 * the limit would tell a guesser when it guessed right). Only failures count, so signing in
 * never uses it up. Kept in memory, at most 10,000 names (the oldest go first).
 */
class FailedLogins {
  private tries = new Map<string, { n: number; until: number }>();
  blocked(name: string, now: number): boolean {
    const t = this.tries.get(name);
    return !!t && t.until > now && t.n >= ACCOUNT_TRIES;
  }
  failed(name: string, now: number): void {
    const t = this.tries.get(name);
    if (t && t.until > now) t.n++;
    else {
      this.tries.delete(name);
      this.tries.set(name, { n: 1, until: now + ACCOUNT_WINDOW });
    }
    if (this.tries.size > 10_000) this.tries.delete(this.tries.keys().next().value!);
  }
}

async function signIn(ctx: HubContext, reply: FastifyReply, userId: string) {
  const { token, expires } = await startSession(ctx.db, userId, ctx.now());
  reply.setCookie(COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto', expires });
}

function checkPassword(password: string) {
  const problem = passwordProblem(password);
  if (problem) throw new HubError(400, problem);
}

export function accountRoutes(app: FastifyInstance, ctx: HubContext) {
  const limited = { preHandler: signInLimit(app, ctx.signInsPerAddress) };
  app.post('/api/setup', limited, async (req, reply) => {
    const body = parse(Setup, req.body);
    checkPassword(body.admin.password);
    const passwordHash = await hashPassword(body.admin.password);
    const user = await ctx.db.tx(async (sql) => {
      const [code] = await sql.query<{ value: string }>("select value from hub_settings where key = 'setup_code_hash' for update");
      if (!code || code.value !== tokenHash(normaliseCode(body.setupCode))) throw new HubError(403, 'bad-setup-code');
      await sql.query("delete from hub_settings where key = 'setup_code_hash'");
      const ws = randomUUID();
      await sql.query('insert into workspaces (id, name, province, rules_id, office) values ($1, $2, $3, $4, $5)', [ws, body.workspace.name, body.workspace.province, 'kla-2024', body.workspace.office]);
      const id = randomUUID();
      await insertUser(sql, { id, ws, ...body.admin, passwordHash, role: 'admin', agencyId: null, province: null });
      // a device signing in later takes the office's name from the feed
      if (body.workspace.office) await insertChange(sql, ws, id, { kind: 'office', origin: null, body: { office: body.workspace.office, editedAt: new Date(0).toISOString(), by: body.admin.displayName } });
      await audit(sql, { workspaceId: ws, action: 'workspace.create', target: ws, detail: { name: body.workspace.name, admin: body.admin.username }, ip: req.ip });
      return id;
    });
    await signIn(ctx, reply, user);
    return reply.code(201).send({ ok: true });
  });

  const failures = new FailedLogins();
  app.post('/api/login', limited, async (req, reply) => {
    const body = parse(Login, req.body);
    if (failures.blocked(body.username, ctx.now().getTime())) throw new HubError(429, 'too-many-requests');
    const user = await userByName(ctx.db, body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash()));
    await audit(ctx.db, { user: ok ? user : null, workspaceId: user?.workspaceId, action: ok ? 'login' : 'login.failed', target: body.username, ip: req.ip });
    if (!user || !ok) {
      failures.failed(body.username, ctx.now().getTime());
      throw new HubError(401, 'bad-login');
    }
    await signIn(ctx, reply, user.id);
    return { ok: true };
  });

  app.post('/api/logout', async (req, reply) => {
    const token = req.cookies[COOKIE];
    if (token) await endSession(ctx.db, token);
    if (req.user) await audit(ctx.db, { user: req.user, action: 'logout', ip: req.ip });
    reply.clearCookie(COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', async (req) => {
    const u = requireUser(req);
    const [ws] = u.workspaceId ? await ctx.db.query<{ name: string; office: string }>('select name, office from workspaces where id = $1', [u.workspaceId]) : [];
    return { user: u, workspace: ws ? { id: u.workspaceId, name: ws.name, office: ws.office } : null };
  });

  app.post('/api/invites', async (req, reply) => {
    const u = requireUser(req);
    if (!canInvite(u)) throw new HubError(403, 'forbidden');
    const body = parse(Invite, req.body);
    if (body.role === 'agency' && !body.agencyId) throw new HubError(400, 'agency-required');
    const code = newInviteCode();
    const expiresAt = new Date(ctx.now().getTime() + INVITE_DAYS * 86400_000);
    await ctx.db.tx(async (sql) => {
      await sql.query('insert into invites (code_hash, workspace_id, role, agency_id, created_by, expires_at) values ($1, $2, $3, $4, $5, $6)', [
        tokenHash(normaliseCode(code)),
        u.workspaceId,
        body.role,
        body.role === 'agency' ? body.agencyId : null,
        u.id,
        expiresAt,
      ]);
      await audit(sql, { user: u, action: 'invite.create', target: body.role, detail: { agencyId: body.agencyId ?? null }, ip: req.ip });
    });
    return reply.code(201).send({ code, expiresAt: expiresAt.toISOString() });
  });

  app.post('/api/join', limited, async (req, reply) => {
    const body = parse(Join, req.body);
    checkPassword(body.password);
    const passwordHash = await hashPassword(body.password);
    const id = randomUUID();
    await ctx.db.tx(async (sql) => {
      const hash = tokenHash(normaliseCode(body.code));
      const [inv] = await sql.query<{ workspace_id: string; role: 'admin' | 'agency' | 'evaluator'; agency_id: string | null; used_at: Date | null; expires_at: Date }>(
        'select workspace_id, role, agency_id, used_at, expires_at from invites where code_hash = $1 for update',
        [hash],
      );
      // not a city's invitation: perhaps a province's code (made on the hub's machine)
      const prov = inv ? undefined : (await sql.query<{ province: string; used_at: Date | null; expires_at: Date }>('select province, used_at, expires_at from province_codes where code_hash = $1 for update', [hash]))[0];
      const code = inv ?? prov;
      if (!code || code.used_at || code.expires_at <= ctx.now()) throw new HubError(403, 'bad-invite-code');
      if (await userByName(sql, body.username)) throw new HubError(409, 'username-taken');
      if (inv) {
        await insertUser(sql, { id, ws: inv.workspace_id, ...body, passwordHash, role: inv.role, agencyId: inv.agency_id, province: null });
        await sql.query('update invites set used_at = $1, used_by = $2 where code_hash = $3', [ctx.now(), id, hash]);
        await audit(sql, { workspaceId: inv.workspace_id, action: 'invite.use', target: body.username, detail: { role: inv.role, agencyId: inv.agency_id }, ip: req.ip });
      } else {
        await insertUser(sql, { id, ws: null, ...body, passwordHash, role: 'province', agencyId: null, province: prov!.province });
        await sql.query('update province_codes set used_at = $1, used_by = $2 where code_hash = $3', [ctx.now(), id, hash]);
        await audit(sql, { action: 'province-code.use', target: body.username, detail: { province: prov!.province }, ip: req.ip });
      }
    });
    await signIn(ctx, reply, id);
    return reply.code(201).send({ ok: true });
  });
}

interface NewUser {
  id: string;
  ws: string | null;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  agencyId: string | null;
  province: string | null;
}

async function insertUser(sql: { query: HubContext['db']['query'] }, u: NewUser) {
  await sql.query('insert into users (id, workspace_id, username, display_name, password_hash, role, agency_id, province) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
    u.id,
    u.ws,
    u.username,
    u.displayName,
    u.passwordHash,
    u.role,
    u.agencyId,
    u.province,
  ]);
}
