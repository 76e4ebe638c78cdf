// @vitest-environment node
/**
 * The zip layer written by the app (zipWriter.ts): evidence handed over by reference gives the
 * same file as evidence written as bytes; Info-ZIP's `unzip -t` accepts what it writes, with and
 * without zip64 and a passphrase; evidence whose bytes changed in the database stops the export.
 */
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../../src/db/exchange';
import { ExportError, verifyExchange, writeExchange } from '../../../src/domain/exchange';
import { addDocument, cityWorkspace, freshDb, memorySink, prng } from './helpers';

const OPTIONS = { createdBy: { name: 'DP3AKB', role: 'city' as const }, appVersion: 't', now: 1_700_000_500_000, exportId: 'e-1' };

/** A sink that takes Blobs (as exchangeIo's does), assembled into one Blob. */
function blobSink() {
  const parts: (Blob | Uint8Array)[] = [];
  const sink = new WritableStream<Uint8Array | Blob>({ write: (c) => void parts.push(c instanceof Blob ? c : c.slice()) });
  return { sink: sink as WritableStream<Uint8Array>, parts, file: () => new Blob(parts as BlobPart[]) };
}

async function exportBoth(db: ReturnType<typeof freshDb>, wsId: string, extra: { zip64?: boolean; passphrase?: string } = {}) {
  const a = await collectSnapshot(db, wsId);
  const bytesSink = memorySink();
  const r1 = await writeExchange(a.snapshot, a.evidence, bytesSink.sink, { ...OPTIONS, ...extra });
  const b = await collectSnapshot(db, wsId);
  const blobs = blobSink();
  const r2 = await writeExchange(b.snapshot, b.evidence, blobs.sink, { ...OPTIONS, ...extra, sinkTakesBlobs: true });
  return { bytes: bytesSink.bytes(), blobs, r1, r2 };
}

function unzipTest(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kla-zip-'));
  const file = join(dir, 'x.kla');
  writeFileSync(file, bytes);
  return execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
}

describe('the zip writer', () => {
  it('writes evidence by reference into the same bytes, and the file verifies', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db, { docSize: 200_000 });
    const { bytes, blobs, r1, r2 } = await exportBoth(db, ws.id);
    const file = new Uint8Array(await blobs.file().arrayBuffer());
    expect(file).toEqual(bytes);
    expect(r2.fileDigest).toBe(r1.fileDigest);
    expect(r2.bytesWritten).toBe(bytes.length);
    // the evidence went to the sink as Blobs, not copied through the page
    expect(blobs.parts.filter((p) => p instanceof Blob)).toHaveLength(docs.length + 1); // + the texts part
    const report = await verifyExchange(blobs.file());
    expect(report.problems).toEqual([]);
  });

  it('is accepted by `unzip -t`: plain, zip64, and with a passphrase', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    for (const extra of [{}, { zip64: true }, { passphrase: 'rahasia kota' }, { zip64: true, passphrase: 'rahasia kota' }]) {
      const { bytes, blobs } = await exportBoth(db, ws.id, extra);
      expect(unzipTest(bytes)).toMatch(/No errors detected/);
      const byReference = new Uint8Array(await blobs.file().arrayBuffer());
      // a passphrase draws a fresh salt each time: the two files differ, both must be whole
      if (!extra.passphrase) expect(byReference).toEqual(bytes);
      else expect(unzipTest(byReference)).toMatch(/No errors detected/);
      for (const file of [bytes, byReference]) expect((await verifyExchange(new Blob([file as BlobPart]), { passphrase: extra.passphrase })).problems).toEqual([]);
    }
  });

  it('checks a file written here without reading its evidence again, and still catches the rest', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db, { docSize: 50_000 });
    const { blobs, r2 } = await exportBoth(db, ws.id);
    const writtenHere = { fileDigest: r2.fileDigest };
    const checked = await verifyExchange(blobs.file(), { writtenHere });
    expect(checked.problems).toEqual([]);
    // the exchange it gives still hands out each evidence file
    expect(new Uint8Array(await (await checked.exchange!.evidence(docs[1].doc.sha256)).arrayBuffer())).toEqual(docs[1].bytes);
    // the evidence bytes are not read again: zeros in their place pass this check (and only this one)
    const zeroed = new Blob(blobs.parts.map((p) => (p instanceof Blob && p.size > 40_000 ? new Blob([new Uint8Array(p.size)]) : p)) as BlobPart[]);
    expect((await verifyExchange(zeroed, { writtenHere })).problems).toEqual([]);
    expect((await verifyExchange(zeroed)).ok).toBe(false);
    // a digest that is not the writer's, or a changed byte in the data part, is refused
    expect((await verifyExchange(blobs.file(), { writtenHere: { fileDigest: '0'.repeat(64) } })).problems.map((p) => p.code)).toContain('file-checksum-mismatch');
    const bytes = new Uint8Array(await blobs.file().arrayBuffer());
    const dataAt = new TextDecoder('latin1').decode(bytes).indexOf('data/workspace.json') + 'data/workspace.json'.length + 40;
    const flipped = bytes.slice();
    flipped[dataAt] ^= 1;
    expect((await verifyExchange(new Blob([flipped as BlobPart]), { writtenHere })).ok).toBe(false);
  });

  it('a file written here: its texts part is hashed, not decoded again; a changed byte there is still caught', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db);
    const { blobs, r2 } = await exportBoth(db, ws.id);
    // the writer says which rows it wrote (each stored text of the workspace)
    expect({ ...r2.texts, ids: [...r2.texts!.ids].sort() }).toEqual({ ids: (await db.texts.toArray()).map((t) => t.id).sort(), foreign: 0 });
    expect(r2.texts!.ids.length).toBeGreaterThan(1);
    const writtenHere = { fileDigest: r2.fileDigest, texts: r2.texts };
    expect((await verifyExchange(blobs.file(), { writtenHere })).problems).toEqual([]);
    // the cross-checks run on the writer's word: a row it says it wrote for no document is named
    const ghost = await verifyExchange(blobs.file(), { writtenHere: { ...writtenHere, texts: { ids: [...r2.texts!.ids, 'doc-hantu'], foreign: 0 } } });
    expect(ghost.problems.map((p) => p.message).join(' ')).toContain('doc-hantu');
    // a changed byte inside the texts part's stored bytes fails the check all the same
    const textsBlob = blobs.parts.find((p): p is Blob => p instanceof Blob && !docs.some((d) => d.bytes.length === p.size))!;
    const changed = new Uint8Array(await textsBlob.arrayBuffer());
    changed[Math.floor(changed.length / 2)] ^= 0xff;
    const damaged = new Blob(blobs.parts.map((p) => (p === textsBlob ? new Blob([changed]) : p)) as BlobPart[]);
    expect((await verifyExchange(damaged, { writtenHere })).ok).toBe(false);
  });

  it('finds the local headers of many entries read ahead, and names a damaged one far down the file', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    for (let i = 0; i < 60; i++) await addDocument(db, ws.id, `doc-${i}`, `Laporan ${i}.pdf`, prng(100 + i, 1500 + i * 37), `laporan kegiatan ${i}`);
    const { bytes, blobs, r2 } = await exportBoth(db, ws.id);
    expect((await verifyExchange(blobs.file())).problems).toEqual([]);
    expect((await verifyExchange(blobs.file(), { writtenHere: { fileDigest: r2.fileDigest, texts: r2.texts } })).problems).toEqual([]);
    // the 50th local header's name, changed: the central directory still names it
    const at: number[] = [];
    for (let i = 0; i + 4 <= bytes.length && at.length < 50; i++) if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 3 && bytes[i + 3] === 4) at.push(i);
    const name = new TextDecoder().decode(bytes.subarray(at[49] + 30, at[49] + 30 + 'evidence/'.length + 64));
    const damaged = bytes.slice();
    damaged[at[49] + 30 + 12] ^= 1;
    const report = await verifyExchange(new Blob([damaged as BlobPart]));
    expect(report.problems).toEqual([expect.objectContaining({ code: 'corrupt-zip', params: { part: name } })]);
  });

  it('a document missing before anything is written aborts the sink (no empty file is left)', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db);
    await db.blobs.delete(docs[0].doc.id);
    let aborted: unknown = null;
    const sink = new WritableStream<Uint8Array>({ abort: (r) => void (aborted = r) });
    const { snapshot, evidence } = await collectSnapshot(db, ws.id);
    const err = await writeExchange(snapshot, evidence, sink, OPTIONS).catch((e) => e);
    expect(err).toMatchObject({ code: 'evidence-missing', params: { name: docs[0].doc.name } });
    expect(aborted).toBe(err);
  });

  it('stops with the document named when its stored bytes no longer match their SHA-256', async () => {
    const db = freshDb();
    const { ws, docs } = await cityWorkspace(db);
    const bytes = docs[1].bytes.slice();
    bytes[10] ^= 1;
    await db.blobs.put({ id: docs[1].doc.id, data: new Blob([bytes as BlobPart]) });
    for (const sinkTakesBlobs of [false, true]) {
      const { snapshot, evidence } = await collectSnapshot(db, ws.id);
      const err = await writeExchange(snapshot, evidence, blobSink().sink, { ...OPTIONS, sinkTakesBlobs }).catch((e) => e);
      expect(err).toBeInstanceOf(ExportError);
      expect(err).toMatchObject({ code: 'evidence-changed', params: { name: docs[1].doc.name } });
    }
  });
});
