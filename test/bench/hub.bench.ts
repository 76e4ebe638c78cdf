/**
 * `npm run bench -- hub`: the load test of the city hub (issue 12) on loopback. A real hub
 * process (PGlite in a fresh folder, or the server DATABASE_URL names), 32 agency users joined
 * with invitation codes, each uploading its share of 1,000 documents at once (resumable tus
 * uploads, then a link to one of its questions), while the officer's client pulls the feed
 * every 250 ms as fast as it can. Reports throughput, how long a document takes to appear in the
 * officer's feed (from the start of its upload and from its end), and that nothing was lost:
 * every document in the officer's list, its stored bytes hashing to what was sent, every link in
 * the feed. The app adds one sync round (at most 15 s) and its own reading to what is shown here.
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tus from 'tus-js-client';
import { HUB_SETUP_CODE, HubProcess } from '../e2e/hubProcess';
import type { BenchContext } from './run';

const AGENCIES = 32;
const DOCS = 1000;
const PASSWORD = 'beban-uji-kata-sandi';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function call(base: string, path: string, cookie: string, body?: unknown) {
  const res = await fetch(base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-kla-hub': '1', cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const cookieOut = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return { json: await res.json(), cookie: cookieOut ?? cookie };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

function upload(base: string, cookie: string, bytes: Buffer, meta: Record<string, string>) {
  return new Promise<void>((resolve, reject) =>
    new tus.Upload(bytes, { endpoint: `${base}/api/uploads`, chunkSize: 4 * 1024 * 1024, retryDelays: [0, 500, 2000], headers: { cookie }, metadata: meta, onSuccess: () => resolve(), onError: reject }).start(),
  );
}

/** Resident memory of the hub's whole process group (npx, tsx, node), in MB. */
const groupRssMB = (pid?: number) => {
  try {
    return Math.round(execSync(`ps -o rss= -g ${pid}`, { encoding: 'utf8' }).split('\n').reduce((n, l) => n + (Number(l.trim()) || 0), 0) / 1024);
  } catch {
    return 0;
  }
};

export default async function hubLoad(ctx: BenchContext): Promise<Record<string, unknown>> {
  const hub = await HubProcess.create();
  await hub.start();
  const base = hub.url;
  try {
    // the officer, the assignments (question i to agency i % 32), the agencies
    let officer = (await call(base, '/api/setup', '', { setupCode: HUB_SETUP_CODE, workspace: { name: 'Kabupaten Beban' }, admin: { username: 'petugas', displayName: 'Petugas', password: PASSWORD } })).cookie;
    const rules = JSON.parse(readFileSync(`${ctx.root}/scoring-rules/kla-2024.json`, 'utf8')) as { indicators: { questions: { code: string }[] }[] };
    const codes = rules.indicators.flatMap((i) => i.questions.map((q) => q.code));
    const agencyOf = (i: number) => `opd-${String(i % AGENCIES).padStart(2, '0')}`;
    await fetch(`${base}/api/assignments`, { method: 'PUT', headers: { 'x-kla-hub': '1', cookie: officer, 'content-type': 'application/json' }, body: JSON.stringify({ assignments: codes.map((c, i) => ({ questionCode: c, agencyId: agencyOf(i) })) }) });
    const agencies: { id: string; cookie: string; codes: string[] }[] = [];
    for (let a = 0; a < AGENCIES; a++) {
      const id = agencyOf(a);
      const inv = await call(base, '/api/invites', officer, { role: 'agency', agencyId: id });
      officer = inv.cookie;
      const joined = await call(base, '/api/join', '', { code: inv.json.code, username: id, displayName: id.toUpperCase(), password: PASSWORD });
      agencies.push({ id, cookie: joined.cookie, codes: codes.filter((_, i) => agencyOf(i) === id) });
    }
    ctx.log(`bench hub: ${AGENCIES} agencies joined; uploading ${DOCS} documents`);

    // the documents: 20 KB to 1 MB each, deterministic
    const rand = rng(42);
    const docs = Array.from({ length: DOCS }, (_, i) => {
      const size = 20_000 + Math.floor(rand() * 1_000_000);
      const bytes = Buffer.alloc(size, i % 251);
      bytes.write(`%PDF-1.4 dokumen ${i} `, 0);
      for (let k = 0; k < size; k += 4096) bytes[k] = Math.floor(rand() * 256);
      return { id: `load-${String(i).padStart(5, '0')}`, bytes, sha: createHash('sha256').update(bytes).digest('hex'), agency: agencies[i % AGENCIES], started: 0, uploaded: 0, seen: 0, linkSeen: 0 };
    });
    const byId = new Map(docs.map((d) => [d.id, d]));

    // the officer's client: pulls the feed as fast as every 250 ms
    let cursor = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const { json } = await call(base, `/api/sync/pull?since=${cursor}`, officer);
        const now = Date.now();
        for (const c of json.changes as { kind: string; documentId: string | null }[]) {
          const d = c.documentId ? byId.get(c.documentId) : undefined;
          if (d && c.kind === 'document' && !d.seen) d.seen = now;
          if (d && c.kind === 'link' && !d.linkSeen) d.linkSeen = now;
        }
        cursor = json.cursor;
        if (!json.more) await new Promise((r) => setTimeout(r, 250));
      }
    })();

    const t0 = Date.now();
    const failures: string[] = [];
    const rssBefore = groupRssMB(hub.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, groupRssMB(hub.pid))), 500);
    await Promise.all(
      agencies.map(async (ag) => {
        for (const d of docs.filter((x) => x.agency === ag)) {
          d.started = Date.now();
          try {
            await upload(base, ag.cookie, d.bytes, { filename: `${d.id}.pdf`, filetype: 'application/pdf', sha256: d.sha, documentId: d.id });
            d.uploaded = Date.now();
            const code = ag.codes[Number(d.id.slice(-5)) % ag.codes.length];
            await call(base, '/api/sync/push', ag.cookie, { ops: [{ opId: `op-${d.id}`, kind: 'link', documentId: d.id, questionCode: code, page: 1, removed: false, editedAt: new Date().toISOString() }] });
          } catch (e) {
            failures.push(`${d.id}: ${(e as Error).message}`);
          }
        }
      }),
    );
    const uploadSeconds = (Date.now() - t0) / 1000;
    for (let i = 0; i < 240 && docs.some((d) => !d.linkSeen); i++) await new Promise((r) => setTimeout(r, 250));
    polling = false;
    await poller;
    clearInterval(sampler);
    const allSeen = (Date.now() - t0) / 1000;

    // nothing lost: the officer's list, the stored bytes, the links
    const listed = new Map(((await call(base, '/api/documents', officer)).json.documents as { id: string; sha256: string; size: number }[]).map((d) => [d.id, d]));
    let bytesChecked = 0;
    let mismatched = 0;
    for (const d of docs.filter((_, i) => i % 20 === 0)) {
      const res = await fetch(`${base}/api/documents/${d.id}/content`, { headers: { cookie: officer } });
      const got = Buffer.from(await res.arrayBuffer());
      bytesChecked++;
      if (createHash('sha256').update(got).digest('hex') !== d.sha) mismatched++;
    }
    const megabytes = docs.reduce((n, d) => n + d.bytes.length, 0) / 1024 / 1024;
    const fromStart = docs.filter((d) => d.seen).map((d) => d.seen - d.started);
    const fromEnd = docs.filter((d) => d.seen && d.uploaded).map((d) => d.seen - d.uploaded);
    const result = {
      agencies: AGENCIES,
      documents: DOCS,
      megabytes: Math.round(megabytes),
      engine: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
      uploadSeconds: Math.round(uploadSeconds * 10) / 10,
      docsPerSecond: Math.round((DOCS / uploadSeconds) * 10) / 10,
      megabytesPerSecond: Math.round((megabytes / uploadSeconds) * 10) / 10,
      secondsUntilAllSeen: Math.round(allSeen * 10) / 10,
      appearMsFromUploadStart: { p50: pct(fromStart, 50), p95: pct(fromStart, 95), max: Math.max(...fromStart) },
      appearMsFromUploadEnd: { p50: pct(fromEnd, 50), p95: pct(fromEnd, 95), max: Math.max(...fromEnd) },
      lost: {
        uploadFailures: failures.length,
        notInOfficersList: docs.filter((d) => !listed.has(d.id)).length,
        wrongHashInList: docs.filter((d) => listed.get(d.id)?.sha256 !== d.sha).length,
        notInFeed: docs.filter((d) => !d.seen).length,
        linksNotInFeed: docs.filter((d) => !d.linkSeen).length,
        bytesChecked,
        bytesMismatched: mismatched,
      },
      hubRssMB: { beforeUploads: rssBefore, peak: rssPeak },
      failures: failures.slice(0, 5),
    };
    ctx.log(`bench hub: ${result.docsPerSecond} docs/s, ${result.megabytesPerSecond} MB/s, appear p95 ${result.appearMsFromUploadEnd.p95} ms after upload`);
    return result;
  } finally {
    hub.kill();
  }
}
