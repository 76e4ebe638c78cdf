// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { storeDocument, type ReadDocument } from '../../../src/db/evidence';
import { DocListSource } from '../../../src/features/evidence/docList';
import { workspaceDb } from '../db/workspaceDb';

const setup = workspaceDb('doclist');
const read = (sha: string): ReadDocument => ({ sha256: sha, kind: 'pdf', mime: 'application/pdf', size: 1, pages: 1, text: 'x', pageTexts: ['x'], readState: 'done', thumbnail: new Blob(['t']) });
const names = (s: DocListSource) => s.get()?.map((d) => d.name);
const until = (ok: () => boolean) => vi.waitFor(() => expect(ok()).toBe(true), { timeout: 5000, interval: 10 });

/** A workspace with a.pdf (stamped 10), its list shown and polling, as during an intake batch. */
async function pollingOneDoc() {
  const { db, ws } = await setup();
  await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a'), { now: 10 });
  const s = new DocListSource(ws.id, () => db);
  const off = s.subscribe(() => undefined);
  await until(() => s.get()?.length === 1);
  s.setMode('poll');
  return { db, ws, s, off };
}

describe('the evidence list source', () => {
  it('reads newest first and follows changes while live', async () => {
    const { db, ws } = await setup();
    await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a'), { now: 10 });
    await storeDocument(db, ws.id, 'b.pdf', new Blob(['b']), read('b'), { now: 20 });
    const s = new DocListSource(ws.id, () => db);
    const seen = vi.fn();
    const off = s.subscribe(seen);
    await until(() => s.get()?.length === 2);
    expect(names(s)).toEqual(['b.pdf', 'a.pdf']);
    await storeDocument(db, ws.id, 'c.pdf', new Blob(['c']), read('c'), { now: 30 });
    await until(() => s.get()?.length === 3);
    expect(names(s)).toEqual(['c.pdf', 'b.pdf', 'a.pdf']);
    expect(seen).toHaveBeenCalled();
    off();
    expect(s.get()).toBeUndefined(); // nobody shows it: forgotten, read afresh next time
  });

  it('while polling, adds the documents stored since the newest one, and goes live again', async () => {
    const { db, ws, s, off } = await pollingOneDoc();
    const first = s.get();
    await storeDocument(db, ws.id, 'b.pdf', new Blob(['b']), read('b'), { now: 20 });
    await until(() => s.get()?.length === 2);
    expect(names(s)).toEqual(['b.pdf', 'a.pdf']);
    expect(s.get()![1]).toBe(first![0]); // the rows already read are kept, not read again
    s.setMode('live');
    await db.documents.filter((d) => d.name === 'a.pdf').delete();
    await until(() => s.get()?.length === 1);
    expect(names(s)).toEqual(['b.pdf']);
    off();
  });

  it('while polling, a document stamped before the newest row but stored after it is not skipped', async () => {
    const { db, ws, s, off } = await pollingOneDoc();
    await storeDocument(db, ws.id, 'c.pdf', new Blob(['c']), read('c'), { now: 30 });
    await until(() => s.get()?.length === 2);
    // another worker stamped its document at 20 and committed it only now
    await storeDocument(db, ws.id, 'b.pdf', new Blob(['b']), read('b'), { now: 20 });
    await until(() => s.get()?.length === 3);
    expect(names(s)).toEqual(['c.pdf', 'b.pdf', 'a.pdf']);
    off();
  });

  it('a prefetch is handed to the first subscriber, and stops by itself when nobody comes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { db, ws } = await setup();
      await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a'), { now: 10 });
      const s = new DocListSource(ws.id, () => db);
      s.prefetch();
      await until(() => s.get()?.length === 1);
      const rows = s.get();
      const off = s.subscribe(() => undefined);
      expect(s.get()).toBe(rows); // no second read
      vi.advanceTimersByTime(20_000);
      expect(s.get()).toBe(rows); // claimed: keeps going
      off();
      const t = new DocListSource(ws.id, () => db);
      t.prefetch();
      await until(() => t.get()?.length === 1);
      vi.advanceTimersByTime(10_001);
      expect(t.get()).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failed read reaches the screen (its error boundary)', async () => {
    const { db, ws } = await setup();
    await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a'), { now: 10 });
    db.documents.hook('reading', () => {
      throw new Error('disk gone');
    });
    const s = new DocListSource(ws.id, () => db);
    const off = s.subscribe(() => undefined);
    await until(() => {
      try {
        s.get();
        return false;
      } catch (e) {
        return (e as Error).message === 'disk gone';
      }
    });
    off();
  });
});

describe('the evidence list source, switching fast', () => {
  it('poll -> live -> poll while a read is under way leaves one polling loop, not two', async () => {
    const { db, ws } = await setup();
    await storeDocument(db, ws.id, 'a.pdf', new Blob(['a']), read('a'), { now: 10 });
    const s = new DocListSource(ws.id, () => db);
    let reads = 0;
    let switched = false;
    db.documents.hook('reading', (d) => {
      reads++;
      if (!switched) {
        // the officer's batch ends and another starts while the first poll is reading
        switched = true;
        s.setMode('live');
        s.setMode('poll');
      }
      return d;
    });
    s.setMode('poll');
    const off = s.subscribe(() => undefined);
    await until(() => s.get()?.length === 1);
    await new Promise((r) => setTimeout(r, 500));
    const queries = vi.spyOn(db.documents, 'where');
    await new Promise((r) => setTimeout(r, 3200)); // one poll interval
    // each polling loop asks once per interval for the rows stored since the newest one
    expect(queries).toHaveBeenCalledTimes(1);
    expect(reads).toBeGreaterThan(0);
    off();
  });
});
