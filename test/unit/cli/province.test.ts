// @vitest-environment node
/** kla province: a folder of .kla files side by side, scored like the app. */
import 'fake-indexeddb/auto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/kla';
import { collectSnapshot } from '../../../src/db/exchange';
import { updateAnswer } from '../../../src/db/queries';
import { writeExchange } from '../../../src/domain/exchange';
import { cityWorkspace, freshDb, memorySink } from '../exchange/helpers';
import { loadRules2024 } from '../helpers';

const rules = loadRules2024();

async function cityFile(dir: string, name: string, city: string, extraPoints: number) {
  const db = freshDb();
  const { ws } = await cityWorkspace(db);
  await db.workspaces.update(ws.id, { city });
  await updateAnswer(db, rules, ws.id, '2.1', { points: extraPoints });
  const { snapshot, evidence } = await collectSnapshot(db, ws.id);
  const m = memorySink();
  await writeExchange(snapshot, evidence, m.sink, { createdBy: { name: 'DP3AKB', role: 'city' }, appVersion: 'test' });
  writeFileSync(join(dir, name), m.bytes());
}

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kla province', () => {
  it('puts every city of a folder side by side, highest score first, and names a file it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kla-prov-'));
    await cityFile(dir, 'a.kla', 'Kota Serang', 1);
    await cityFile(dir, 'b.kla', 'Kota Cilegon', 3);
    writeFileSync(join(dir, 'rusak.kla'), 'bukan berkas kla');
    const r = await run('province', dir, '--json');
    expect(r.code).toBe(1); // one file refused
    expect(r.err).toContain('rusak.kla');
    const rows = JSON.parse(r.out) as { city: string; total: number; band: { id: string }; groups: unknown[]; missingEvidence: { questions: number } }[];
    expect(rows.map((x) => x.city)).toEqual(['Kota Cilegon 2024', 'Kota Serang 2024']);
    expect(rows[0].total - rows[1].total).toBe(2);
    expect(rows[0].groups).toHaveLength(7);
    // three questions have a document linked (1.1, 2.1, 6.1)
    expect(rows[0].missingEvidence.questions).toBe(rules.questionByCode.size - 3);
    const table = await run('province', dir);
    expect(table.out.split('\n')[1]).toMatch(/^Kota Cilegon\s/);
  });
});
