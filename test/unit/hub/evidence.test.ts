// @vitest-environment node
/** Hub evidence: resumable uploads (tus) into the content-addressed store, and who may read what. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as tus from 'tus-js-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { blobPath } from '../../../src/hub/store.ts';
import { ENGINE, join, listen, restartHub, setupCity, useHub, type Client, type TestHub } from './harness.ts';

const current = useHub();
let hub: TestHub;
let officer: Client;
let dinkes: Client;
let dinsos: Client;

beforeEach(async () => {
  hub = current();
  officer = await setupCity(hub);
  dinkes = await join(hub, officer, 'agency', 'dinkes', 'dinkes');
  dinsos = await join(hub, officer, 'agency', 'dinsos', 'dinsos');
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let ids = 0;
const docId = () => `doc-${Date.now().toString(36)}-${++ids}`;

interface UploadRun {
  upload: tus.Upload;
  done: Promise<void>;
}

function upload(base: string, who: Client, bytes: Buffer, opts: { documentId?: string; sha256?: string; uploadUrl?: string; onProgress?: (sent: number, up: tus.Upload) => void } = {}): UploadRun {
  let up!: tus.Upload;
  const done = new Promise<void>((resolve, reject) => {
    up = new tus.Upload(bytes, {
      endpoint: `${base}/api/uploads`,
      uploadUrl: opts.uploadUrl ?? null,
      chunkSize: 512 * 1024,
      retryDelays: null,
      storeFingerprintForResuming: false,
      headers: { cookie: who.cookie },
      metadata: { filename: 'SK Klaster V.pdf', filetype: 'application/pdf', sha256: opts.sha256 ?? sha(bytes), documentId: opts.documentId ?? docId() },
      onProgress: (sent) => opts.onProgress?.(sent, up),
      onSuccess: () => resolve(),
      onError: reject,
    });
    up.start();
  });
  return { upload: up, done };
}

describe(`hub evidence (${ENGINE})`, () => {
  it("stores an agency's upload by its hash, shows it to the officer, and refuses it to another agency (403)", async () => {
    const base = await listen(hub);
    const bytes = randomBytes(1_300_000);
    const id = docId();
    await upload(base, dinkes, bytes, { documentId: id }).done;
    expect(readFileSync(blobPath(`${hub.dataDir}/blobs`, sha(bytes))).equals(bytes)).toBe(true);
    const feed = (await officer.call('GET', '/api/sync/pull?since=0')).json.changes.filter((c: { kind: string }) => c.kind === 'document');
    expect(feed.map((c: { body: { id: string; agencyId: string } }) => [c.body.id, c.body.agencyId])).toEqual([[id, 'dinkes']]);
    expect((await dinsos.call('GET', '/api/sync/pull?since=0')).json.changes.filter((c: { kind: string }) => c.kind === 'document')).toEqual([]);
    const evaluator = await join(hub, officer, 'evaluator', 'evaluator');
    for (const [who, status] of [
      [officer, 200],
      [evaluator, 200],
      [dinkes, 200],
      [dinsos, 403],
    ] as const) {
      const r = await fetch(`${base}/api/documents/${id}/content`, { headers: { cookie: who.cookie } });
      expect(r.status).toBe(status);
      if (status === 200) expect(Buffer.from(await r.arrayBuffer()).equals(bytes)).toBe(true);
    }
    expect((await hub.db.query("select 1 from audit_log where action = 'document.read.denied'")).length).toBe(1);
    expect((await fetch(`${base}/api/documents/${id}/content`)).status).toBe(401);
    // an evaluator reads but never uploads
    await expect(upload(base, evaluator, randomBytes(1000)).done).rejects.toThrow(/403/);
  });

  it('refuses bytes that do not match the declared hash, and registers nothing', async () => {
    const base = await listen(hub);
    await expect(upload(base, dinkes, randomBytes(100_000), { sha256: sha(Buffer.from('lain')) }).done).rejects.toThrow(/422/);
    expect((await hub.db.query('select 1 from documents')).length).toBe(0);
  });

  it('resumes an upload after the hub is killed mid-way, and the stored bytes are whole', async () => {
    let base = await listen(hub);
    const bytes = randomBytes(6 * 1024 * 1024);
    const id = docId();
    let url = '';
    const first = upload(base, dinkes, bytes, {
      documentId: id,
      onProgress: (_sent, up) => {
        url ||= up.url ?? '';
      },
    });
    const outcome = first.done.then(() => 'finished', () => 'cut off'); // handled at once
    // kill the hub once about a third has arrived
    const offset = async () => (await fetch(url, { method: 'HEAD', headers: { cookie: dinkes.cookie, 'tus-resumable': '1.0.0' } })).headers.get('upload-offset');
    for (let i = 0; i < 200 && !(url && Number(await offset()) >= 2 * 1024 * 1024); i++) await new Promise((r) => setTimeout(r, 10));
    hub = await restartHub(hub);
    expect(await outcome).toBe('cut off');
    base = await listen(hub);
    const path = new URL(url).pathname;
    const resumedFrom = Number((await fetch(`${base}${path}`, { method: 'HEAD', headers: { cookie: dinkes.cookie, 'tus-resumable': '1.0.0' } })).headers.get('upload-offset'));
    expect(resumedFrom).toBeGreaterThan(0);
    expect(resumedFrom).toBeLessThan(bytes.length);
    // another user cannot continue it
    const theirs = await fetch(`${base}${path}`, { method: 'HEAD', headers: { cookie: dinsos.cookie, 'tus-resumable': '1.0.0' } });
    expect(theirs.status).toBe(403);
    await upload(base, dinkes, bytes, { documentId: id, uploadUrl: `${base}${path}` }).done;
    expect(sha(readFileSync(blobPath(`${hub.dataDir}/blobs`, sha(bytes))))).toBe(sha(bytes));
    expect((await hub.db.query('select id from documents')).map((r) => r.id)).toEqual([id]);
  });

  it('registers a file the hub already holds without sending it again, only for a user who may read it', async () => {
    const base = await listen(hub);
    const bytes = randomBytes(50_000);
    await upload(base, dinkes, bytes).done;
    const meta = { documentId: docId(), sha256: sha(bytes), name: 'salinan.pdf', mime: 'application/pdf', size: bytes.length };
    // the officer reads Dinkes's document: she may name the same bytes without sending them
    expect((await officer.call('POST', '/api/documents', meta)).status).toBe(201);
    expect((await officer.call('POST', '/api/documents', meta)).status).toBe(200); // a retry
    // knowing the hash is not holding the file: another agency must send the bytes
    const guess = { ...meta, documentId: docId() };
    expect((await dinsos.call('POST', '/api/documents', guess)).json.error).toBe('upload-needed');
    expect((await dinsos.call('GET', '/api/documents')).json.documents).toEqual([]);
    const unknown = { ...meta, documentId: docId(), sha256: sha(randomBytes(10)) };
    expect((await officer.call('POST', '/api/documents', unknown)).json.error).toBe('upload-needed');
    expect(existsSync(blobPath(`${hub.dataDir}/blobs`, sha(bytes)))).toBe(true);
  });
});
