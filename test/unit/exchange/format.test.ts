// @vitest-environment node
/**
 * The .kla format: round trips (plain and encrypted), and every refusal, each proven to leave the
 * database unchanged (full dump before and after an import attempt).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BlobReader, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { collectSnapshot, importExchange, importExchangeFile } from '../../../src/db/exchange';
import type { KlaDb } from '../../../src/db/schema';
import { COMMENT_LENGTH, FORMAT_VERSION, MIGRATIONS, verifyExchange, writeExchange, writeZip, type Manifest, type WorkspaceSnapshot } from '../../../src/domain/exchange';
import { sha256Hex } from '../../../src/domain/rules/load';
import { cityWorkspace, dumpDb, freshDb, memorySink, prng, reseal, withTexts } from './helpers';

const CITY = { createdBy: { name: 'Ani (DP3AKB)', role: 'city' as const }, appVersion: '0.1.0', now: 1_700_000_500_000 };

async function exportCity(db: KlaDb, wsId: string, extra: Partial<Parameters<typeof writeExchange>[3]> = {}) {
  const { snapshot, evidence } = await collectSnapshot(db, wsId);
  const m = memorySink();
  const result = await writeExchange(snapshot, evidence, m.sink, { ...CITY, ...extra });
  return { snapshot: await withTexts(snapshot), bytes: m.bytes(), result, closed: m.closed };
}

const blob = (b: Uint8Array) => new Blob([b as BlobPart]);
const flip = (b: Uint8Array, at: number) => {
  const c = b.slice();
  c[at] ^= 0x01;
  return c;
};
const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Where a part's bytes are (from its local header). */
function partRange(b: Uint8Array, path: string): [number, number] {
  const name = new TextEncoder().encode(path);
  let at = -1;
  for (let i = indexOfBytes(b, name); i >= 0; i = indexOfBytes(b, name, i + 1)) {
    if (b[i - 30] === 0x50 && b[i - 29] === 0x4b && b[i - 28] === 3 && b[i - 27] === 4) {
      at = i - 30;
      break;
    }
  }
  if (at < 0) throw new Error(`no local header for ${path}`);
  const dv = new DataView(b.buffer, b.byteOffset);
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  return [start, start + 0]; // end unknown here; callers flip inside the first bytes
}

/** Offset of the central directory record of an entry. */
function centralRecord(b: Uint8Array, path: string): number {
  const name = new TextEncoder().encode(path);
  for (let i = indexOfBytes(b, name); i >= 0; i = indexOfBytes(b, name, i + 1)) {
    const h = i - 46;
    if (h >= 0 && b[h] === 0x50 && b[h + 1] === 0x4b && b[h + 2] === 1 && b[h + 3] === 2) return h;
  }
  throw new Error(`no central record for ${path}`);
}

/** Import attempt into a database holding another workspace: must be refused and change nothing. */
async function expectRefused(bytes: Uint8Array, code: string, opts: { passphrase?: string; as?: 'city' | 'evaluator' } = {}) {
  const target = freshDb();
  await cityWorkspace(target); // some existing data
  const before = await dumpDb(target);
  const res = await importExchangeFile(target, blob(bytes), { as: opts.as ?? 'evaluator', passphrase: opts.passphrase });
  expect(res.ok).toBe(false);
  expect(codes(res.report)).toContain(code);
  for (const p of res.report.problems) {
    expect(p.message).toMatch(/\w/);
    expect(typeof p.code).toBe('string');
  }
  expect(await dumpDb(target)).toEqual(before);
  return res.report;
}

/** The snapshot as read back from a database, made comparable (local seq numbers, the import entry). */
async function comparable(db: KlaDb, wsId: string): Promise<WorkspaceSnapshot> {
  const snapshot = await withTexts((await collectSnapshot(db, wsId)).snapshot);
  return { ...snapshot, activity: snapshot.activity.filter((a) => !(a.kind === 'import' && a.at >= CITY.now)).map(({ seq: _s, ...a }) => a) };
}

describe('round trip', () => {
  it('export -> verify -> import gives the same snapshot and the same evidence bytes', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db);
    const { snapshot, bytes, result, closed } = await exportCity(db, ws.id);
    expect(closed).toBe(true);
    expect(result.bytesWritten).toBe(bytes.length);
    // manifest first, readable, with the documented fields
    const manifest = JSON.parse(new TextDecoder().decode(bytes.subarray(30 + 13, 30 + 13 + 4000)).replace(/}\s*PK[\s\S]*$/, '}')) as Manifest;
    expect(manifest).toMatchObject({ format: 'siap-kla-exchange', formatVersion: FORMAT_VERSION, workspace: { id: ws.id, city: 'Kota Serang' }, createdBy: CITY.createdBy, createdAt: CITY.now, encryption: null });
    expect(manifest.parts.filter((p) => p.kind === 'evidence').map((p) => p.sha256).sort()).toEqual(docs.map((d) => d.doc.sha256).sort());

    const report = await verifyExchange(blob(bytes));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.parts.every((p) => p.ok === true)).toBe(true);

    const db2 = freshDb();
    const res = await importExchange(db2, report.exchange!, { as: 'evaluator', now: CITY.now + 1 });
    expect(res).toMatchObject({ ok: true, kind: 'workspace', created: true });
    const back = await comparable(db2, ws.id);
    // the same data; the copy is marked as the evaluator's
    expect(back).toEqual({ ...snapshot, workspace: { ...snapshot.workspace, role: 'evaluator' }, activity: snapshot.activity.map(({ seq: _s, ...a }) => a) });
    for (const d of docs) {
      const b = (await db2.blobs.get(d.doc.id))!.data;
      expect(new Uint8Array(await b.arrayBuffer())).toEqual(d.bytes);
      expect(b.type).toBe(d.doc.mime);
    }
  });

  it('passphrase: round trip through many small chunks; no document name or text in clear', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db);
    const { snapshot, bytes } = await exportCity(db, ws.id, { passphrase: 'Rahasia Serang 2024', chunkSize: 1024 });
    const text = new TextDecoder('latin1').decode(bytes);
    for (const leak of ['Perda KLA 2019', 'SK Gugus Tugas', 'Foto Forum Anak', 'Peraturan Daerah', 'Perda No. 4']) expect(text).not.toContain(leak);
    expect(text).toMatch(/"iterations": 600000/);
    expect(text).toMatch(/"cipher": "AES-256-GCM"/);

    const report = await verifyExchange(blob(bytes), { passphrase: 'Rahasia Serang 2024' });
    expect(report.problems).toEqual([]);
    const db2 = freshDb();
    await importExchange(db2, report.exchange!, { as: 'evaluator', now: CITY.now + 1 });
    expect(await comparable(db2, ws.id)).toEqual({ ...snapshot, workspace: { ...snapshot.workspace, role: 'evaluator' }, activity: snapshot.activity.map(({ seq: _s, ...a }) => a) });
    for (const d of docs) expect(new Uint8Array(await (await db2.blobs.get(d.doc.id))!.data.arrayBuffer())).toEqual(d.bytes);
  });

  it('a sink that fails (disk full, drive pulled) makes the export fail, not report success', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db, { docSize: 200_000 });
    const { snapshot, evidence } = await collectSnapshot(db, ws.id);
    let seen = 0;
    const failing = new WritableStream<Uint8Array>({
      write(c) {
        seen += c.length;
        if (seen > 100_000) throw new Error('ENOSPC: no space left on device');
      },
    });
    await expect(writeExchange(snapshot, evidence, failing, CITY)).rejects.toThrow(/ENOSPC/);
    const missing = await import('../../../src/domain/exchange');
    await expect(writeExchange(snapshot, async () => undefined, memorySink().sink, CITY)).rejects.toBeInstanceOf(missing.ExportError);
  });

  it('evidence above 16 MiB (hashed as a stream) verifies, and a flipped byte in it is caught', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const { addDocument } = await import('./helpers');
    const big = await addDocument(db, ws.id, 'd-big', 'video.mp4', prng(5, 17 * 1024 * 1024 + 3), '', { mime: 'video/mp4' });
    const { bytes } = await exportCity(db, ws.id);
    expect((await verifyExchange(blob(bytes))).problems).toEqual([]);
    const [start] = partRange(bytes, `evidence/${big.doc.sha256}`);
    const bad = await verifyExchange(blob(flip(bytes, start + 17 * 1024 * 1024)));
    expect(bad.problems.map((p) => [p.code, p.part])).toEqual([
      ['hash-mismatch', `evidence/${big.doc.sha256}`],
      ['file-checksum-mismatch', undefined],
    ]);
  });

  it('zip64 records (used above 4 GB) read back the same, encrypted or not', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db);
    for (const passphrase of [undefined, 'zip64 juga']) {
      const { bytes } = await exportCity(db, ws.id, { zip64: true, passphrase });
      expect(indexOfBytes(bytes, new Uint8Array([0x50, 0x4b, 0x06, 0x06]))).toBeGreaterThan(0); // zip64 end record
      const report = await verifyExchange(blob(bytes), { passphrase });
      expect(report.problems).toEqual([]);
      expect(new Uint8Array(await (await report.exchange!.evidence(docs[2].doc.sha256)).arrayBuffer())).toEqual(docs[2].bytes);
    }
  });

  it('evidence of exactly one chunk, an empty file and a file of chunk size + 1 all round-trip encrypted', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const { addDocument } = await import('./helpers');
    await addDocument(db, ws.id, 'd-empty', 'kosong.txt', new Uint8Array(0), '');
    await addDocument(db, ws.id, 'd-1024', 'pas.bin', prng(9, 1024), '');
    await addDocument(db, ws.id, 'd-1025', 'lebih.bin', prng(10, 1025), '');
    const { bytes } = await exportCity(db, ws.id, { passphrase: 'x'.repeat(12), chunkSize: 1024 });
    const report = await verifyExchange(blob(bytes), { passphrase: 'x'.repeat(12) });
    expect(report.problems).toEqual([]);
    for (const [id, size] of [['d-empty', 0], ['d-1024', 1024], ['d-1025', 1025]] as const) {
      const d = report.exchange!.data.documents.find((x) => x.id === id)!;
      expect((await report.exchange!.evidence(d.sha256)).size).toBe(size);
    }
  });
});

describe('carried rules', () => {
  it('rules that no longer load here are a warning, not a refusal; unknown question codes are refused', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const { snapshot, evidence } = await collectSnapshot(db, ws.id);
    const text = '{"id":"kla-2019","note":"an older rules layout"}';
    const hash = await sha256Hex(text);
    const old = { ...snapshot, workspace: { ...snapshot.workspace, rulesHash: hash }, rules: { id: 'kla-2019', hash, text } };
    const m = memorySink();
    await writeExchange(old, evidence, m.sink, CITY);
    const report = await verifyExchange(blob(m.bytes()));
    expect(report.ok).toBe(true);
    expect(report.warnings.map((w) => w.code)).toEqual(['rules-invalid']);
    expect(report.exchange!.rules).toBeNull();

    const m2 = memorySink();
    await writeExchange({ ...snapshot, answers: [...snapshot.answers, { ...snapshot.answers[0], code: '99.9' }] }, evidence, m2.sink, CITY);
    const bad = await expectRefused(m2.bytes(), 'data-inconsistent');
    expect(bad.problems[0].params).toEqual({ table: 'answers', code: '99.9' });
  });
});

describe('refusals change nothing', () => {
  it('a truncated file (cut anywhere)', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const { bytes } = await exportCity(db, ws.id);
    for (const keep of [bytes.length >> 1, bytes.length - 1, bytes.length - 100, bytes.length - COMMENT_LENGTH - 30, 200]) {
      await expectRefused(bytes.subarray(0, keep), 'truncated');
    }
  });

  it('one flipped byte in an evidence part: hash-mismatch naming the part', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db);
    const { bytes } = await exportCity(db, ws.id);
    const path = `evidence/${docs[1].doc.sha256}`;
    const [start] = partRange(bytes, path);
    const report = await expectRefused(flip(bytes, start + 100), 'hash-mismatch');
    expect(report.problems.find((p) => p.code === 'hash-mismatch')).toMatchObject({ part: path, params: { part: path } });
    expect(codes(report)).toContain('file-checksum-mismatch');
    expect(report.parts.find((p) => p.path === path)!.ok).toBe(false);
    // even when the file checksum is recomputed, the part hash catches it
    const resealed = await expectRefused(await reseal(flip(bytes, start + 100)), 'hash-mismatch');
    expect(codes(resealed)).toEqual(['hash-mismatch']);
  });

  it('one flipped byte in a compressed JSON part', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const { bytes } = await exportCity(db, ws.id);
    const [start] = partRange(bytes, 'data/workspace.json');
    const report = await expectRefused(flip(bytes, start + 50), 'hash-mismatch');
    expect(report.problems.find((p) => p.code === 'hash-mismatch')!.part).toBe('data/workspace.json');
  });

  it('one flipped byte in the manifest', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const { bytes } = await exportCity(db, ws.id);
    const at = indexOfBytes(bytes, new TextEncoder().encode('Kota Serang'));
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(1000);
    const report = await expectRefused(flip(bytes, at + 2), 'hash-mismatch');
    expect(report.problems[0]).toMatchObject({ code: 'hash-mismatch', part: 'manifest.json' });
  });

  it('one flipped byte in the central directory (a field no reader checks) or a local header', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db);
    const { bytes } = await exportCity(db, ws.id);
    const cd = centralRecord(bytes, `evidence/${docs[0].doc.sha256}`);
    // last-modified time (offset 12) of the central record: only the file checksum can see it
    expect(codes(await expectRefused(flip(bytes, cd + 12), 'file-checksum-mismatch'))).toEqual(['file-checksum-mismatch']);
    // its file name: the part goes missing
    await expectRefused(flip(bytes, cd + 46 + 12), 'part-missing');
    // a local header's time field
    expect(codes(await expectRefused(flip(bytes, 10), 'file-checksum-mismatch'))).toEqual(['file-checksum-mismatch']);
    // the end-of-central-directory record and the checksum comment itself
    // (zip.js tolerates a shifted directory offset; the checksum does not)
    await expectRefused(flip(bytes, bytes.length - COMMENT_LENGTH - 5), 'file-checksum-mismatch');
    expect(codes(await expectRefused(flip(bytes, bytes.length - 3), 'file-checksum-mismatch'))).toEqual(['file-checksum-mismatch']);
  });

  it('every single flipped byte of a whole (small) file is refused', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    await db.reviews.put({ workspaceId: ws.id, code: '1.1', verdict: 'perlu-perbaikan', note: 'Lampirkan Perda', points: 10, markForReview: false, reviewer: 'Tim Independen', updatedAt: 5 });
    const { collectResponse } = await import('../../../src/db/exchange');
    const m = memorySink();
    await writeExchange(await collectResponse(db, ws.id, 7), null, m.sink, { createdBy: { name: 'Tim Independen', role: 'evaluator' }, appVersion: '0.1.0', now: 8 });
    const bytes = m.bytes();
    expect((await verifyExchange(blob(bytes))).ok).toBe(true);
    const accepted: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      if ((await verifyExchange(blob(flip(bytes, i)))).ok) accepted.push(i);
    }
    expect(accepted).toEqual([]);
  }, 120_000);

  it('a wrong passphrase fails fast; no passphrase is asked for; a changed chunk fails authentication', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db);
    const { bytes } = await exportCity(db, ws.id, { passphrase: 'benar sekali', chunkSize: 1024 });
    const wrong = await expectRefused(bytes, 'wrong-passphrase', { passphrase: 'salah' });
    expect(codes(wrong)).toEqual(['wrong-passphrase']);
    expect(codes(await expectRefused(bytes, 'passphrase-required'))).toEqual(['passphrase-required']);
    // the right passphrase, one ciphertext byte changed and the checksum recomputed: GCM catches it
    // a sealed file names its evidence by a keyed hash: take the largest part, which is evidence
    const ok = await verifyExchange(blob(bytes), { passphrase: 'benar sekali' });
    const part = ok.exchange!.manifest.parts.filter((p) => p.kind === 'evidence').sort((a, b) => b.size - a.size)[0].path;
    expect(part).not.toContain(docs[0].doc.sha256);
    const [start] = partRange(bytes, part);
    const r = await expectRefused(await reseal(flip(bytes, start + 1500)), 'decrypt-failed', { passphrase: 'benar sekali' });
    expect(r.problems.find((p) => p.code === 'decrypt-failed')!.part).toBe(part);
    // two chunks swapped: reordering is detected too
    const swapped = bytes.slice();
    swapped.set(bytes.subarray(start, start + 1040), start + 1040);
    swapped.set(bytes.subarray(start + 1040, start + 2080), start);
    expect(codes(await expectRefused(await reseal(swapped), 'decrypt-failed', { passphrase: 'benar sekali' }))).toEqual(['decrypt-failed']);
  });

  it('a newer format version is refused before anything else is read', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const { snapshot } = await collectSnapshot(db, ws.id);
    const m = memorySink();
    const data = new TextEncoder().encode(JSON.stringify({ workspace: snapshot.workspace, whatever: 'v2' }));
    const manifest = {
      format: 'siap-kla-exchange',
      formatVersion: FORMAT_VERSION + 1,
      workspace: { id: ws.id },
      parts: [{ path: 'data/workspace.json', kind: 'data', size: data.length, sha256: await sha256Hex(data), encoding: 'identity', storedSize: data.length }],
    };
    await writeZip(manifest, [{ part: manifest.parts[0] as never, bytes: data }], m.sink, 1);
    const report = await expectRefused(m.bytes(), 'newer-format-version');
    expect(report.problems).toEqual([expect.objectContaining({ code: 'newer-format-version', params: { version: FORMAT_VERSION + 1, supported: FORMAT_VERSION } })]);
  });

  it('a foreign zip, a PDF and an empty file are not exchange files', async () => {
    const chunks: Uint8Array[] = [];
    const zw = new ZipWriter(new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) }), { useWebWorkers: false });
    await zw.add('[Content_Types].xml', new TextReader('<Types/>'));
    await zw.add('word/document.xml', new TextReader('<w:document/>'));
    await zw.close();
    const docx = new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
    await expectRefused(docx, 'not-exchange-file');
    await expectRefused(new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF'), 'not-exchange-file');
    // an empty file is said to be empty (a copy that did not finish), not a stranger's file
    await expectRefused(new Uint8Array(0), 'empty-file');
    // a zip with a manifest.json of someone else's format
    const c2: Uint8Array[] = [];
    const zw2 = new ZipWriter(new WritableStream<Uint8Array>({ write: (c) => void c2.push(c.slice()) }), { useWebWorkers: false, level: 0 });
    await zw2.add('manifest.json', new TextReader('{"format":"other-app","version":3}'));
    await zw2.close();
    await expectRefused(new Uint8Array(await new Blob(c2 as BlobPart[]).arrayBuffer()), 'not-exchange-file');
  });
});

describe('older format versions are migrated', () => {
  /** A version-0 file, laid out as the pre-release writer did (see migrations.ts). */
  async function version0File(ws: { id: string }, evidence: Uint8Array, opts: { badHash?: boolean } = {}) {
    const sha = await sha256Hex(evidence);
    const data = {
      workspace: { id: ws.id, city: 'Kota Lama', province: 'Banten', year: 2024, rulesId: 'kla-2024', rulesHash: 'r0', stage: 'verifikasi-lapangan', createdAt: 1, updatedAt: 2 },
      answers: { '1.1': { points: 12, status: 'ready', notes: 'Perda 2019' }, '2.1': { points: 3.5, status: 'in-progress' } },
      documents: [{ id: 'old-doc', sha256: sha, name: 'lama.pdf', mime: 'application/pdf', kind: 'pdf', size: evidence.length, addedAt: 3 }],
      links: [{ id: 'old-link', documentId: 'old-doc', code: '1.1', createdAt: 4 }],
    };
    const dataBytes = new TextEncoder().encode(JSON.stringify(data));
    const manifest = {
      format: 'siap-kla-exchange',
      version: 0,
      workspaceId: ws.id,
      city: 'Kota Lama',
      year: 2024,
      rulesId: 'kla-2024',
      rulesHash: 'r0',
      author: 'Budi',
      role: 'city',
      created: 10,
      app: '0.0.9',
      files: [
        { name: 'data.json', bytes: dataBytes.length, sha256: opts.badHash ? '0'.repeat(64) : await sha256Hex(dataBytes) },
        { name: `evidence/${sha}`, bytes: evidence.length, sha256: sha },
      ],
    };
    const chunks: Uint8Array[] = [];
    const zw = new ZipWriter(new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) }), { useWebWorkers: false, level: 0 });
    await zw.add('manifest.json', new TextReader(JSON.stringify(manifest)));
    await zw.add('data.json', new Uint8ArrayReader(dataBytes));
    await zw.add(`evidence/${sha}`, new BlobReader(blob(evidence)));
    await zw.close();
    return new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
  }

  it('a version-0 file (answers as a map, flat manifest, no checksum) verifies, migrates and imports', async () => {
    expect(Object.keys(MIGRATIONS)).toContain('0');
    const evidence = prng(42, 2048);
    const bytes = await version0File({ id: 'ws-old' }, evidence);
    const report = await verifyExchange(blob(bytes));
    expect(report.problems).toEqual([]);
    expect(report.format).toMatchObject({ version: 0, migratedFrom: 0, createdBy: { name: 'Budi', role: 'city' } });
    const ex = report.exchange!;
    expect(ex.manifest.formatVersion).toBe(FORMAT_VERSION);
    expect(ex.data.answers).toEqual([
      { workspaceId: 'ws-old', code: '1.1', points: 12, status: 'ready', notes: 'Perda 2019', dataValues: {}, updatedAt: 10 },
      { workspaceId: 'ws-old', code: '2.1', points: 3.5, status: 'in-progress', notes: '', dataValues: {}, updatedAt: 10 },
    ]);
    expect(ex.data.workspace.revisionHours).toBe(48);
    const db = freshDb();
    const res = await importExchange(db, ex, { as: 'evaluator', now: 20 });
    expect(res).toMatchObject({ ok: true, created: true });
    expect((await db.answers.get(['ws-old', '1.1']))?.notes).toBe('Perda 2019');
    expect(new Uint8Array(await (await db.blobs.get('old-doc'))!.data.arrayBuffer())).toEqual(evidence);
  });

  it('a version-0 file still has its part hashes checked', async () => {
    const report = await expectRefused(await version0File({ id: 'ws-old' }, prng(1, 100), { badHash: true }), 'hash-mismatch');
    expect(report.problems[0].part).toBe('data.json');
  });
});
