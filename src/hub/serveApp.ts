/**
 * The hub serves the built app (dist/) itself, so the app and the API share one origin: the
 * session cookie stays SameSite=Strict and no CORS is ever answered. The Content-Security-Policy
 * the build puts in index.html's <meta> is also sent as a header (workers take their policy from
 * their own response), as `vite preview` does.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function builtCsp(index: string): string | null {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(index);
  return m ? `${m[1].replace(/&#39;/g, "'")}; frame-ancestors 'none'` : null;
}

export async function serveApp(app: FastifyInstance, dir: string): Promise<boolean> {
  const indexPath = join(dir, 'index.html');
  if (!existsSync(indexPath)) return false;
  const csp = builtCsp(readFileSync(indexPath, 'utf8'));
  await app.register(fastifyStatic, {
    root: dir,
    index: 'index.html',
    setHeaders: (res) => {
      if (csp) res.raw.setHeader('Content-Security-Policy', csp);
    },
  });
  // the app's routes live after '#', so any other path that is not the API is the app
  app.setNotFoundHandler((req, reply) => {
    if (req.method !== 'GET' || req.url.startsWith('/api/')) return reply.code(404).send({ error: 'not-found' });
    if (csp) reply.header('Content-Security-Policy', csp);
    return reply.sendFile('index.html');
  });
  return true;
}
