/**
 * Exchange file throughput and memory (issue 5): a generated workspace of ~1 GB (200 evidence
 * files of 5 MiB pseudo-random bytes, which do not compress, plus the 274 answers) is exported to
 * a file on disk, verified, and imported (verify + one transaction) into a fresh database; then a
 * 100 MB workspace is exported with a passphrase and verified with it.
 *
 * The evidence comes from a file on disk as lazy Blobs (fs.openAsBlob), so the source data does
 * not sit in memory, exactly like IndexedDB Blobs in the browser. Memory is sampled every 10 ms
 * (process RSS, V8 heap, ArrayBuffers) and reported as growth over the level just before each
 * phase. Throughput is in MB/s (10^6 bytes) of the .kla file. Everything generated is deleted.
 *
 *   npm run --silent bench -- exchange
 */
import 'fake-indexeddb/auto';
import { createHash, randomFillSync } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportWorkspace, importExchangeFile } from '../../src/db/exchange';
import { createWorkspace } from '../../src/db/queries';
import { KlaDb } from '../../src/db/schema';
import { verifyExchange } from '../../src/domain/exchange';
import type { Answer, EvidenceDoc } from '../../src/domain/model';
import { loadRulesText } from '../../src/domain/rules/load';
import type { BenchContext } from './run';

const MiB = 1024 * 1024;
const DOC_SIZE = 5 * MiB;
const TARGET_MBPS = 100;
const TARGET_GROWTH_MB = 300;

const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;

/** A WritableStream writing to a file (Node side of what the browser does with the File System Access API). */
function fileSink(path: string): WritableStream<Uint8Array> {
  let fh: Awaited<ReturnType<typeof open>>;
  return new WritableStream<Uint8Array>({
    async start() {
      fh = await open(path, 'w');
    },
    async write(chunk) {
      await fh.write(chunk);
    },
    async close() {
      await fh.close();
    },
    async abort() {
      await fh.close();
    },
  });
}

/** Runs `fn`, sampling memory; returns its result, the seconds it took and the peak growth. */
async function measure<T>(fn: () => Promise<T>) {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  const peak = { rss: base.rss, heap: base.heapUsed, buffers: base.arrayBuffers };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
    peak.buffers = Math.max(peak.buffers, m.arrayBuffers);
  };
  const timer = setInterval(sample, 10);
  const t0 = performance.now();
  try {
    const result = await fn();
    sample();
    return {
      result,
      seconds: (performance.now() - t0) / 1000,
      growth: { rssMB: mb(peak.rss - base.rss), heapMB: mb(peak.heap - base.heapUsed), arrayBuffersMB: mb(peak.buffers - base.arrayBuffers) },
    };
  } finally {
    clearInterval(timer);
  }
}

/** A workspace with `docs` evidence files of 5 MiB cut from one random file on disk. */
async function buildWorkspace(db: KlaDb, dir: string, name: string, docs: number, log: BenchContext['log']) {
  // one file on disk, 5 MiB per document, hashed as it is written (setup, not measured)
  const source = join(dir, `${name}-evidence.bin`);
  const fh = await open(source, 'w');
  const buf = Buffer.alloc(DOC_SIZE);
  const hashes: string[] = [];
  for (let i = 0; i < docs; i++) {
    randomFillSync(buf);
    hashes.push(createHash('sha256').update(buf).digest('hex'));
    await fh.write(buf);
  }
  await fh.close();
  const file = await openAsBlob(source);

  const rulesText = readFileSync(new URL('../../scoring-rules/kla-2024.json', import.meta.url), 'utf8');
  const loaded = await loadRulesText(rulesText);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const rules = loaded.rules;
  const ws = await createWorkspace(db, { city: `Kota ${name}`, province: 'Banten', rules, rulesText });
  const answers: Answer[] = [...rules.questionByCode.values()].map((q, i) => ({
    workspaceId: ws.id,
    code: q.code,
    points: q.maxPoints / 2,
    status: 'ready',
    notes: `Catatan ${i}: dokumen ada di Dinas terkait.`,
    dataValues: { jumlah: String(i * 7) },
    updatedAt: 1,
  }));
  await db.answers.bulkPut(answers);
  const codes = [...rules.questionByCode.keys()];
  const rows: EvidenceDoc[] = hashes.map((sha256, i) => ({
    id: `${name}-doc-${i}`,
    workspaceId: ws.id,
    sha256,
    name: `Bukti ${i}.pdf`,
    mime: 'application/pdf',
    kind: 'pdf',
    size: DOC_SIZE,
    addedAt: i,
    readState: 'done',
  }));
  await db.documents.bulkPut(rows);
  await db.blobs.bulkPut(rows.map((d, i) => ({ id: d.id, data: file.slice(i * DOC_SIZE, (i + 1) * DOC_SIZE, 'application/pdf') })));
  await db.links.bulkPut(rows.map((d, i) => ({ id: `${d.id}-link`, workspaceId: ws.id, documentId: d.id, code: codes[i % codes.length], createdAt: i })));
  log(`exchange: ${name} workspace ready (${docs} x 5 MiB evidence, ${answers.length} answers)`);
  return ws;
}

export default async function exchangeBench({ log }: BenchContext) {
  const dir = mkdtempSync(join(tmpdir(), 'kla-exchange-bench-'));
  const dbs: KlaDb[] = [];
  const newDb = (n: string) => {
    const db = new KlaDb(`bench-${n}-${Math.random()}`);
    dbs.push(db);
    return db;
  };
  try {
    // ---- 1 GB, no passphrase ---------------------------------------------------------------
    const city = newDb('city');
    const ws = await buildWorkspace(city, dir, 'Besar', 200, log);
    const out = join(dir, 'besar.kla');
    const exp = await measure(() => exportWorkspace(city, ws.id, fileSink(out), { createdBy: { name: 'Bench', role: 'city' }, appVersion: 'bench' }));
    const size = statSync(out).size;
    log(`exchange: export ${mb(size)} MB in ${exp.seconds.toFixed(1)} s`);
    const ver = await measure(async () => verifyExchange(await openAsBlob(out)));
    if (!ver.result.ok) throw new Error(`verify failed: ${JSON.stringify(ver.result.problems)}`);
    log(`exchange: verify in ${ver.seconds.toFixed(1)} s`);
    const evaluator = newDb('evaluator');
    const imp = await measure(async () => importExchangeFile(evaluator, await openAsBlob(out), { as: 'evaluator' }));
    if (!imp.result.ok) throw new Error(`import failed: ${JSON.stringify(imp.result.problems)}`);
    const imported = await evaluator.blobs.count();
    log(`exchange: import (verify + transaction) in ${imp.seconds.toFixed(1)} s, ${imported} blobs`);
    for (const db of dbs.splice(0)) await db.delete();
    rmSync(out);

    // ---- 100 MB with a passphrase ------------------------------------------------------------
    const small = newDb('small');
    const ws2 = await buildWorkspace(small, dir, 'Rahasia', 20, log);
    const out2 = join(dir, 'rahasia.kla');
    const passphrase = 'bench passphrase 2024';
    const encExp = await measure(() => exportWorkspace(small, ws2.id, fileSink(out2), { createdBy: { name: 'Bench', role: 'city' }, appVersion: 'bench', passphrase }));
    const size2 = statSync(out2).size;
    const encVer = await measure(async () => verifyExchange(await openAsBlob(out2), { passphrase }));
    if (!encVer.result.ok) throw new Error(`encrypted verify failed: ${JSON.stringify(encVer.result.problems)}`);
    log(`exchange: encrypted ${mb(size2)} MB: export ${encExp.seconds.toFixed(1)} s, verify ${encVer.seconds.toFixed(1)} s`);

    const exportMBps = mb(size / exp.seconds);
    const importMBps = mb(size / imp.seconds);
    const peakGrowth = Math.max(exp.growth.rssMB, ver.growth.rssMB, imp.growth.rssMB);
    return {
      workspace: { evidenceFiles: 200, evidenceMB: mb(200 * DOC_SIZE), answers: 274, fileMB: mb(size) },
      export: { seconds: round(exp.seconds), MBps: exportMBps, memoryGrowth: exp.growth, target: `>= ${TARGET_MBPS} MB/s`, met: exportMBps >= TARGET_MBPS },
      verify: { seconds: round(ver.seconds), MBps: mb(size / ver.seconds), memoryGrowth: ver.growth },
      exportAndVerify: { seconds: round(exp.seconds + ver.seconds), MBps: mb(size / (exp.seconds + ver.seconds)) },
      import: { seconds: round(imp.seconds), MBps: importMBps, memoryGrowth: imp.growth, blobs: imported, target: `>= ${TARGET_MBPS} MB/s`, met: importMBps >= TARGET_MBPS },
      peakMemoryGrowth: { rssMB: peakGrowth, target: `< ${TARGET_GROWTH_MB} MB`, met: peakGrowth < TARGET_GROWTH_MB },
      encrypted100MB: {
        fileMB: mb(size2),
        exportSeconds: round(encExp.seconds),
        exportMBps: mb(size2 / encExp.seconds),
        verifySeconds: round(encVer.seconds),
        verifyMBps: mb(size2 / encVer.seconds),
        note: 'includes PBKDF2-SHA-256 600,000 iterations once per export and once per verify',
      },
    };
  } finally {
    for (const db of dbs.splice(0)) await db.delete().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (s: number) => Math.round(s * 100) / 100;
