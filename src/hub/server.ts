/**
 * The city hub: an HTTP API over the hub database and the evidence store (docs/hub.md).
 * buildHub() returns the Fastify app without listening, so tests drive it in-process
 * (app.inject) or on a loopback port (uploads).
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tokenHash, normaliseCode } from './auth.ts';
import { HubError, type HubContext } from './context.ts';
import type { HubDb } from './db.ts';
import { migrate } from './migrate.ts';
import { COOKIE, accountRoutes } from './routes/account.ts';
import { evidenceRoutes } from './routes/evidence.ts';
import { provinceRoutes } from './routes/province.ts';
import { syncRoutes } from './routes/sync.ts';
import { serveApp } from './serveApp.ts';
import { userBySession } from './users.ts';

export interface HubOptions {
  db: HubDb;
  dataDir: string;
  now?: () => Date;
  maxUpload?: number;
  logger?: boolean;
  /** The built app to serve beside the API (dist/); none in most tests. */
  appDir?: string;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (HUB_TRUST_PROXY=1). */
  trustProxy?: boolean;
  /** Sign-in attempts a minute from one address (default 120; HUB_SIGNINS_PER_ADDRESS). */
  signInsPerAddress?: number;
}

/** Requests that change something must carry this header: a page on another site cannot send it
 *  without a CORS preflight, which the hub never answers (with SameSite=Strict cookies, no CSRF). */
export const WRITE_HEADER = 'x-kla-hub';

export async function buildHub(o: HubOptions): Promise<{ app: FastifyInstance; ctx: HubContext }> {
  await migrate(o.db);
  const ctx: HubContext = {
    db: o.db,
    blobDir: join(o.dataDir, 'blobs'),
    uploadDir: join(o.dataDir, 'uploads'),
    now: o.now ?? (() => new Date()),
    maxUpload: o.maxUpload ?? 200 * 1024 * 1024,
    signInsPerAddress: o.signInsPerAddress ?? 120,
  };
  mkdirSync(ctx.blobDir, { recursive: true });
  mkdirSync(ctx.uploadDir, { recursive: true });

  const app = Fastify({ logger: o.logger ?? false, bodyLimit: 256 * 1024, trustProxy: o.trustProxy ?? false });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[COOKIE];
    req.user = token ? await userBySession(ctx.db, token, ctx.now()) : null;
    const writes = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    const tus = req.url.startsWith('/api/uploads') && req.headers['tus-resumable'];
    if (writes && req.url.startsWith('/api/') && !tus && req.headers[WRITE_HEADER] !== '1') throw new HubError(403, 'missing-write-header');
  });
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof HubError) return reply.code(err.status).send({ error: err.code, message: err.message });
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status < 500) return reply.code(status).send({ error: status === 429 ? 'too-many-requests' : status === 413 ? 'too-large' : 'bad-request', message: (err as Error).message });
    app.log.error(err);
    if (process.env.HUB_DEBUG) console.error(err);
    return reply.code(500).send({ error: 'server-error' });
  });

  app.get('/api/hub', async () => {
    const [ws] = await ctx.db.query<{ n: number }>('select count(*)::int as n from workspaces');
    return { name: 'siap-kla-hub', version: 1, engine: ctx.db.engine, workspaces: ws.n };
  });
  accountRoutes(app, ctx);
  evidenceRoutes(app, ctx);
  syncRoutes(app, ctx);
  provinceRoutes(app, ctx);
  if (o.appDir) await serveApp(app, o.appDir);
  return { app, ctx };
}

/** A code that lets one new workspace (a city, with its officer as admin) be created. */
export async function setSetupCode(db: HubDb, code: string): Promise<void> {
  await db.query(
    "insert into hub_settings (key, value) values ('setup_code_hash', $1) on conflict (key) do update set value = excluded.value",
    [tokenHash(normaliseCode(code))],
  );
}
