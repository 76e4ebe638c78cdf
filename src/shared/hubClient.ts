/**
 * The hub's HTTP API for the app (same origin: the hub serves the app), behind the HubApi
 * interface of src/db/hubSync.ts. Uploads are resumable (tus-js-client): a dropped connection
 * or a restarted hub continues from the last byte the hub holds.
 */
import type { HubChange, HubDocumentMeta, HubOp, HubOpResult } from '../domain/hubProtocol';
import type { ProvinceView } from '../domain/province';
import type { HubApi } from '../db/hubSync';

export class HubHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The hub's own words, when it gave any (which field was wrong). */
    readonly detail = '',
  ) {
    super(`hub ${status} ${code}`);
  }
}

export interface HubClientOptions {
  /** '' for the page's own origin. */
  base?: string;
  /** Node only (tests, the load test): the session cookie. Browsers send it themselves. */
  cookie?: string;
}

export interface HubMe {
  user: { id: string; username: string; displayName: string; role: 'admin' | 'agency' | 'evaluator' | 'province'; agencyId: string | null; province: string | null };
  /** `office`: the city's name for its office ('' when unset; an older hub sends none). */
  workspace: { id: string; name: string; office?: string } | null;
}

export function hubClient(o: HubClientOptions = {}) {
  const base = o.base ?? '';
  const headers = (json: boolean): Record<string, string> => ({ 'x-kla-hub': '1', ...(json ? { 'content-type': 'application/json' } : {}), ...(o.cookie ? { cookie: o.cookie } : {}) });
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(base + path, { method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    const json = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
    if (!res.ok) throw new HubHttpError(res.status, json?.error ?? 'http', typeof json?.message === 'string' ? json.message : '');
    return json as T;
  }
  const api: {
    hub(): Promise<{ name: string; workspaces: number }>;
    me(): Promise<HubMe>;
    login(username: string, password: string): Promise<void>;
    join(code: string, username: string, displayName: string, password: string): Promise<void>;
    setup(setupCode: string, workspace: { name: string; province: string; office: string }, username: string, displayName: string, password: string): Promise<void>;
    province(): Promise<ProvinceView>;
    invite(role: 'agency' | 'evaluator' | 'admin', agencyId?: string): Promise<{ code: string; expiresAt: string }>;
    logout(): Promise<void>;
  } & HubApi = {
    hub: () => call('GET', '/api/hub'),
    me: () => call<HubMe>('GET', '/api/me'),
    login: (username, password) => call('POST', '/api/login', { username, password }),
    join: (code, username, displayName, password) => call('POST', '/api/join', { code, username, displayName, password }),
    setup: (setupCode, workspace, username, displayName, password) => call('POST', '/api/setup', { setupCode, workspace, admin: { username, displayName, password } }),
    province: () => call<ProvinceView>('GET', '/api/province'),
    invite: (role, agencyId) => call('POST', '/api/invites', { role, agencyId }),
    logout: () => call('POST', '/api/logout'),
    push: async (ops: HubOp[]) => (await call<{ results: HubOpResult[] }>('POST', '/api/sync/push', { ops })).results,
    pull: (since: number) => call<{ changes: HubChange[]; cursor: number; more: boolean }>('GET', `/api/sync/pull?since=${since}`),
    async register(meta: HubDocumentMeta) {
      try {
        return (await call<{ status: 'created' | 'known' }>('POST', '/api/documents', meta)).status;
      } catch (e) {
        if (e instanceof HubHttpError && e.code === 'upload-needed') return 'upload-needed';
        throw e;
      }
    },
    upload: (meta, bytes) => upload(base, o.cookie, meta, bytes),
    async download(id) {
      const res = await fetch(`${base}/api/documents/${encodeURIComponent(id)}/content`, { headers: headers(false), credentials: 'same-origin' });
      if (!res.ok) throw new HubHttpError(res.status, 'download');
      return res.blob();
    },
    putAssignments: async (assignments) => void (await call('PUT', '/api/assignments', { assignments })),
    getAssignments: async () => (await call<{ assignments: { questionCode: string; agencyId: string }[] }>('GET', '/api/assignments')).assignments,
  };
  return api;
}

export type HubClient = ReturnType<typeof hubClient>;

async function upload(base: string, cookie: string | undefined, meta: HubDocumentMeta, bytes: Blob): Promise<void> {
  const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBuffer): unknown } }).Buffer;
  const file = typeof window === 'undefined' && NodeBuffer ? NodeBuffer.from(await bytes.arrayBuffer()) : bytes;
  const endpoint = `${base || globalThis.location?.origin || ''}/api/uploads`;
  // loaded on the first upload, not at start: the client and its helpers are ~20 KB gzip of start-up JS
  const tus = await import('tus-js-client');
  await new Promise<void>((resolve, reject) => {
    const up = new tus.Upload(file as Blob, {
      endpoint,
      chunkSize: 4 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      // the document's id names the upload, so a restarted round resumes it (tus-js-client keeps
      // the upload's address in localStorage under this fingerprint)
      fingerprint: async () => `siap-kla-${meta.documentId}`,
      removeFingerprintOnSuccess: true,
      headers: cookie ? { cookie } : {},
      metadata: { filename: meta.name, filetype: meta.mime, sha256: meta.sha256, documentId: meta.documentId, ...(meta.device ? { device: meta.device } : {}) },
      onSuccess: () => resolve(),
      // the hub answered (too large, refused): say so; no answer at all stays a network error
      onError: (e) => {
        const status = (e as { originalResponse?: { getStatus(): number } | null }).originalResponse?.getStatus();
        reject(status ? new HubHttpError(status, status === 413 ? 'too-large' : 'upload-refused') : e);
      },
    });
    void up.findPreviousUploads().then((prev) => {
      if (prev[0]) up.resumeFromPreviousUpload(prev[0]);
      up.start();
    });
  });
}
