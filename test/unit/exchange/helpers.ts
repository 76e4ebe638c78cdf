/** Shared set-up for the exchange tests: databases, in-memory sinks, a city workspace with evidence. */
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { KlaDb } from '../../../src/db/schema';
import { createWorkspace, updateAnswer } from '../../../src/db/queries';
import { demoAnswers } from '../../../src/domain/demo';
import type { EvidenceDoc, EvidenceLink, EvidenceText } from '../../../src/domain/model';
import { Uint8ArrayReader, Uint8ArrayWriter, TextWriter, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { COMMENT_LENGTH, writeZip, type Manifest, type PartSource, type WorkspaceSnapshot } from '../../../src/domain/exchange';
import { BlockDigest, checksumComment } from '../../../src/domain/exchange/checksum';
import { sha256Hex } from '../../../src/domain/rules/load';
import { parseRulesText, type Rules } from '../../../src/domain/rules/load';
import { rulesText } from '../helpers';

/** The 2024 rules with their real hash (the exchange file checks the carried rules against it). */
export const rules: Rules = await (async () => {
  const text = rulesText();
  const r = parseRulesText(text, await sha256Hex(text));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.rules;
})();

/** demoAnswers, with points capped at each question's maximum (demo.ts rounds 3.2 up to 3.25). */
export const validDemoAnswers = (workspaceId: string, now: number) =>
  demoAnswers(rules, workspaceId, now).map((a) => ({ ...a, points: a.points === null ? null : Math.min(a.points, rules.questionByCode.get(a.code)!.maxPoints) }));

let n = 0;
const dbs: KlaDb[] = [];
export const freshDb = (): KlaDb => {
  const db = new KlaDb(`exchange-${n++}-${Math.random()}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** A WritableStream collecting bytes in memory. */
export function memorySink() {
  const chunks: Uint8Array[] = [];
  let closed = false;
  const sink = new WritableStream<Uint8Array>({
    write(c) {
      chunks.push(c.slice());
    },
    close() {
      closed = true;
    },
  });
  return {
    sink,
    get closed() {
      return closed;
    },
    bytes(): Uint8Array {
      const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
      let o = 0;
      for (const c of chunks) (out.set(c, o), (o += c.length));
      return out;
    },
  };
}

/** Deterministic pseudo-random bytes. */
export function prng(seed: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export interface AddedDoc {
  doc: EvidenceDoc;
  bytes: Uint8Array;
}

/** Put one evidence document (row, blob, text) straight into the tables, like the evidence feature does. */
export async function addDocument(db: KlaDb, workspaceId: string, id: string, name: string, bytes: Uint8Array, text: string, extra: Partial<EvidenceDoc> = {}): Promise<AddedDoc> {
  const sha256 = await sha256Hex(bytes);
  const doc: EvidenceDoc = { id, workspaceId, sha256, name, mime: 'application/pdf', kind: 'pdf', size: bytes.length, pages: 1, addedAt: 1000, readState: 'done', textLength: text.length, title: name, ...extra };
  await db.documents.put(doc);
  await db.blobs.put({ id, data: new Blob([bytes as BlobPart], { type: doc.mime }) });
  const t: EvidenceText = { id, workspaceId, text, pages: [text] };
  await db.texts.put(t);
  return { doc, bytes };
}

export async function link(db: KlaDb, workspaceId: string, id: string, documentId: string, code: string, page?: number): Promise<EvidenceLink> {
  const l: EvidenceLink = { id, workspaceId, documentId, code, createdAt: 2000, ...(page ? { page } : {}) };
  await db.links.put(l);
  return l;
}

/** A city workspace: demo answers, a logged edit, an assignment, three documents with links. */
export async function cityWorkspace(db: KlaDb, opts: { docSize?: number } = {}) {
  const ws = await createWorkspace(db, { city: 'Kota Serang', province: 'Banten', rules, rulesText: rulesText(), now: 1_700_000_000_000 });
  await db.answers.bulkPut(validDemoAnswers(ws.id, 1_700_000_000_000));
  await updateAnswer(db, rules, ws.id, '1.1', { points: 12, notes: 'Perda No. 4 Tahun 2019 tentang KLA' }, 1_700_000_100_000);
  await db.assignments.put({ workspaceId: ws.id, code: '1.1', agencies: ['bappeda'], updatedAt: 5 });
  const size = opts.docSize ?? 3000;
  const docs = [
    await addDocument(db, ws.id, 'doc-perda', 'Perda KLA 2019.pdf', prng(1, size), 'Peraturan Daerah tentang Kota Layak Anak'),
    await addDocument(db, ws.id, 'doc-sk', 'SK Gugus Tugas.pdf', prng(2, size + 17), 'Surat Keputusan Gugus Tugas KLA'),
    await addDocument(db, ws.id, 'doc-foto', 'Foto Forum Anak.jpg', prng(3, size * 2), '', { mime: 'image/jpeg', kind: 'image', readState: 'no-text' }),
  ];
  await link(db, ws.id, 'l1', 'doc-perda', '1.1', 2);
  await link(db, ws.id, 'l2', 'doc-sk', '2.1');
  await link(db, ws.id, 'l3', 'doc-foto', '6.1');
  await db.flagDismissals.put({ id: `${ws.id}|doc-foto|6.1`, workspaceId: ws.id, documentId: 'doc-foto', code: '6.1', reason: 'benar', at: 3 });
  return { ws, docs };
}

/** Every table of the database, blobs as their SHA-256: to prove an import changed nothing. */
export async function dumpDb(db: KlaDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) {
    const rows = await t.toArray();
    if (t.name === 'blobs') {
      out[t.name] = await Promise.all(rows.map(async (r: { id: string; data: Blob }) => ({ id: r.id, sha: await sha256Hex(new Uint8Array(await r.data.arrayBuffer())) })));
    } else out[t.name] = rows;
  }
  return out;
}

/** The snapshot with its texts read out of `textSource` into `texts` (sorted by id), comparable with toEqual. */
export async function withTexts(s: WorkspaceSnapshot): Promise<WorkspaceSnapshot> {
  const { textSource: _src, ...rest } = s;
  const texts = [...s.texts];
  if (s.textSource) for await (const b of s.textSource()) texts.push(...b);
  texts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...rest, texts };
}

/**
 * Rebuild an exchange file as someone editing it on purpose would: every part's stored bytes are
 * taken as they are, `edit` changes the manifest and the parts, and the zip and its checksum are
 * written anew (so only the checks that do not rely on the checksum can catch the edit).
 */
export async function rebuildFile(bytes: Uint8Array, edit: (manifest: Manifest, sources: PartSource[]) => void | Promise<void>): Promise<Uint8Array> {
  const zr = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
  const entries = (await zr.getEntries()).filter((e): e is FileEntry => !e.directory);
  const manifest = JSON.parse(await entries[0].getData(new TextWriter())) as Manifest;
  const sources: PartSource[] = [];
  for (const part of manifest.parts) {
    const e = entries.find((x) => x.filename === part.path)!;
    const raw = await e.getData(new Uint8ArrayWriter(), { passThrough: true });
    sources.push(e.compressionMethod === 8 ? { part, bytes: raw, deflated: { crc32: e.signature ?? 0 } } : { part, bytes: raw });
  }
  await zr.close();
  await edit(manifest, sources);
  manifest.parts = sources.map((s) => s.part);
  const m = memorySink();
  await writeZip(manifest, sources, m.sink, manifest.createdAt);
  return m.bytes();
}

/** Recompute the checksum comment, as someone who edits the file on purpose would. */
export async function reseal(b: Uint8Array): Promise<Uint8Array> {
  const body = b.subarray(0, b.length - COMMENT_LENGTH);
  const d = new BlockDigest();
  await d.update(body);
  const old = new TextDecoder().decode(b.subarray(b.length - COMMENT_LENGTH));
  const manifestSha = /manifest=([0-9a-f]{64})/.exec(old)![1];
  const out = b.slice();
  out.set(checksumComment(manifestSha, await d.hex()), b.length - COMMENT_LENGTH);
  return out;
}
