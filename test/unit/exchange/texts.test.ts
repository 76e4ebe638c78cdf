// @vitest-environment node
/**
 * The texts part of format version 2 (`data/texts.jsonl`, textsPart.ts): written and read row by
 * row, never whole; capped before it inflates further; version-1 files (one JSON array) still open.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectSnapshot, importExchange } from '../../../src/db/exchange';
import { verifyExchange, writeExchange, type Part } from '../../../src/domain/exchange';
import { deflateRaw, sha256HexOf, utf8 } from '../../../src/domain/exchange/bytes';
import { decodeTextRow, encodeLines, encodeTextRow, inflatedDigest, isJoinOf, joinPages, LineSplitter, MAX_TEXT_LINE, packTexts, textRows, TEXTS_PATH } from '../../../src/domain/exchange/textsPart';
import type { EvidenceText } from '../../../src/domain/model';
import { fromStored } from '../../../src/db/texts';
import { addDocument, cityWorkspace, freshDb, memorySink, prng, rebuildFile } from './helpers';

const CITY = { createdBy: { name: 'Ani (DP3AKB)', role: 'city' as const }, appVersion: '0.1.0', now: 1_700_000_500_000 };
const blob = (b: Uint8Array) => new Blob([b as BlobPart]);

async function exportBytes(db: ReturnType<typeof freshDb>, wsId: string) {
  const { snapshot, evidence } = await collectSnapshot(db, wsId);
  const m = memorySink();
  await writeExchange(snapshot, evidence, m.sink, CITY);
  return m.bytes();
}

async function* batchesOf(rows: EvidenceText[], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe('texts rows', () => {
  it('a row carries the pages alone when the text is their join, and both when it is not', () => {
    const derived: EvidenceText = { id: 'a', workspaceId: 'w', text: 'Halaman satu\n\nHalaman dua', pages: ['Halaman satu', 'Halaman dua'] };
    expect(JSON.parse(encodeTextRow(derived))).toEqual({ id: 'a', workspaceId: 'w', pages: ['Halaman satu', 'Halaman dua'] });
    expect(decodeTextRow(encodeTextRow(derived))).toEqual(derived);
    const own: EvidenceText = { id: 'b', workspaceId: 'w', text: 'diketik ulang', pages: ['hasil OCR'] };
    expect(decodeTextRow(encodeTextRow(own))).toEqual(own);
    const plain: EvidenceText = { id: 'c', workspaceId: 'w', text: 'tanpa halaman' };
    expect(decodeTextRow(encodeTextRow(plain))).toEqual(plain);
    expect(() => decodeTextRow('{"id":"x","workspaceId":"w"}')).toThrow();
    expect(() => decodeTextRow('{"id":"x","workspaceId":"w","pages":[1,2]}')).toThrow();
  });

  it('lines split across chunks, in the middle of a multi-byte character, come back whole', () => {
    const text = 'anak “layak” ✓\nbaris kedua é\n\nketiga';
    const bytes = utf8.encode(text);
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    for (let i = 0; i < bytes.length; i += 3) s.push(bytes.subarray(i, i + 3));
    s.end();
    expect(lines).toEqual(['anak “layak” ✓', 'baris kedua é', 'ketiga']);
    const long = new LineSplitter(() => undefined, 10);
    expect(() => long.push(utf8.encode('x'.repeat(11)))).toThrow(RangeError);
    expect(() => new LineSplitter(() => undefined).push(new Uint8Array([0xff, 0x0a]))).toThrow();
  });

  it('2,000 rows packed in batches (two-, three- and four-byte characters too) come back in order with the same hash and size', async () => {
    const rows: EvidenceText[] = Array.from({ length: 2000 }, (_, i) => ({ id: `d${i}`, workspaceId: i % 7 ? 'w' : 'v', text: `dokumen “${i}” é\n\nhalaman dua ${i} ✓ 𝒜`, pages: [`dokumen “${i}” é`, `halaman dua ${i} ✓ 𝒜`] }));
    const packed = (await packTexts(batchesOf(rows, 100)))!;
    expect(packed.rows).toBe(2000);
    // what the writer tells the check of a file written here
    expect(packed.ids).toEqual(rows.map((r) => r.id));
    expect(packed.workspaceIds).toEqual(rows.map((r) => r.workspaceId));
    const plain = utf8.encode(rows.map((r) => encodeTextRow(r) + '\n').join(''));
    expect([packed.size, packed.sha256]).toEqual([plain.length, await sha256HexOf(plain)]);
    const back: EvidenceText[] = [];
    const result = { size: 0, sha256: '' };
    for await (const b of textRows(packed.blob.stream(), packed.size, result)) back.push(...b);
    expect(back).toEqual(rows);
    expect(result).toMatchObject({ size: packed.size, sha256: packed.sha256, crc32: packed.crc32 });
    const digestOnly = { size: 0, sha256: '' };
    await inflatedDigest(packed.blob.stream(), packed.size, digestOnly);
    expect(digestOnly).toEqual(result);
    expect(await packTexts(batchesOf([], 10))).toBeNull();
  });

  it('stops inflating as soon as the output passes the declared size', async () => {
    const bomb = await deflateRaw(new Uint8Array(64 * 1024 * 1024).fill(0x20));
    let inflated = 0;
    const counting = new TransformStream<Uint8Array, Uint8Array>({ transform: (c, ctl) => ctl.enqueue(c) });
    const it = textRows(blob(bomb).stream().pipeThrough(counting), 1 << 20, { size: 0, sha256: '' });
    await expect((async () => {
      for await (const b of it) inflated += b.length;
    })()).rejects.toThrow(/too large/);
    expect(inflated).toBe(0);
    await expect(inflatedDigest(blob(bomb).stream(), 1 << 20, { size: 0, sha256: '' })).rejects.toThrow(/too large/);
  });

  it('a row longer than a reader accepts is refused when packing, naming its document', async () => {
    const long: EvidenceText = { id: 'd-panjang', workspaceId: 'w', text: 'x'.repeat(MAX_TEXT_LINE + 1) };
    await expect(packTexts(batchesOf([{ id: 'd-pendek', workspaceId: 'w', text: 'pendek' }, long], 10))).rejects.toThrow(/d-panjang/);
  });

  it('lines are encoded into one buffer exactly as TextEncoder would encode them joined', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 20 }), (lines) => {
        expect(encodeLines(lines)).toEqual(utf8.encode(lines.map((l) => l + '\n').join('')));
      }),
    );
  });
});

describe('texts in the exchange file', () => {
  it('a workspace of 300 documents round-trips its texts, streamed in batches, plain and with a passphrase', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    for (let i = 0; i < 300; i++) await addDocument(db, ws.id, `bulk-${i}`, `Laporan ${i}.pdf`, prng(100 + i, 200), `Laporan kegiatan forum anak nomor ${i}`);
    const expected = (await db.texts.toArray()).map((r) => fromStored(r)).sort((a, b) => a.id.localeCompare(b.id));
    for (const passphrase of [undefined, 'Rahasia Serang 2024']) {
      const { snapshot, evidence } = await collectSnapshot(db, ws.id);
      const m = memorySink();
      await writeExchange(snapshot, evidence, m.sink, { ...CITY, ...(passphrase ? { passphrase, chunkSize: 4096 } : {}) });
      const report = await verifyExchange(blob(m.bytes()), passphrase ? { passphrase } : {});
      expect(report.problems).toEqual([]);
      expect(report.exchange!.manifest.parts.find((p) => p.kind === 'texts')!.path).toBe(TEXTS_PATH);
      expect(report.exchange!.textCount).toBe(expected.length);
      const db2 = freshDb();
      expect(await importExchange(db2, report.exchange!, { as: 'evaluator', now: CITY.now })).toMatchObject({ ok: true });
      expect((await db2.texts.toArray()).map((r) => fromStored(r)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(expected);
    }
  });

  async function withTextsPart(content: Uint8Array | ((wsId: string) => Uint8Array), declared?: { size: number; sha256: string }) {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const bytes = await exportBytes(db, ws.id);
    const plain = typeof content === 'function' ? content(ws.id) : content;
    const packed = await deflateRaw(plain);
    return rebuildFile(bytes, async (_m, sources) => {
      const s = sources.find((x) => x.part.kind === 'texts')!;
      const { crc32 } = await import('./crc');
      const part: Part = { ...s.part, size: declared?.size ?? plain.length, sha256: declared?.sha256 ?? (await sha256HexOf(plain)), storedSize: packed.length };
      Object.assign(s, { part, bytes: packed, deflated: { crc32: crc32(plain) } });
    });
  }

  it('a texts part that inflates past its declared size is refused as too large', async () => {
    const file = await withTextsPart(new Uint8Array(64 * 1024 * 1024).fill(0x20), { size: 1000, sha256: 'a'.repeat(64) });
    const report = await verifyExchange(blob(file));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.code, p.part])).toEqual([['too-large', TEXTS_PATH]]);
  });

  it('a row that is not a text row, or names a document not in the file, is refused', async () => {
    const bad = await verifyExchange(blob(await withTextsPart((ws) => utf8.encode(`{"id":"doc-perda","workspaceId":"${ws}","text":"a"}\n{"id":"y"}\n`))));
    expect(bad.problems.map((p) => p.code)).toEqual(['data-invalid']);
    expect(bad.problems[0].message).toMatch(/line 2/);
    const orphan = await verifyExchange(blob(await withTextsPart((ws) => utf8.encode(JSON.stringify({ id: 'not-there', workspaceId: ws, text: 'a' }) + '\n'))));
    expect(orphan.problems.map((p) => [p.code, p.message])).toEqual([['data-inconsistent', expect.stringMatching(/not-there/)]]);
    const foreign = await verifyExchange(blob(await withTextsPart(utf8.encode(JSON.stringify({ id: 'doc-perda', workspaceId: 'someone-else', text: 'a' }) + '\n'))));
    expect(foreign.problems.map((p) => [p.code, p.message])).toEqual([['data-inconsistent', expect.stringMatching(/another workspace/)]]);
  });

  it('a version-1 file (every text in one JSON array) still verifies, migrates and imports its texts', async () => {
    const db = freshDb();
    const { ws } = await cityWorkspace(db);
    const expected = (await db.texts.toArray()).map((r) => fromStored(r)).sort((a, b) => a.id.localeCompare(b.id));
    const v1 = await rebuildFile(await exportBytes(db, ws.id), async (m, sources) => {
      (m as { formatVersion: number }).formatVersion = 1;
      const s = sources.find((x) => x.part.kind === 'texts')!;
      const plain = utf8.encode(JSON.stringify(expected));
      const packed = await deflateRaw(plain);
      const { crc32 } = await import('./crc');
      Object.assign(s, { part: { ...s.part, path: 'data/texts.json', size: plain.length, sha256: await sha256HexOf(plain), storedSize: packed.length }, bytes: packed, deflated: { crc32: crc32(plain) } });
    });
    const report = await verifyExchange(blob(v1));
    expect(report.problems).toEqual([]);
    expect(report.format).toMatchObject({ version: 1, migratedFrom: 1 });
    const db2 = freshDb();
    expect(await importExchange(db2, report.exchange!, { as: 'evaluator', now: CITY.now })).toMatchObject({ ok: true });
    expect((await db2.texts.toArray()).map((r) => fromStored(r)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(expected);
    // the version decides the layout: a version-2 manifest naming the array part is refused
    const mixed = await rebuildFile(v1, (m) => void ((m as { formatVersion: number }).formatVersion = 2));
    expect((await verifyExchange(blob(mixed))).problems.map((p) => p.code)).toEqual(['manifest-invalid']);
  });
});

describe('isJoinOf (a row carries its pages alone when its text is their join)', () => {
  const page = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', '\n', '\n\n', ' \t', 'a', ' a ', '\u00a0x'), fc.string({ unit: fc.constantFrom(' ', '\n', 'x', 'é', '\u2028'), maxLength: 8 }));
  it('agrees with joinPages(pages) === text', () => {
    fc.assert(
      fc.property(fc.array(page, { minLength: 1, maxLength: 6 }), fc.nat(), fc.string({ maxLength: 3 }), (pages, cut, extra) => {
        const joined = joinPages(pages);
        expect(isJoinOf(joined, pages)).toBe(true);
        const variants = [joined + extra, extra + joined, joined.slice(0, cut % (joined.length + 1)), joined.replace(/x/, 'y'), ` ${joined}`, pages.join('\n')];
        for (const v of variants) expect(isJoinOf(v, pages)).toBe(joinPages(pages) === v);
      }),
      { numRuns: 2000 },
    );
  });
});
