// @vitest-environment node
/**
 * The misfile flags' one source per workspace (src/shared/flagsSource.ts): every screen shares one
 * computation, a link change is computed when the browser is idle, the result is the same as
 * computing every flag afresh, and what it keeps is only what is linked now.
 */
import 'fake-indexeddb/auto';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { linkDocument, storeDocument, unlinkDocument, type ReadDocument } from '../../../src/db/evidence';
import type { KlaDb } from '../../../src/db/schema';
import { classify, compileModel } from '../../../src/domain/classifier';
import * as flagsModule from '../../../src/domain/flags';
import { FlagsSource, flagsSource, type RemoteFlags } from '../../../src/shared/flagsSource';
import { flagsWork } from '../../../src/workers/flagsWork';
import { CLASSIFICATIONS_CHANNEL } from '../../../src/db/classifyStored';
import { AKTA, FORUM, SRA } from '../../fixtures/evidence/topics';
import { workspaceDb } from '../db/workspaceDb';
import { loadRules2024 } from '../helpers';

const rules = loadRules2024();
const model = compileModel(rules);
const setup = workspaceDb('flags-source');
const until = (ok: () => boolean) => vi.waitFor(() => expect(ok()).toBe(true), { timeout: 5000, interval: 10 });
const settle = () => new Promise((r) => setTimeout(r, 100));

const read = (sha: string, lines: string[]): ReadDocument => {
  const text = lines.join('\n');
  return { sha256: sha, kind: 'pdf', mime: 'application/pdf', size: 1, pages: 1, text, pageTexts: [text], readState: 'done', classification: classify(model, { text }) };
};

type Where = 'worker' | 'page';

/**
 * A source over `db` whose idle moments come only when the test says so, counting computations:
 * in the search worker's code (flagsWork, called here in Node), or in the page when it has no worker.
 */
function sourceOf(db: KlaDb, workspaceId: string, where: Where = 'worker') {
  const work = flagsWork(() => db, async () => ({ rules, model }));
  const remote = { flags: vi.fn(work.flags), end: vi.fn(async (w: string, h: string) => work.flagsEnd(w, h)) } satisfies RemoteFlags;
  const waiting: (() => void)[] = [];
  const source = new FlagsSource(workspaceId, rules, {
    db: () => db,
    load: async () => ({ model, flags: flagsModule }),
    idle: () => new Promise<void>((r) => waiting.push(r)),
    lingerMs: 0,
    remote: where === 'worker' ? remote : null,
  });
  const idle = () => waiting.splice(0).forEach((r) => r());
  /** What the engine computing the flags keeps. */
  const engine = () => (where === 'worker' ? (work.engines()[0] ?? null) : source.pageEngine);
  return { source, idle, waiting, engine, remote };
}

async function seeded() {
  const { db, ws } = await setup();
  const docs = [];
  for (const [name, lines] of [['sra.pdf', SRA], ['akta.pdf', AKTA], ['forum.pdf', FORUM]] as const) {
    const out = await storeDocument(db, ws.id, name, new Blob(['x']), read(name, lines));
    docs.push(out.doc);
  }
  const [sra, akta, forum] = docs;
  return { db, ws, sra, akta, forum };
}

/** The flags computed afresh, as the screens read them, from what is stored. */
async function afresh(db: KlaDb, workspaceId: string) {
  const links = await db.links.where('workspaceId').equals(workspaceId).toArray();
  const ids = [...new Set(links.map((l) => l.documentId))].sort();
  const docs = (await db.classifications.bulkGet(ids)).flatMap((c, i) => (c ? [{ id: ids[i], classification: c.classification }] : []));
  const dismissals = await db.flagDismissals.where('workspaceId').equals(workspaceId).toArray();
  return flagsModule.flagsView(flagsModule.computeFlags(model, rules, docs, links, dismissals));
}

describe('the flags source', () => {
  it('with nothing linked, asks the worker nothing, not even to end (no worker is started for it)', async () => {
    const { db, ws } = await seeded();
    const { source, remote, idle, waiting } = sourceOf(db, ws.id);
    const off = source.subscribe(() => undefined);
    await until(() => waiting.length > 0);
    idle();
    await until(() => !!source.get());
    off();
    await settle();
    expect(remote.flags).not.toHaveBeenCalled();
    expect(remote.end).not.toHaveBeenCalled();
  });

  it('computes once for every screen showing the flags, and only when the browser is idle', async () => {
    const { db, ws, sra, akta } = await seeded();
    await linkDocument(db, ws.id, sra.id, '4.1'); // a school report under birth certificates: flagged
    const { source, remote, idle, waiting } = sourceOf(db, ws.id);
    const list = vi.fn();
    const detail = vi.fn();
    const offList = source.subscribe(list);
    const offDetail = source.subscribe(detail);
    await until(() => waiting.length > 0);
    expect(source.get()).toBeNull(); // nothing computed before an idle moment
    idle();
    await until(() => !!source.get());
    expect(source.get()!.open.map((f) => [f.documentId, f.code])).toEqual([[sra.id, '4.1']]);
    expect(remote.flags).toHaveBeenCalledTimes(1);

    // a link change: nothing is computed until the browser is idle, then once for both screens
    const before = source.get();
    await linkDocument(db, ws.id, akta.id, '19.1');
    await until(() => waiting.length > 0);
    await settle();
    expect(remote.flags).toHaveBeenCalledTimes(1);
    expect(source.get()).toBe(before);
    idle();
    await until(() => source.get() !== before);
    expect(remote.flags).toHaveBeenCalledTimes(2);
    expect(source.get()!.open.map((f) => f.documentId).sort()).toEqual([sra.id, akta.id].sort());
    expect(list).toHaveBeenCalledTimes(2);
    expect(detail).toHaveBeenCalledTimes(2);
    offList();
    offDetail();
  });

  it.each(['worker', 'page'] as const)('gives the flags computing every document afresh would give, through links, moves and dismissals (in the %s)', async (where) => {
    const { db, ws, sra, akta, forum } = await seeded();
    const { source, idle } = sourceOf(db, ws.id, where);
    const off = source.subscribe(() => undefined);
    const steps: (() => Promise<unknown>)[] = [
      () => linkDocument(db, ws.id, sra.id, '4.1'),
      () => linkDocument(db, ws.id, akta.id, '5.1'),
      () => linkDocument(db, ws.id, forum.id, '6.1'),
      () => linkDocument(db, ws.id, sra.id, '19.1'),
      () => db.flagDismissals.put({ id: flagsModule.dismissalId(ws.id, sra.id, '4.1'), workspaceId: ws.id, documentId: sra.id, code: '4.1', reason: 'sudah benar', at: 1 }),
      () => linkDocument(db, ws.id, akta.id, '4.1', { page: 1 }),
      () => unlinkDocument(db, ws.id, sra.id, '19.1'),
    ];
    const seen = { flags: 0, dismissed: 0, hints: 0 };
    for (const step of steps) {
      await step();
      const want = await afresh(db, ws.id);
      seen.flags = Math.max(seen.flags, want.open.length);
      seen.dismissed = Math.max(seen.dismissed, want.all.length - want.open.length);
      seen.hints = Math.max(seen.hints, want.elsewhere.size);
      await vi.waitFor(
        () => {
          idle();
          expect(isDeepStrictEqual(source.get(), want)).toBe(true);
        },
        { timeout: 5000, interval: 20 },
      );
    }
    // the steps went through open and dismissed flags and hints of answers elsewhere
    expect(seen).toEqual({ flags: expect.any(Number), dismissed: 1, hints: expect.any(Number) });
    expect(Math.min(seen.flags, seen.hints)).toBeGreaterThan(0);
    off();
  });

  it.each(['worker', 'page'] as const)('keeps the classifications and parts of linked documents only, and forgets them all once nobody shows the flags (in the %s)', async (where) => {
    const { db, ws, sra, akta } = await seeded();
    await linkDocument(db, ws.id, sra.id, '4.1');
    await linkDocument(db, ws.id, akta.id, '4.1');
    const { source, idle, engine } = sourceOf(db, ws.id, where);
    const off = source.subscribe(() => undefined);
    await vi.waitFor(() => (idle(), expect(engine()?.keptParts).toBe(2)), { timeout: 5000, interval: 20 });
    expect(engine()!.keptIds().sort()).toEqual([sra.id, akta.id].sort());
    expect(source.computedIn).toBe(where);

    await unlinkDocument(db, ws.id, sra.id, '4.1');
    await vi.waitFor(() => (idle(), expect(engine()?.keptParts).toBe(1)), { timeout: 5000, interval: 20 });
    expect(engine()!.keptIds()).toEqual([akta.id]);

    off();
    await until(() => engine() === null);
    expect(source.get()).toBeNull();
  });

  it.each(['worker', 'page'] as const)('reads every classification afresh once an import replaced the documents and their readings (in the %s)', async (where) => {
    const { db, ws, sra, akta } = await seeded();
    await linkDocument(db, ws.id, sra.id, '19.1'); // a school report under child-friendly schools: no flag
    const { source, idle } = sourceOf(db, ws.id, where);
    const off = source.subscribe(() => undefined);
    await vi.waitFor(() => (idle(), expect(source.get()).not.toBeNull()), { timeout: 5000, interval: 20 });
    expect(source.get()!.open).toEqual([]);

    // an import writes the same document with another reading (a birth-certificate report's)
    const other = (await db.classifications.get(akta.id))!.classification;
    await db.classifications.put({ id: sra.id, workspaceId: ws.id, classification: other });
    const want = await afresh(db, ws.id);
    expect(want.open.map((f) => [f.documentId, f.code])).toEqual([[sra.id, '19.1']]);
    await settle();
    idle();
    expect(source.get()!.open).toEqual([]); // what it kept is stale until told

    source.forgetAll();
    await vi.waitFor(() => (idle(), expect(isDeepStrictEqual(source.get(), want)).toBe(true)), { timeout: 5000, interval: 20 });
    off();
  });
});

describe('where the flags are computed', () => {
  it('sends the documents read again with the next computation, and every one when the worker comes back after the page computed', async () => {
    const { db, ws, sra } = await seeded();
    await linkDocument(db, ws.id, sra.id, '4.1');
    const { source, idle, remote } = sourceOf(db, ws.id);
    const sent = () => remote.flags.mock.calls.map((c) => c[2].forgotten);
    const off = source.subscribe(() => undefined);
    await vi.waitFor(() => (idle(), expect(source.get()?.open.length).toBe(1)), { timeout: 5000, interval: 20 });
    expect(sent()).toEqual(['all']); // a source that starts knows nothing of what the worker kept
    source.forget(sra.id);
    await vi.waitFor(() => (idle(), expect(sent()).toEqual(['all', [sra.id]])), { timeout: 5000, interval: 20 });

    // the worker fails once: the page computes the same flags
    const work = remote.flags.getMockImplementation()!;
    remote.flags.mockImplementationOnce(() => Promise.reject(new Error('worker ended')));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const before = source.get();
    source.forget(sra.id);
    await vi.waitFor(() => (idle(), expect(source.get()).not.toBe(before)), { timeout: 5000, interval: 20 });
    expect(source.computedIn).toBe('page');
    expect(source.get()!.open.map((f) => f.documentId)).toEqual([sra.id]);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();

    // back in the worker: it missed what the page was told, so it reads everything afresh
    remote.flags.mockImplementation(work);
    await linkDocument(db, ws.id, sra.id, '19.1');
    await vi.waitFor(() => (idle(), expect(source.computedIn).toBe('worker')), { timeout: 5000, interval: 20 });
    expect(sent().at(-1)).toBe('all');
    expect(source.pageEngine).toBeNull();
    off();
  });

  it('is the page when the worker does not hold the rules file (it answers null)', async () => {
    const { db, ws, sra } = await seeded();
    await linkDocument(db, ws.id, sra.id, '4.1');
    const { source, idle, remote } = sourceOf(db, ws.id);
    remote.flags.mockImplementation(async () => null);
    const off = source.subscribe(() => undefined);
    await vi.waitFor(() => (idle(), expect(source.get()?.open.length).toBe(1)), { timeout: 5000, interval: 20 });
    expect(source.computedIn).toBe('page');
    off();
  });
});

describe('the classifications channel', () => {
  it("forgets the documents the search worker read (documentIds), in every workspace's source, and ignores what is not a list of ids", async () => {
    const forget = vi.spyOn(FlagsSource.prototype, 'forget');
    const source = flagsSource('ws-channel', rules);
    const worker = new BroadcastChannel(CLASSIFICATIONS_CHANNEL);
    try {
      worker.postMessage({ documentIds: ['d1', 'd2', 3] });
      await vi.waitFor(() => expect(forget).toHaveBeenCalledWith('d1', 'd2'), { timeout: 2000, interval: 10 });
      expect(forget.mock.contexts[0]).toBe(source);
      forget.mockClear();
      worker.postMessage({ documentIds: 'd1' });
      await settle();
      expect(forget).not.toHaveBeenCalled();
    } finally {
      worker.close();
      forget.mockRestore();
    }
  });
});
