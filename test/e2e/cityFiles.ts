/**
 * City files (.kla) for browser tests, written in Node by the app's own code (src/db on
 * fake-indexeddb, src/domain/exchange), so a test can hand a browser real, verifiable files
 * without first building them through the screens.
 */
import 'fake-indexeddb/auto';
import { readFileSync, writeFileSync } from 'node:fs';
import { collectSnapshot } from '../../src/db/exchange';
import { createWorkspace, updateAnswer } from '../../src/db/queries';
import { KlaDb } from '../../src/db/schema';
import { writeExchange } from '../../src/domain/exchange';
import { parseRulesText, sha256Hex, type Rules } from '../../src/domain/rules/load';

let rules: Rules | undefined;
export async function rules2024(): Promise<Rules> {
  if (rules) return rules;
  const text = readFileSync('scoring-rules/kla-2024.json', 'utf8');
  const r = parseRulesText(text, await sha256Hex(text));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return (rules = r.rules);
}

/** A whole city workspace with the given points (question code -> points), written to `path`. */
export async function writeCityFile(path: string, city: string, province: string, points: Record<string, number>): Promise<void> {
  const r = await rules2024();
  const db = new KlaDb(`city-file-${Math.random()}`);
  try {
    const ws = await createWorkspace(db, { city, province, rules: r, rulesText: readFileSync('scoring-rules/kla-2024.json', 'utf8') });
    for (const [code, p] of Object.entries(points)) await updateAnswer(db, r, ws.id, code, { points: p });
    const { snapshot, evidence } = await collectSnapshot(db, ws.id);
    const chunks: Uint8Array[] = [];
    const sink = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c) });
    await writeExchange(snapshot, evidence, sink, { createdBy: { name: 'DP3AKB', role: 'city' }, appVersion: 'e2e' });
    writeFileSync(path, Buffer.concat(chunks));
  } finally {
    await db.delete();
  }
}
