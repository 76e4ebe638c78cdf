// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { classifyUnread, MAX_TEXT, type ClassifyDeps } from '../../../src/db/classifyStored';
import { storeDocument, type ReadDocument } from '../../../src/db/evidence';
import type { KlaDb } from '../../../src/db/schema';
import { classify } from '../../../src/domain/classifier/classify';
import { compileModel } from '../../../src/domain/classifier/model';
import type { Classification } from '../../../src/domain/classifier/classify';
import { AKTA, SRA } from '../../fixtures/evidence/topics';
import { loadRules2024 } from '../helpers';
import { workspaceDb } from './workspaceDb';

const model = compileModel(loadRules2024());
const setup = workspaceDb('classify-stored');
const deps: ClassifyDeps = { modelFor: async () => model, classify };

const read = (sha: string, lines: string[], extra: Partial<ReadDocument> = {}): ReadDocument => ({ sha256: sha, kind: 'pdf', mime: 'application/pdf', size: 10, pages: 1, text: lines.join('\n'), pageTexts: [lines.join('\n')], readState: 'done', ...extra });
const fake = { group: 'I', indicator: '4', confidence: 0.5 } as unknown as Classification;

/** As an import leaves them: the school report and an empty scan unclassified, the birth figures with a reading of their own. */
async function imported() {
  const s = await setup();
  const put = async (name: string, r: ReadDocument) => (await storeDocument(s.db, s.ws.id, name, new Blob([name]), r)) as { doc: { id: string } };
  const sra = (await put('laporan-sra.pdf', read('a', SRA))).doc.id;
  const akta = (await put('rekap-akta.pdf', read('b', AKTA, { classification: fake }))).doc.id;
  const scan = (await put('pindaian.pdf', read('c', [], { text: '', pageTexts: [], readState: 'no-text' }))).doc.id;
  return { ...s, sra, akta, scan };
}

/** One round of the search worker's reading, with a fresh memory of what was tried; the ids classified. */
const drain = (db: KlaDb, d: ClassifyDeps = deps, tried = new Set<string>()) => classifyUnread(db, tried, d);

describe('classifying stored documents that came without a reading (imports)', () => {
  it('reads the unclassified ones with text as intake would, and leaves the others as they are', async () => {
    const { db, sra, akta, scan } = await imported();
    expect(await drain(db)).toEqual([sra]);
    expect((await db.classifications.get(sra))?.classification.indicator).toBe('19');
    expect((await db.classifications.get(akta))?.classification).toEqual(fake);
    expect(await db.classifications.get(scan)).toBeUndefined();
    // a second round finds nothing to do
    expect(await drain(db)).toEqual([]);
  });

  it('what was tried is not read again in the same worker, what is stored is announced, and a stop is heeded', async () => {
    const { db, sra, akta } = await imported();
    const tried = new Set<string>();
    const said: string[][] = [];
    let reads = 0;
    const counting: ClassifyDeps = { ...deps, classify: (m, i) => (reads++, classify(m, i)), announce: (ids) => said.push(ids) };
    await db.classifications.clear();
    expect((await drain(db, counting, tried)).sort()).toEqual([sra, akta].sort());
    expect(said.flat().sort()).toEqual([sra, akta].sort());
    expect(reads).toBe(2);
    await db.classifications.clear();
    expect(await drain(db, counting, tried)).toEqual([]); // tried in this worker's life: not again
    expect(reads).toBe(2);
    expect(await drain(db, { ...counting, stop: () => true })).toEqual([]);
    expect(reads).toBe(2);
    // the same document written again (a re-import gives it a new number): read again
    await db.documents.update(sra, { no: 999 });
    expect(await drain(db, counting, tried)).toEqual([sra]);
    expect(reads).toBe(3);
  });

  it("names each document's version to the watchdog before reading it; a version passed over is not read", async () => {
    const { db, sra, akta } = await imported();
    await db.classifications.clear();
    const named: string[] = [];
    const no = (id: string) => db.documents.get(id).then((d) => `${id}:${d?.no ?? ''}`);
    // the watchdog passed over the school report (it ended a worker before)
    expect(await drain(db, { ...deps, reading: (v) => named.push(v) }, new Set([await no(sra)]))).toEqual([akta]);
    expect(named).toEqual([await no(akta)]);
    expect(await db.classifications.get(sra)).toBeUndefined();
  });

  it("each document is read with its own workspace's rules; a workspace without a classifier has no text read", async () => {
    const { db, ws, sra } = await imported();
    await db.workspaces.update(ws.id, { rulesHash: 'no-classifier' });
    await db.classifications.clear();
    const asked: string[] = [];
    let texts = 0;
    db.texts.hook('reading', (t) => (texts++, t));
    expect(await drain(db, { ...deps, modelFor: async (h) => (asked.push(h), h === 'no-classifier' ? null : model) })).toEqual([]);
    expect(asked).toEqual(['no-classifier']); // once a round, not once a document
    expect(texts).toBe(0);
    await db.workspaces.update(ws.id, { rulesHash: 'with' });
    expect(await drain(db, { ...deps, modelFor: async (h) => (h === 'with' ? model : null) })).toContain(sra);
  });

  it('a hostile text of a hundred thousand pages is read as one block, not page by page', async () => {
    const { db, ws, sra } = await imported();
    await db.classifications.clear();
    const pages = Array.from({ length: 100_000 }, (_, i) => (i === 99_999 ? SRA.join(' ') : 'x'));
    await db.texts.put({ id: sra, workspaceId: ws.id, pages });
    const seen: { pages?: number; chars: number }[] = [];
    await drain(db, { ...deps, classify: (m, i) => (seen.push({ pages: i.pages?.length, chars: i.text.length }), classify(m, i)) });
    const mine = seen.find((x) => x.chars > 100_000)!;
    expect(mine.pages).toBeUndefined();
    expect(mine.chars).toBeLessThanOrEqual(MAX_TEXT);
  });

  it('a reading stored meanwhile (the document was read again) is kept, and a document deleted meanwhile gets none', async () => {
    const { db, ws, sra, akta } = await imported();
    await db.classifications.delete(akta);
    const later = { ...fake, indicator: '1' } as Classification;
    const racing: ClassifyDeps = {
      ...deps,
      modelFor: async () => {
        await db.classifications.put({ id: sra, workspaceId: ws.id, classification: later });
        await db.documents.delete(akta);
        return model;
      },
    };
    expect(await drain(db, racing)).toEqual([]);
    expect((await db.classifications.get(sra))?.classification).toEqual(later);
    expect(await db.classifications.get(akta)).toBeUndefined();
  });

  it('rules without classifier knowledge, or a document the classifier throws on: nothing stored, the others go on', async () => {
    const { db, sra } = await imported();
    expect(await drain(db, { ...deps, modelFor: async () => null })).toEqual([]);
    expect(await db.classifications.get(sra)).toBeUndefined();

    const again = await imported();
    await again.db.classifications.clear();
    const throwing: ClassifyDeps = {
      ...deps,
      classify: (m, i) => {
        if (i.name === 'laporan-sra.pdf') throw new Error('hostile text');
        return classify(m, i);
      },
    };
    expect(await drain(again.db, throwing)).toEqual([again.akta]);
    expect(await again.db.classifications.get(again.sra)).toBeUndefined();
  });
});
