/** Shared set-up for the exchange tests: databases, in-memory sinks, a city workspace with evidence. */
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { KlaDb } from '../../../src/db/schema';
import { createWorkspace, updateAnswer } from '../../../src/db/queries';
import { demoAnswers } from '../../../src/domain/demo';
import type { EvidenceDoc, EvidenceLink, EvidenceText } from '../../../src/domain/model';
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
