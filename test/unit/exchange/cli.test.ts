// @vitest-environment node
/** `kla verify` and `kla score` on .kla files, and the shipped demo file. */
import 'fake-indexeddb/auto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BlobReader, TextWriter, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/kla';
import { collectSnapshot } from '../../../src/db/exchange';
import { FORMAT_VERSION, verifyExchange, writeExchange } from '../../../src/domain/exchange';
import { DEMO_KLA, makeDemoKla } from '../../fixtures/make-demo-kla';
import { cityWorkspace, freshDb, memorySink } from './helpers';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kla-exchange-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, content: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const demo = () => new Uint8Array(readFileSync(DEMO_KLA));

/** A copy of demo.kla with one byte flipped inside its first evidence part. */
function tamperedDemo(): Uint8Array {
  const b = demo();
  const at = Buffer.from(b).indexOf('%PDF-'); // the first evidence part starts with its PDF header
  expect(at).toBeGreaterThan(0);
  b[at + 200] ^= 0x20;
  return b;
}

describe('kla verify', () => {
  it('demo.kla: ok, the documented JSON, exit 0', async () => {
    const r = await run('verify', DEMO_KLA);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['ok', 'format', 'workspace', 'parts', 'problems']);
    expect(j).toMatchObject({ ok: true, format: { name: 'siap-kla-exchange', version: 1, encrypted: false, createdBy: { role: 'city' } }, workspace: { city: 'Kota Contoh' }, problems: [] });
    expect(j.parts.map((p: { kind: string }) => p.kind)).toEqual(['data', 'texts', 'rules', 'evidence', 'evidence', 'evidence']);
    expect(j.parts.every((p: { ok: boolean }) => p.ok === true)).toBe(true);
  });

  it('a tampered copy: exit 1 with the reason', async () => {
    const r = await run('verify', put('tampered.kla', tamperedDemo()));
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.ok).toBe(false);
    expect(j.problems.map((p: { code: string }) => p.code)).toEqual(['hash-mismatch', 'file-checksum-mismatch']);
    expect(j.problems[0].part).toMatch(/^evidence\/[0-9a-f]{64}$/);
  });

  it('not an exchange file: exit 1; usage errors: exit 2', async () => {
    const r = await run('verify', put('answers.json', '{"1.1": 12}'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).problems[0].code).toBe('not-exchange-file');
    expect((await run('verify')).code).toBe(2);
    expect((await run('verify', join(dir, 'missing.kla'))).code).toBe(2);
    expect((await run('verify', DEMO_KLA, DEMO_KLA)).code).toBe(2);
  });

  it('a passphrase-protected file: asks for it, refuses a wrong one, accepts the right one', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const { snapshot, evidence } = await collectSnapshot(db, ws.id);
    const m = memorySink();
    await writeExchange(snapshot, evidence, m.sink, { createdBy: { name: 'Ani', role: 'city' }, appVersion: '0.1.0', passphrase: 'kota serang 2024' });
    const p = put('locked.kla', m.bytes());
    const none = await run('verify', p);
    expect([none.code, JSON.parse(none.out).problems[0].code]).toEqual([1, 'passphrase-required']);
    const wrong = await run('verify', p, '--passphrase', 'kota serang 2025');
    expect([wrong.code, JSON.parse(wrong.out).problems[0].code]).toEqual([1, 'wrong-passphrase']);
    const right = await run('verify', p, '--passphrase', 'kota serang 2024');
    expect(right.code).toBe(0);
    expect(JSON.parse(right.out).format.encrypted).toBe(true);
    expect((await run('score', p, '--passphrase', 'kota serang 2024')).code).toBe(0);
  });

  it('runs as the npm script, with the exit status', async () => {
    const r = await promisify(execFile)('npm', ['run', '--silent', 'kla', '--', 'verify', DEMO_KLA], { cwd: ROOT });
    expect(JSON.parse(r.stdout).ok).toBe(true);
    const bad = await promisify(execFile)('npm', ['run', '--silent', 'kla', '--', 'verify', put('t2.kla', tamperedDemo())], { cwd: ROOT }).catch((e) => e);
    expect(bad.code).toBe(1);
  }, 60_000);
});

describe('kla score <file.kla>', () => {
  it('scores the answers inside exactly as the same answers given as JSON', async () => {
    // read the answers with a plain zip reader, independently of the app's verifier
    const zr = new ZipReader(new BlobReader(new Blob([demo() as BlobPart])));
    const entry = (await zr.getEntries()).find((e) => e.filename === 'data/workspace.json')!;
    const data = JSON.parse(await (entry as FileEntry).getData(new TextWriter()));
    await zr.close();
    const points = Object.fromEntries(data.answers.filter((a: { points: number | null }) => a.points !== null).map((a: { code: string; points: number }) => [a.code, a.points]));
    expect(Object.keys(points).length).toBeGreaterThan(200);
    const fromJson = await run('score', put('demo-answers.json', JSON.stringify(points)));
    const fromKla = await run('score', DEMO_KLA);
    expect(fromJson.code).toBe(0);
    expect(fromKla.code).toBe(0);
    expect(JSON.parse(fromKla.out)).toEqual(JSON.parse(fromJson.out));
    expect(JSON.parse(fromKla.out).total).toBeGreaterThan(500);
  });

  it('refuses a tampered file (exit 2, the reason on stderr); answers JSON still works as before', async () => {
    const r = await run('score', put('tampered2.kla', tamperedDemo()));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/hash-mismatch/);
    expect((await run('score', put('a.json', '{"1.1": 12}'))).code).toBe(0);
  });
});

describe('test/fixtures/demo.kla', () => {
  it('is small, verifies, and is what make-demo-kla.ts makes', async () => {
    expect(statSync(DEMO_KLA).size).toBeLessThan(200 * 1024);
    const shipped = await verifyExchange(new Blob([demo() as BlobPart]));
    const fresh = await verifyExchange(new Blob([(await makeDemoKla()) as BlobPart]));
    expect(shipped.ok && fresh.ok).toBe(true);
    const s = shipped.exchange!;
    const f = fresh.exchange!;
    expect(f.manifest.exportId).toBe(s.manifest.exportId);
    // the rules file may have moved on since the fixture was made (demo.kla carries its own copy)
    expect({ ...f.data.workspace, rulesHash: '' }).toEqual({ ...s.data.workspace, rulesHash: '' });
    expect(f.data.answers).toEqual(s.data.answers);
    expect(f.data.documents).toEqual(s.data.documents);
    expect(f.data.links).toEqual(s.data.links);
    // the shipped file stays a version-1 file (texts as one array): every run proves old files open
    expect([shipped.format!.version, fresh.format!.version]).toEqual([1, FORMAT_VERSION]);
    const all = async (g: AsyncIterable<unknown[]>) => {
      const out: unknown[] = [];
      for await (const b of g) out.push(...b);
      return out;
    };
    expect(await all(f.readTexts())).toEqual(await all(s.readTexts()));
    expect(f.manifest.parts.filter((p) => p.kind === 'evidence')).toEqual(s.manifest.parts.filter((p) => p.kind === 'evidence'));
    expect(s.data.documents).toHaveLength(3);
    expect(s.data.links).toHaveLength(3);
  }, 30_000);
});
