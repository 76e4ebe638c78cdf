// @vitest-environment node
/**
 * Hostile exchange files (issue 10, points 1-3): decompression bombs and huge manifests are
 * refused as too large before anything is inflated; text that is not UTF-8 is a reason, not a
 * crash; `kla` prints all of its output through a pipe; strings from a file are cut short in
 * problems.
 */
import 'fake-indexeddb/auto';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/kla';
import { collectSnapshot } from '../../../src/db/exchange';
import { verifyExchange, writeExchange, writeZip } from '../../../src/domain/exchange';
import { deflateRaw, sha256HexOf, utf8 } from '../../../src/domain/exchange/bytes';
import { LIMITS } from '../../../src/domain/exchange/read';
import { crc32 } from './crc';
import { addDocument, cityWorkspace, freshDb, memorySink, prng, rebuildFile } from './helpers';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CITY = { createdBy: { name: 'Ani (DP3AKB)', role: 'city' as const }, appVersion: '0.1.0', now: 1_700_000_500_000 };
const dir = mkdtempSync(join(tmpdir(), 'kla-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const blob = (b: Uint8Array) => new Blob([b as BlobPart]);

async function cityFile(extraDocs = 0, name?: string): Promise<Uint8Array> {
  const db = freshDb();
  const { ws } = await cityWorkspace(db);
  for (let i = 0; i < extraDocs; i++) await addDocument(db, ws.id, `bulk-${i}`, `Laporan kegiatan ${i}.pdf`, prng(500 + i, 64), `isi ${i}`);
  if (name) await db.documents.update('doc-perda', { name });
  const { snapshot, evidence } = await collectSnapshot(db, ws.id);
  const m = memorySink();
  await writeExchange(snapshot, evidence, m.sink, CITY);
  return m.bytes();
}

/** Replace a JSON part's plaintext, declaring its size and hash honestly. */
const withPlain = (bytes: Uint8Array, kind: 'data' | 'rules', plain: Uint8Array) =>
  rebuildFile(bytes, async (_m, sources) => {
    const s = sources.find((x) => x.part.kind === kind)!;
    const packed = await deflateRaw(plain);
    Object.assign(s, { part: { ...s.part, size: plain.length, sha256: await sha256HexOf(plain), storedSize: packed.length }, bytes: packed, deflated: { crc32: crc32(plain) } });
  });

describe('decompression bombs and huge manifests', () => {
  it('a data part that honestly declares 200 MiB of zeros (under 1 MB stored) is refused as too large, before inflating', async () => {
    const zeros = new Uint8Array(200 * 1024 * 1024);
    const file = await withPlain(await cityFile(), 'data', zeros);
    expect(file.length).toBeLessThan(1024 * 1024);
    const t0 = performance.now();
    const report = await verifyExchange(blob(file));
    const ms = performance.now() - t0;
    expect(report.problems.map((p) => [p.code, p.part])).toEqual([['too-large', 'data/workspace.json']]);
    expect(report.problems[0].params).toMatchObject({ size: zeros.length, limit: LIMITS.plain.data });
    // refused from the manifest: the 200 MiB were never produced (inflating them takes seconds)
    expect(ms).toBeLessThan(60_000);
  });

  it('a data part that inflates past the size it declares is refused as too large', async () => {
    const file = await rebuildFile(await cityFile(), async (_m, sources) => {
      const s = sources.find((x) => x.part.kind === 'data')!;
      const packed = await deflateRaw(new Uint8Array(8 * 1024 * 1024));
      Object.assign(s, { part: { ...s.part, size: 1000, storedSize: packed.length }, bytes: packed, deflated: { crc32: 0 } });
    });
    const report = await verifyExchange(blob(file));
    expect(report.problems.map((p) => p.code)).toEqual(['too-large']);
  });

  it('a manifest listing 1,000,000 parts, or more parts than the limit, is refused as too large', async () => {
    for (const count of [1_000_000, LIMITS.parts + 1]) {
      const part = { path: 'evidence/x', kind: 'evidence', size: 1, sha256: 'a'.repeat(64), encoding: 'identity', storedSize: 1 };
      const manifest = { format: 'siap-kla-exchange', formatVersion: 2, parts: Array.from({ length: count }, () => part) };
      const m = memorySink();
      await writeZip(manifest, [], m.sink, 1);
      const report = await verifyExchange(blob(m.bytes()));
      expect(report.problems.map((p) => [p.code, p.part])).toEqual([['too-large', 'manifest.json']]);
    }
  }, 60_000);
});

describe('bad text and long strings', () => {
  it('a rules part that is not UTF-8 is refused with a reason (no exception), and `kla verify` prints JSON with exit 1', async () => {
    const file = await withPlain(await cityFile(), 'rules', new Uint8Array([0x7b, 0xff, 0xfe, 0x22, 0x7d]));
    const report = await verifyExchange(blob(file));
    expect(report.problems).toEqual([expect.objectContaining({ code: 'data-invalid', part: expect.stringMatching(/^rules\//), message: 'The rules part is not valid UTF-8 text.' })]);
    const p = join(dir, 'not-utf8.kla');
    writeFileSync(p, file);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['verify', p], { out: (s) => out.push(s), err: (s) => err.push(s) });
    expect([code, err]).toEqual([1, []]);
    expect(JSON.parse(out.join('\n')).problems[0].code).toBe('data-invalid');
  });

  it('strings from the file are cut short in problems', async () => {
    const long = `${'A'.repeat(20_000)}.pdf`;
    const file = await rebuildFile(await cityFile(0, long), (_m, sources) => {
      // drop one evidence part: the refusal names the document
      sources.splice(sources.findIndex((s) => s.part.kind === 'evidence'), 1);
    });
    const report = await verifyExchange(blob(file));
    expect(report.ok).toBe(false);
    for (const p of report.problems) {
      expect(p.message.length).toBeLessThanOrEqual(601);
      for (const v of Object.values(p.params ?? {})) if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(301);
    }
  });

  it('`kla verify` piped to another program prints all of a report longer than 64 KiB', async () => {
    const file = join(dir, 'many.kla');
    writeFileSync(file, await cityFile(700));
    // a reader that is slow to start (as `less` or a busy pipeline): the pipe's 64 KiB fill up first
    const r = await promisify(execFile)('bash', ['-c', `npx tsx src/cli/kla.ts verify "${file}" | (sleep 2; cat)`], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    expect(r.stdout.length).toBeGreaterThan(65_536);
    const j = JSON.parse(r.stdout);
    expect(j.ok).toBe(true);
    expect(j.parts.length).toBe(700 + 3 + 3);
  }, 120_000);
});

describe('values and ids a file may not set', () => {
  /** Edit the data part's JSON, declaring the new size and hash honestly (as an attacker would). */
  const editData = async (bytes: Uint8Array, edit: (d: Record<string, any>) => void) => {
    const report = await verifyExchange(blob(bytes));
    const data = JSON.parse(JSON.stringify(report.exchange!.data));
    edit(data);
    return withPlain(bytes, 'data', utf8.encode(JSON.stringify(data)));
  };

  it('points above a question maximum (or the instrument), far dates and a revision window of 1e308 hours are refused', async () => {
    const base = await cityFile();
    const cases: [string, (d: Record<string, any>) => void, RegExp][] = [
      ['points 1e6', (d) => void (d.answers[0].points = 1e6), /points|1000/],
      ['points above the question maximum', (d) => void (d.answers.find((a: { code: string }) => a.code === '1.1').points = 13), /question 1\.1 has 13 points; its maximum is 12/],
      ['a date of 1e308', (d) => void (d.documents[0].addedAt = 1e308), /2100/],
      ['revision window 1e308 hours', (d) => void (d.workspace.revisionHours = 1e308), /revisionHours/],
      ['a negative date', (d) => void (d.links[0].createdAt = -5), /links/],
    ];
    for (const [what, edit, reason] of cases) {
      const report = await verifyExchange(blob(await editData(base, edit)));
      expect(report.ok, what).toBe(false);
      expect(report.problems.map((p) => p.code), what).toEqual(['data-invalid']);
      expect(report.problems[0].message, what).toMatch(reason);
    }
  });

  it('a file whose document or link ids belong to another workspace is refused and changes nothing', async () => {
    const db = freshDb();
    const { ws: own } = await cityWorkspace(db);
    // another city's file that reuses this city's document and link ids (the fixtures use fixed ids)
    const other = await cityFile();
    const before = await db.documents.get('doc-perda');
    const { importExchangeFile } = await import('../../../src/db/exchange');
    const res = await importExchangeFile(db, blob(other), { as: 'evaluator', now: CITY.now });
    expect(res.ok).toBe(false);
    expect(res.ok ? [] : res.problems.map((p) => p.code)).toContain('id-conflict');
    expect(await db.documents.get('doc-perda')).toEqual(before);
    expect((await db.documents.get('doc-perda'))!.workspaceId).toBe(own.id);
  });
});

describe('the zip layer refuses what `unzip -t` refuses', () => {
  it('an entry whose CRC-32 is wrong in both of its records (file checksum recomputed) is refused', async () => {
    const { reseal } = await import('./helpers');
    const bytes = await cityFile();
    const report = await verifyExchange(blob(bytes));
    const part = report.parts.find((p) => p.kind === 'evidence')!.path;
    const b = Buffer.from(bytes);
    let flipped = 0;
    const storedSize = report.exchange!.manifest.parts.find((p) => p.path === part)!.storedSize;
    for (let i = 0; i + 46 <= b.length; i++) {
      const sig = b.readUInt32LE(i);
      if (sig === 0x04034b50 && b.toString('latin1', i + 30, i + 30 + part.length) === part) {
        // the local copy of the CRC: in the header, or in the data descriptor after the data
        let at = i + 14;
        if (b.readUInt16LE(i + 6) & 8) {
          at = i + 30 + b.readUInt16LE(i + 26) + b.readUInt16LE(i + 28) + storedSize;
          if (b.readUInt32LE(at) === 0x08074b50) at += 4;
        }
        b.writeUInt32LE(b.readUInt32LE(at) ^ 1, at);
        flipped++;
      }
      if (sig === 0x02014b50 && b.toString('latin1', i + 46, i + 46 + part.length) === part) (b.writeUInt32LE(b.readUInt32LE(i + 16) ^ 1, i + 16), flipped++);
    }
    expect(flipped).toBe(2);
    const r = await verifyExchange(blob(await reseal(new Uint8Array(b))));
    expect(r.problems.map((p) => [p.code, p.part, p.message])).toEqual([['corrupt-zip', part, expect.stringMatching(/CRC-32/)]]);
  });

  it('a local header or data descriptor whose size disagrees with the central directory is refused', async () => {
    const { reseal } = await import('./helpers');
    const bytes = await cityFile();
    const part = (await verifyExchange(blob(bytes))).parts.find((p) => p.kind === 'evidence')!.path;
    const b = Buffer.from(bytes);
    let changed = 0;
    for (let i = 0; i + 30 <= b.length; i++) {
      if (b.readUInt32LE(i) !== 0x04034b50 || b.toString('latin1', i + 30, i + 30 + part.length) !== part) continue;
      if (!(b.readUInt16LE(i + 6) & 8)) b.writeUInt32LE(b.readUInt32LE(i + 18) + 7, i + 18);
      else {
        // streamed entries carry their sizes in the data descriptor after the data
        const dataStart = i + 30 + b.readUInt16LE(i + 26) + b.readUInt16LE(i + 28);
        const size = (await verifyExchange(blob(bytes))).exchange!.manifest.parts.find((p) => p.path === part)!.storedSize;
        let d = dataStart + size;
        if (b.readUInt32LE(d) === 0x08074b50) d += 4;
        b.writeUInt32LE(b.readUInt32LE(d + 4) + 7, d + 4);
      }
      changed++;
    }
    expect(changed).toBe(1);
    const r = await verifyExchange(blob(await reseal(new Uint8Array(b))));
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code)).toEqual(['corrupt-zip']);
  });
});

describe('a passphrase seals the file', () => {
  const PASS = 'Rahasia Serang 2024';
  async function sealedFile() {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db);
    const { snapshot, evidence } = await collectSnapshot(db, ws.id);
    const m = memorySink();
    await writeExchange(snapshot, evidence, m.sink, { ...CITY, passphrase: PASS });
    return { bytes: m.bytes(), docs };
  }

  it('the readable manifest does not list the SHA-256 of any evidence file; the seal checks out', async () => {
    const { bytes, docs } = await sealedFile();
    const text = new TextDecoder('latin1').decode(bytes);
    for (const d of docs) expect(text).not.toContain(d.doc.sha256);
    const r = await verifyExchange(blob(bytes), { passphrase: PASS });
    expect(r.problems).toEqual([]);
    expect(r.format).toMatchObject({ encrypted: true, sealed: true });
    // and the evidence still comes back by its real hash
    expect(new Uint8Array(await (await r.exchange!.evidence(docs[0].doc.sha256)).arrayBuffer())).toEqual(docs[0].bytes);
  });

  it('an edited manifest with every checksum recomputed is refused with the passphrase (seal-mismatch)', async () => {
    const { bytes } = await sealedFile();
    const edited = await rebuildFile(bytes, (m) => void (m.createdBy = { ...m.createdBy, name: 'Penyusup' }));
    const r = await verifyExchange(blob(edited), { passphrase: PASS });
    expect(r.problems.map((p) => [p.code, p.part])).toEqual([['seal-mismatch', 'manifest.json']]);
    // a seal removed is no better
    const unsealed = await rebuildFile(bytes, (m) => void delete (m.encryption as { seal?: string }).seal);
    expect((await verifyExchange(blob(unsealed), { passphrase: PASS })).problems.map((p) => p.code)).toEqual(['seal-mismatch']);
  });

  it('a file without a passphrase says it is not sealed', async () => {
    const r = await verifyExchange(blob(await cityFile()));
    expect(r.format).toMatchObject({ encrypted: false, sealed: false });
  });
});

describe('names and entries a file may not have', () => {
  it('an entry present twice is refused (two entries of one name, written by hand)', async () => {
    const { reseal } = await import('./helpers');
    // zip writers refuse a second entry of the same name: write a twin under a name of the same
    // length, then give it the first one's name in both headers and reseal the checksum
    let first = '';
    let twin = '';
    const built = await rebuildFile(await cityFile(), (_m, sources) => {
      const ev = sources.find((x) => x.part.kind === 'evidence')!;
      first = ev.part.path;
      twin = first.slice(0, -1) + (first.endsWith('0') ? '1' : '0');
      sources.push({ ...ev, part: { ...ev.part, path: twin, sha256: twin.slice('evidence/'.length) } });
    });
    const b = Buffer.from(built);
    const from = Buffer.from(twin);
    let patched = 0;
    for (let i = b.indexOf(from); i >= 0; i = b.indexOf(from, i + 1)) {
      const sig = (o: number) => i - o >= 0 && b.readUInt32LE(i - o);
      // only the names in the zip headers (local: name at +30, central: name at +46), not the manifest
      if (sig(30) === 0x04034b50 || sig(46) === 0x02014b50) (b.write(first, i, 'latin1'), patched++);
    }
    expect(patched).toBe(2);
    const r = await verifyExchange(blob(await reseal(new Uint8Array(b))));
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.code, p.message])).toEqual(expect.arrayContaining([['unexpected-part', expect.stringMatching(/twice/)]]));
  });

  it('a part named with a path out of the archive (../, absolute, backslashes) is refused', async () => {
    for (const bad of ['../../etc/passwd', '/etc/passwd', 'evidence\\..\\x', 'data/../../x']) {
      const file = await rebuildFile(await cityFile(), (_m, sources) => {
        const s = sources.find((x) => x.part.kind === 'rules')!;
        s.part = { ...s.part, path: bad };
      });
      const r = await verifyExchange(blob(file));
      expect(r.ok, bad).toBe(false);
      // named as a bad path, or unreadable as a zip: refused either way, nothing is ever written by name
      expect(r.problems.map((p) => p.code).some((c) => c === 'manifest-invalid' || c === 'corrupt-zip'), bad).toBe(true);
    }
  });

});
