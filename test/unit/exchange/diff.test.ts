/** diffSnapshots and fingerprint on hand-made snapshots. */
import { describe, expect, it } from 'vitest';
import { diffSnapshots, fingerprint, type DiffBasis } from '../../../src/domain/exchange';

const doc = (id: string, sha: string, name = `${id}.pdf`) => ({ id, sha256: sha.repeat(64).slice(0, 64), name, size: 10 });
const ans = (code: string, points: number | null, notes = '', status: 'not-started' | 'in-progress' | 'ready' = 'ready') => ({ code, points, status, notes, dataValues: {} });

const before: DiffBasis = {
  answers: [ans('1.1', 12, 'Perda'), ans('2.1', 3), ans('4.1', 5)],
  documents: [doc('a', 'a'), doc('b', 'b'), doc('c', 'c'), doc('d', 'd'), doc('e', 'e')],
  links: [
    { id: 'l1', documentId: 'a', code: '1.1' },
    { id: 'l2', documentId: 'b', code: '2.1' },
    { id: 'l3', documentId: 'c', code: '4.1', page: 2 },
    { id: 'l4', documentId: 'd', code: '5.1' },
    { id: 'l5', documentId: 'e', code: '6.1' },
  ],
};

describe('diffSnapshots', () => {
  it('nothing changed: empty, whatever the order of rows', () => {
    const shuffled: DiffBasis = { answers: [...before.answers].reverse(), documents: [...before.documents].reverse(), links: [...before.links].reverse() };
    const d = diffSnapshots(before, shuffled);
    expect(d.empty).toBe(true);
    expect(d.questions).toEqual([]);
  });

  it('finds added, removed, replaced (new document / new bytes), moved (question / page) and re-answered', () => {
    const after: DiffBasis = {
      answers: [ans('1.1', 12, 'Perda bertanda tangan'), ans('2.1', 3, '', 'in-progress'), ans('4.1', 5), ans('7.1', 1)],
      documents: [
        doc('a2', 'f', 'Perda baru.pdf'), // replaces a on 1.1 (a is gone)
        doc('b', 'b'),
        doc('c', 'c'),
        doc('d', '9'), // same id, new bytes: replaced in place
        doc('n', '7'), // new, on 8.1
      ],
      links: [
        { id: 'l1b', documentId: 'a2', code: '1.1' },
        { id: 'l2', documentId: 'b', code: '2.2' }, // moved 2.1 -> 2.2
        { id: 'l3', documentId: 'c', code: '4.1', page: 3 }, // page changed
        { id: 'l4', documentId: 'd', code: '5.1' },
        { id: 'l6', documentId: 'n', code: '8.1' },
        // l5 (e on 6.1) removed
      ],
    };
    const d = diffSnapshots(before, after);
    expect(d.evidence.added).toEqual([{ documentId: 'n', name: 'n.pdf', sha256: '7'.repeat(64), code: '8.1' }]);
    expect(d.evidence.removed).toEqual([{ documentId: 'e', name: 'e.pdf', sha256: 'e'.repeat(64), code: '6.1' }]);
    expect(d.evidence.replaced).toEqual([
      { code: '5.1', from: { documentId: 'd', name: 'd.pdf', sha256: 'd'.repeat(64) }, to: { documentId: 'd', name: 'd.pdf', sha256: '9'.repeat(64) } },
      { code: '1.1', from: { documentId: 'a', name: 'a.pdf', sha256: 'a'.repeat(64) }, to: { documentId: 'a2', name: 'Perda baru.pdf', sha256: 'f'.repeat(64) } },
    ]);
    expect(d.evidence.moved).toEqual([
      { documentId: 'c', name: 'c.pdf', sha256: 'c'.repeat(64), from: { code: '4.1', page: 2 }, to: { code: '4.1', page: 3 } },
      { documentId: 'b', name: 'b.pdf', sha256: 'b'.repeat(64), from: { code: '2.1', page: undefined }, to: { code: '2.2', page: undefined } },
    ]);
    expect(d.reanswered).toEqual([
      { code: '1.1', fields: ['notes'], before: { points: 12, status: 'ready', notes: 'Perda' }, after: { points: 12, status: 'ready', notes: 'Perda bertanda tangan' } },
      { code: '2.1', fields: ['status'], before: { points: 3, status: 'ready', notes: '' }, after: { points: 3, status: 'in-progress', notes: '' } },
      { code: '7.1', fields: ['points', 'status'], before: { points: null, status: 'not-started', notes: '' }, after: { points: 1, status: 'ready', notes: '' } },
    ]);
    expect(d.questions).toEqual(['1.1', '2.1', '2.2', '4.1', '5.1', '6.1', '7.1', '8.1']);
    expect(d.empty).toBe(false);
  });

  it('a document re-uploaded under a new id (same bytes) on another question is a move, not remove + add', () => {
    const after: DiffBasis = { ...before, documents: [...before.documents.filter((x) => x.id !== 'e'), doc('e2', 'e')], links: [...before.links.filter((l) => l.id !== 'l5'), { id: 'l9', documentId: 'e2', code: '6.2' }] };
    const d = diffSnapshots(before, after);
    expect(d.evidence.moved).toEqual([expect.objectContaining({ documentId: 'e2', from: { code: '6.1', page: undefined }, to: { code: '6.2', page: undefined } })]);
    expect(d.evidence.added).toEqual([]);
    expect(d.evidence.removed).toEqual([]);
  });
});

describe('fingerprint', () => {
  it('ignores row order and changes with any compared content', async () => {
    const f = await fingerprint(before);
    expect(f).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprint({ answers: [...before.answers].reverse(), documents: before.documents, links: [...before.links].reverse() })).toBe(f);
    expect(await fingerprint({ ...before, answers: [ans('1.1', 11.75, 'Perda'), ...before.answers.slice(1)] })).not.toBe(f);
    expect(await fingerprint({ ...before, links: before.links.map((l) => (l.id === 'l3' ? { ...l, page: 4 } : l)) })).not.toBe(f);
    expect(await fingerprint({ ...before, documents: before.documents.map((x) => (x.id === 'b' ? { ...x, sha256: '0'.repeat(64) } : x)) })).not.toBe(f);
  });
});
