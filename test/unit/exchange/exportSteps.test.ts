// @vitest-environment node
/**
 * The export says what it does before its first byte (the tenth walk: ~20 s at 5,000 documents
 * with nothing on screen): reading the workspace, packing the texts, then the documents counted
 * one by one, then the bytes.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exportWorkspace } from '../../../src/db/exchange';
import { addDocument, cityWorkspace, freshDb, memorySink, prng } from './helpers';

describe('export steps', () => {
  it('reports collect, texts and the documents counted (every 25th) before the bytes are written', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    for (let i = 0; i < 57; i++) await addDocument(db, ws.id, `extra-${i}`, `lampiran-${i}.pdf`, prng(100 + i, 500), `Lampiran ${i}`);
    const seen: [string, number, number][] = [];
    const m = memorySink();
    await exportWorkspace(db, ws.id, m.sink, {
      createdBy: { name: 'Ani', role: 'city' },
      appVersion: '0.1.0',
      onStage: (stage, done, total) => seen.push([stage, done, total]),
      onProgress: (w, total) => seen.push(['write', w, total]),
    });
    // each step once, in this order: a step said again after the next began would show here
    const changes = seen.map(([s]) => s).filter((s, i, all) => s !== all[i - 1]);
    expect(changes).toEqual(['collect', 'texts', 'evidence', 'write']);
    expect(seen.find(([s]) => s === 'texts')).toEqual(['texts', 0, 60]);
    // 60 documents, said every 25: 0, 25, 50 of 60
    expect(seen.filter(([s]) => s === 'evidence')).toEqual([
      ['evidence', 0, 60],
      ['evidence', 25, 60],
      ['evidence', 50, 60],
    ]);
    const writes = seen.filter(([s]) => s === 'write');
    // the total counts the parts; the zip's own headers come on top
    expect(writes.at(-1)![1]).toBeGreaterThanOrEqual(writes.at(-1)![2]);
  });
});
