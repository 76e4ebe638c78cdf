/**
 * Evidence: resumable uploads (the tus protocol, @tus/server with its file store), so a 50 MB
 * scan survives a dropped connection or a restarted hub; registering a file the hub already
 * holds without sending it again; reading a document's bytes, checked per user.
 */
import { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { canReadDocument, canUpload, type HubUser } from '../access.ts';
import { HubError, audit, requireWorkspace, type HubContext } from '../context.ts';
import { canRegisterByHash, documentById, registerDocument, type DocumentMeta } from '../documents.ts';
import { HashMismatchError, SHA256, hasBlob, openBlob, storeBlob } from '../store.ts';
import { clientId, parse, text } from '../validate.ts';

const Meta = v.object({
  device: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{1,40}$/))),
  documentId: clientId,
  sha256: v.pipe(v.string(), v.regex(SHA256)),
  name: text(255),
  mime: v.optional(v.pipe(v.string(), v.maxLength(120)), 'application/octet-stream'),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

/** The signed-in user of a raw request, handed from Fastify's hook to the tus handlers. */
const uploaders = new WeakMap<IncomingMessage, HubUser & { workspaceId: string }>();

type TusRequest = { runtime?: { node?: { req: IncomingMessage } } };
function uploaderOf(req: TusRequest) {
  const u = req.runtime?.node?.req && uploaders.get(req.runtime.node.req);
  if (!u) throw { status_code: 401, body: 'not-signed-in\n' };
  return u;
}

function metaOf(upload: Upload): DocumentMeta {
  const m = upload.metadata ?? {};
  return parse(Meta, { device: m.device ?? undefined, documentId: m.documentId, sha256: m.sha256, name: m.filename ?? m.name, mime: m.filetype ?? undefined, size: upload.size });
}

function tusServer(ctx: HubContext) {
  const store = new FileStore({ directory: ctx.uploadDir });
  return new Server({
    path: '/api/uploads',
    datastore: store,
    maxSize: ctx.maxUpload,
    relativeLocation: true,
    namingFunction: () => randomBytes(16).toString('hex'),
    disableTerminationForFinishedUploads: true,
    async onIncomingRequest(req, uploadId) {
      const u = uploaderOf(req as TusRequest);
      if (!uploadId || (req as { method?: string }).method === 'POST') return; // creating: no upload yet
      // ids are ours (32 hex); anything else, or an upload not this user's, is refused
      if (!/^[0-9a-f]{32}$/.test(uploadId)) throw { status_code: 404, body: 'not-found\n' };
      const up = await store.getUpload(uploadId).catch(() => null);
      if (!up) throw { status_code: 404, body: 'not-found\n' };
      if (up.metadata?.uploader !== u.id) throw { status_code: 403, body: 'forbidden\n' };
    },
    // a failure's text (database, disk) stays in the hub's log, never in the answer
    onResponseError(_req, err) {
      const status = (err as { status_code?: number }).status_code ?? 500;
      if (status >= 500) return { status_code: 500, body: 'server-error\n' };
      return undefined;
    },
    async onUploadCreate(req, upload) {
      const u = uploaderOf(req as TusRequest);
      try {
        metaOf(upload);
      } catch (e) {
        throw { status_code: 400, body: `${(e as Error).message}\n` };
      }
      return { metadata: { ...upload.metadata, uploader: u.id } };
    },
    async onUploadFinish(req, upload) {
      const u = uploaderOf(req as TusRequest);
      const meta = metaOf(upload);
      try {
        await storeBlob(ctx.blobDir, join(ctx.uploadDir, upload.id), meta.sha256);
      } catch (e) {
        if (e instanceof HashMismatchError) throw { status_code: 422, body: 'hash-mismatch\n' };
        throw e;
      }
      await ctx.db.tx((sql) => registerDocument(sql, u, meta));
      await rm(join(ctx.uploadDir, `${upload.id}.json`), { force: true }); // the bytes moved; drop the upload's record
      return {};
    },
  });
}

export function evidenceRoutes(app: FastifyInstance, ctx: HubContext) {
  let tus: Server | undefined; // made on the first upload (its store creates folders)
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
  const handle = async (req: FastifyRequest, reply: { hijack(): void; raw: import('node:http').ServerResponse }) => {
    const u = requireWorkspace(req);
    if (!canUpload(u)) throw new HubError(403, 'forbidden');
    uploaders.set(req.raw, u);
    reply.hijack();
    await (tus ??= tusServer(ctx)).handle(req.raw, reply.raw);
  };
  app.all('/api/uploads', handle);
  app.all('/api/uploads/*', handle);

  app.post('/api/documents', async (req, reply) => {
    const u = requireWorkspace(req);
    if (!canUpload(u)) throw new HubError(403, 'forbidden');
    const meta = parse(Meta, req.body);
    if (!(await hasBlob(ctx.blobDir, meta.sha256)) || !(await canRegisterByHash(ctx.db, u, meta.sha256))) throw new HubError(409, 'upload-needed');
    const r = await ctx.db.tx((sql) => registerDocument(sql, u, meta, req.ip));
    return reply.code(r === 'created' ? 201 : 200).send({ ok: true, status: r });
  });

  app.get('/api/documents', async (req) => {
    const u = requireWorkspace(req);
    const agency = u.role === 'agency' ? u.agencyId : null;
    const rows = await ctx.db.query(
      'select id, name, sha256, mime, size::float8 as size, agency_id, created_at from documents where workspace_id = $1 and deleted_at is null and ($2::text is null or agency_id = $2) order by created_at',
      [u.workspaceId, agency],
    );
    return { documents: rows };
  });

  app.get<{ Params: { id: string } }>('/api/documents/:id/content', async (req, reply) => {
    const u = requireWorkspace(req);
    const doc = await documentById(ctx.db, req.params.id);
    if (!doc || doc.workspace_id !== u.workspaceId) throw new HubError(404, 'not-found');
    if (!canReadDocument(u, { workspaceId: doc.workspace_id, agencyId: doc.agency_id })) {
      await audit(ctx.db, { user: u, action: 'document.read.denied', target: doc.id, ip: req.ip });
      throw new HubError(403, 'forbidden');
    }
    reply.header('content-type', doc.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.name)}`);
    return reply.send(openBlob(ctx.blobDir, doc.sha256));
  });
}
