// @vitest-environment node
/**
 * The flags' engine (src/db/flagsEngine.ts), which runs in the search worker: computations run one
 * after another, so a document forgotten while an earlier computation reads it is read afresh by
 * the next, and the old reading is not kept.
 */
import { describe, expect, it } from 'vitest';
import { FlagsEngine } from '../../../src/db/flagsEngine';
import type { KlaDb } from '../../../src/db/schema';
import { classify, compileModel } from '../../../src/domain/classifier';
import type { Classification } from '../../../src/domain/classifier/classify';
import type { EvidenceLink } from '../../../src/domain/model';
import { AKTA, SRA } from '../../fixtures/evidence/topics';
import { loadRules2024 } from '../helpers';

const rules = loadRules2024();
const model = compileModel(rules);
const sra = classify(model, { text: SRA.join('\n') });
const akta = classify(model, { text: AKTA.join('\n') });

/** A database whose reads wait for `release()`, giving what was stored when they were asked. */
function slowDb(stored: Map<string, Classification>) {
  const waiting: (() => void)[] = [];
  let reads = 0;
  const db = {
    classifications: {
      bulkGet: (ids: string[]) => {
        reads++;
        const rows = ids.map((id) => (stored.has(id) ? { id, classification: stored.get(id)! } : undefined));
        return new Promise((done) => waiting.push(() => done(rows)));
      },
    },
  } as unknown as KlaDb;
  return { db, release: () => waiting.splice(0).forEach((r) => r()), reads: () => reads };
}

const link = (documentId: string, code: string): EvidenceLink => ({ id: `${documentId}|${code}`, workspaceId: 'w', documentId, code, createdAt: 1 });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the flags engine', () => {
  it('reads afresh a document forgotten while an earlier computation read it, and keeps the new reading', async () => {
    const stored = new Map([['d1', sra]]); // a school report, filed under birth certificates: flagged
    const { db, release, reads } = slowDb(stored);
    const engine = new FlagsEngine('w', rules, model, () => db);
    const links = [link('d1', '4.1')];
    const first = engine.compute({ links, dismissals: [], forgotten: 'all' });
    await tick();
    stored.set('d1', akta); // read again meanwhile: now a birth-certificate report
    const second = engine.compute({ links, dismissals: [], forgotten: ['d1'] });
    release();
    expect((await first).flags.map((f) => f.documentId)).toEqual(['d1']); // the old reading, used once
    await tick();
    release();
    expect((await second).flags).toEqual([]);
    expect(reads()).toBe(2);

    // kept now: a third computation reads nothing
    expect((await engine.compute({ links, dismissals: [], forgotten: [] })).flags).toEqual([]);
    expect(reads()).toBe(2);
  });

  it('reads thousands of classifications in chunks, and keeps only the linked ones', async () => {
    const stored = new Map<string, Classification>(Array.from({ length: 250 }, (_, i) => [`d${i}`, i % 2 ? sra : akta]));
    const db = { classifications: { bulkGet: async (ids: string[]) => ((sizes.push(ids.length), ids.map((id) => ({ id, classification: stored.get(id)! })))) } } as unknown as KlaDb;
    const sizes: number[] = [];
    const engine = new FlagsEngine('w', rules, model, () => db);
    const all = [...stored.keys()].map((id) => link(id, '4.1'));
    const out = await engine.compute({ links: all, dismissals: [], forgotten: 'all' });
    expect(sizes).toEqual([100, 100, 50]);
    expect(out.flags).toHaveLength(125); // the school reports
    await engine.compute({ links: all.slice(0, 10), dismissals: [], forgotten: [] });
    expect(engine.keptIds()).toHaveLength(10);
    expect(engine.keptParts).toBe(10);
  });
});
