/**
 * City files (.kla) for browser tests, written in Node by the app's own code (src/db on
 * fake-indexeddb, src/domain/exchange), so a test can hand a browser real, verifiable files
 * without first building them through the screens.
 */
import 'fake-indexeddb/auto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectAgencyPack } from '../../src/db/agencyPack';
import { collectResponse, collectSnapshot } from '../../src/db/exchange';
import { linkDocument, linkSuggested, storeDocument } from '../../src/db/evidence';
import { createWorkspace, updateAnswer } from '../../src/db/queries';
import { KlaDb } from '../../src/db/schema';
import { writeExchange, type EvidenceSource, type WorkspaceSnapshot } from '../../src/domain/exchange';
import { parseRulesText, sha256Hex, type Rules } from '../../src/domain/rules/load';

let rules: Rules | undefined;
export async function rules2024(): Promise<Rules> {
  if (rules) return rules;
  const text = readFileSync('scoring-rules/kla-2024.json', 'utf8');
  const r = parseRulesText(text, await sha256Hex(text));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return (rules = r.rules);
}

/** A whole city workspace with the given points (question code -> points), written to `path` (protected with `passphrase` if given). */
export async function writeCityFile(path: string, city: string, province: string, points: Record<string, number>, passphrase?: string): Promise<void> {
  await withCity(city, province, async (db, wsId) => {
    const r = await rules2024();
    for (const [code, p] of Object.entries(points)) await updateAnswer(db, r, wsId, code, { points: p });
    const { snapshot, evidence } = await collectSnapshot(db, wsId);
    writeFileSync(path, await fileOf(snapshot, evidence, 'city', passphrase));
  });
}

/**
 * The files that travel around one city workspace, written to `dir`: the city's own file, its
 * evaluator's response (a note asking for work on each code of `notes`), and its pack for
 * `agency`. Each path is returned.
 */
export async function writeCityExchange(dir: string, city: string, notes: Record<string, string>, agency: { id: string; name: string }): Promise<{ cityFile: string; response: string; pack: string }> {
  const paths = { cityFile: join(dir, 'kota.kla'), response: join(dir, 'tanggapan-evaluator.kla'), pack: join(dir, `paket-${agency.id}.kla`) };
  await withCity(city, 'Banten', async (db, wsId) => {
    const { snapshot, evidence } = await collectSnapshot(db, wsId);
    writeFileSync(paths.cityFile, await fileOf(snapshot, evidence, 'city'));
    writeFileSync(paths.pack, await fileOf(await collectAgencyPack(db, wsId, agency), null, 'city'));
    for (const [code, note] of Object.entries(notes)) await db.reviews.put({ workspaceId: wsId, code, verdict: 'perlu-perbaikan', note, points: null, markForReview: false, reviewer: 'Pak Dedi', updatedAt: Date.now() });
    writeFileSync(paths.response, await fileOf(await collectResponse(db, wsId), null, 'evaluator'));
  });
  return paths;
}

/** A city workspace holding read documents (name -> lines of text) and no answers, written to `path`. */
/** `links`: documents (by name) linked to questions, as an officer links them or from the app's suggestion (`suggested`). */
export async function writeCityFileWithDocuments(path: string, city: string, docs: Record<string, string[]>, links: { doc: string; code: string; suggested?: boolean }[] = []): Promise<void> {
  await withCity(city, 'Banten', async (db, wsId) => {
    const ids = new Map<string, string>();
    for (const [name, lines] of Object.entries(docs)) {
      const text = lines.join('\n');
      const out = await storeDocument(db, wsId, name, new Blob([text]), { sha256: await sha256Hex(text), kind: 'pdf', mime: 'application/pdf', size: text.length, pages: 1, text, pageTexts: [text], readState: 'done' });
      ids.set(name, out.doc.id);
    }
    for (const l of links) {
      if (l.suggested) await linkSuggested(db, wsId, [{ documentId: ids.get(l.doc)!, code: l.code }]);
      else await linkDocument(db, wsId, ids.get(l.doc)!, l.code);
    }
    const { snapshot, evidence } = await collectSnapshot(db, wsId);
    writeFileSync(path, await fileOf(snapshot, evidence, 'city'));
  });
}

async function withCity(city: string, province: string, work: (db: KlaDb, wsId: string) => Promise<void>): Promise<void> {
  const db = new KlaDb(`city-file-${Math.random()}`);
  try {
    const ws = await createWorkspace(db, { city, province, rules: await rules2024(), rulesText: readFileSync('scoring-rules/kla-2024.json', 'utf8') });
    await work(db, ws.id);
  } finally {
    await db.delete();
  }
}

async function fileOf(snapshot: WorkspaceSnapshot, evidence: EvidenceSource | null, role: 'city' | 'evaluator', passphrase?: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const sink = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c) });
  await writeExchange(snapshot, evidence, sink, { createdBy: { name: role === 'city' ? 'DP3AKB' : 'Pak Dedi', role }, appVersion: 'e2e', passphrase });
  return Buffer.concat(chunks);
}
