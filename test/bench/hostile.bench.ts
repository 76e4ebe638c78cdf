/**
 * Hostile files against `kla verify` (issue 10): time and peak memory (max RSS of the process) on
 *   - a 4 GiB decompression bomb: a .kla whose data part inflates to 4 GiB of zeros (a few MB on
 *     disk), its size and hash declared honestly;
 *   - a manifest listing 1,000,000 parts.
 * Both must be refused as too large, in seconds and with flat memory (before the caps: 8.2 GiB and
 * 30 s for the bomb). Figures go to the JSON; nothing is asserted on time here.
 *
 *   npm run --silent bench -- hostile
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import { writeZip } from '../../src/domain/exchange';
import type { BenchContext } from './run';

const GiB = 1024 ** 3;

/** Deflate `total` zero bytes (streamed), returning the compressed bytes, their CRC-32 and SHA-256 of the plaintext. */
async function zeros(total: number): Promise<{ packed: Uint8Array; sha256: string; crc32: number }> {
  const sha = createHash('sha256');
  const chunk = new Uint8Array(16 * 1024 * 1024);
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((r) => z.on('end', r));
  let crc = 0;
  for (let left = total; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    sha.update(part);
    crc = crc32(part, crc);
    if (!z.write(part)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return { packed: new Uint8Array(Buffer.concat(out)), sha256: sha.digest('hex'), crc32: crc >>> 0 };
}

async function file(path: string, manifest: Record<string, unknown>, sources: Parameters<typeof writeZip>[1]) {
  const chunks: Uint8Array[] = [];
  await writeZip(manifest, sources, new WritableStream({ write: (c) => void chunks.push(c.slice()) }), Date.now(), undefined, true);
  writeFileSync(path, Buffer.concat(chunks));
}

function verify(root: string, path: string) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'npx', 'tsx', 'src/cli/kla.ts', 'verify', path], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  const maxRssMB = Math.round(Number(r.stderr.trim().split('\n').pop()) / 1024);
  let problems: string[] = [];
  try {
    problems = (JSON.parse(r.stdout).problems as { code: string }[]).map((p) => p.code);
  } catch {
    problems = [`(no JSON: exit ${r.status})`];
  }
  return { exit: r.status, seconds: Math.round(seconds * 10) / 10, maxRssMB, problems };
}

export default async function hostile({ root, log }: BenchContext) {
  execFileSync('/usr/bin/time', ['--version'], { stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'kla-hostile-'));
  try {
    log('hostile: deflating 4 GiB of zeros…');
    const z = await zeros(4 * GiB);
    const base = { format: 'siap-kla-exchange', formatVersion: 2, exportId: 'bomb', app: { name: 'x', version: '0' }, createdAt: 1, createdBy: { name: 'x', role: 'city' }, workspace: { id: 'w', city: 'c', province: 'p', year: 2024 }, rules: { id: 'r', hash: 'h' }, encryption: null };
    const bomb = join(dir, 'bomb.kla');
    const part = { path: 'data/workspace.json', kind: 'data', size: 4 * GiB, sha256: z.sha256, encoding: 'deflate-raw', storedSize: z.packed.length };
    await file(bomb, { ...base, parts: [part] }, [{ part: part as never, bytes: z.packed, deflated: { crc32: z.crc32 } }]);
    const many = join(dir, 'million-parts.kla');
    const p = { path: 'evidence/x', kind: 'evidence', size: 1, sha256: 'a'.repeat(64), encoding: 'identity', storedSize: 1 };
    await file(many, { ...base, parts: Array.from({ length: 1_000_000 }, () => p) }, []);
    log('hostile: kla verify on each…');
    const baseline = verify(root, join(root, 'test/fixtures/demo.kla'));
    return {
      bomb: { fileMB: Math.round(statSync(bomb).size / 1e5) / 10, inflatesToGiB: 4, ...verify(root, bomb) },
      millionParts: { fileMB: Math.round(statSync(many).size / 1e5) / 10, ...verify(root, many) },
      demoForComparison: baseline,
      note: 'seconds include starting node and tsx (about 1 s, see demoForComparison); maxRssMB is GNU time %M: the largest resident set of the process and the children it waited for (npx, tsx, node)',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
