// @vitest-environment node
/**
 * Property-based tests (fast-check) of what reads other people's bytes: the .kla reader, the rules
 * loader, the points JSON of `kla score`, and the office readers. Every input is refused with a
 * reason or read; nothing throws out, hangs, or lets a value past the bounds. Run counts are in
 * each `numRuns`; `FUZZ_RUNS` multiplies them (the long mode of `npm run test:faults`).
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importExchange } from '../../../src/db/exchange';
import { docxText, spreadsheetText } from '../../../src/domain/evidence/office';
import { BOUNDS, verifyExchange } from '../../../src/domain/exchange';
import { deflateRaw, sha256HexOf, utf8 } from '../../../src/domain/exchange/bytes';
import { parseRulesText } from '../../../src/domain/rules/load';
import { validatePoints } from '../../../src/domain/scoring';
import { DEMO_KLA } from '../../fixtures/make-demo-kla';
import { rulesText } from '../helpers';
import { crc32 } from './crc';
import { freshDb, rebuildFile, rules } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * RUNS));
const demo = new Uint8Array(readFileSync(DEMO_KLA));
const blob = (b: Uint8Array) => new Blob([b as BlobPart]);

describe('.kla reader', () => {
  it('flipped, cut and inserted bytes are refused with a reason, never thrown', async () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat({ max: demo.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: demo.length - 1 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat({ max: demo.length - 1 }), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        let b = demo.slice();
        for (const e of edits) {
          if (e.kind === 'flip') b[Math.min(e.at, b.length - 1)] ^= e.xor;
          else if (e.kind === 'cut') b = b.slice(0, Math.min(e.at, b.length));
          else b = new Uint8Array([...b.subarray(0, e.at), ...e.bytes, ...b.subarray(e.at)]);
        }
        const r = await verifyExchange(blob(b));
        expect(r.ok).toBe(false);
        expect(r.problems.length).toBeGreaterThan(0);
        for (const p of r.problems) expect(typeof p.code).toBe('string');
      }),
      { numRuns: runs(150) },
    );
  }, 120_000 * RUNS);

  /** A re-signed edit: a data-part value replaced by anything, with every hash recomputed. */
  it('a data part edited at random and re-signed verifies only with values inside the bounds, and imports without throwing', async () => {
    const report = await verifyExchange(blob(demo));
    const base = JSON.parse(JSON.stringify(report.exchange!.data));
    const tables = ['answers', 'documents', 'links', 'activity', 'reviews', 'revisionItems', 'workspace'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...tables), fc.nat(), fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), async (table, row, field, value) => {
        const data = JSON.parse(JSON.stringify(base));
        const target = table === 'workspace' ? data.workspace : data[table][row % Math.max(1, data[table].length)];
        if (!target) return;
        const keys = Object.keys(target);
        target[field && !keys.includes(field) && field.length > 3 ? field : keys[row % keys.length]] = value;
        const plain = utf8.encode(JSON.stringify(data));
        const packed = await deflateRaw(plain);
        const file = await rebuildFile(demo, async (_m, sources) => {
          const s = sources.find((x) => x.part.kind === 'data')!;
          Object.assign(s, { part: { ...s.part, size: plain.length, sha256: await sha256HexOf(plain), storedSize: packed.length }, bytes: packed, deflated: { crc32: crc32(plain) } });
        });
        const r = await verifyExchange(blob(file));
        if (!r.ok) return void expect(r.problems.length).toBeGreaterThan(0);
        const d = r.exchange!.data;
        for (const a of d.answers) if (a.points !== null) expect(a.points).toBeLessThanOrEqual(rules.questionByCode.get(a.code)?.maxPoints ?? BOUNDS.points);
        expect(d.workspace.revisionHours).toBeLessThanOrEqual(BOUNDS.revisionHours[1]);
        for (const x of [...d.documents.map((x) => x.addedAt), ...d.links.map((x) => x.createdAt), ...d.activity.map((x) => x.at)]) expect(x).toBeLessThanOrEqual(BOUNDS.maxTime);
        const res = await importExchange(freshDb(), r.exchange!, { as: 'evaluator', now: 1_700_000_000_000 });
        expect(typeof res.ok).toBe('boolean');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: runs(60) },
    );
  }, 180_000 * RUNS);

  it('`__proto__` keys in the data stay plain data', async () => {
    const report = await verifyExchange(blob(demo));
    const text = JSON.stringify(report.exchange!.data).replace('"dataValues":{', '"dataValues":{"__proto__":{"polluted":"yes"},');
    const plain = utf8.encode(text);
    const packed = await deflateRaw(plain);
    const file = await rebuildFile(demo, async (_m, sources) => {
      const s = sources.find((x) => x.part.kind === 'data')!;
      Object.assign(s, { part: { ...s.part, size: plain.length, sha256: await sha256HexOf(plain), storedSize: packed.length }, bytes: packed, deflated: { crc32: crc32(plain) } });
    });
    const r = await verifyExchange(blob(file));
    if (r.ok) {
      const db = freshDb();
      await importExchange(db, r.exchange!, { as: 'evaluator', now: 1_700_000_000_000 });
      for (const a of await db.answers.toArray()) expect(Object.getPrototypeOf(a.dataValues)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('rules loader and points', () => {
  it('any JSON value anywhere in the rules file gives errors or rules, never an exception', () => {
    const base = JSON.parse(rulesText());
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        const doc = JSON.parse(JSON.stringify(base));
        let node = doc;
        for (const i of path.slice(0, -1)) {
          const keys = node && typeof node === 'object' ? Object.keys(node) : [];
          if (!keys.length) break;
          const next = node[keys[i % keys.length]];
          if (!next || typeof next !== 'object') break;
          node = next;
        }
        const keys = Object.keys(node);
        if (keys.length) node[keys[path[path.length - 1] % keys.length]] = value;
        const r = parseRulesText(JSON.stringify(doc), 'x'.repeat(64));
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: runs(200) },
    );
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => void expect(typeof parseRulesText(s, 'y').ok).toBe('boolean')), { numRuns: runs(200) });
    // ~19 s alone on this 2-core machine since the rules file holds the question profiles (1.6 MB
    // parsed 200 times); 47 s once beside a CI run: a time limit, not a target
  }, 90_000 * RUNS);

  it('`kla score` points: anything in, problems or points within each maximum out', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom('1.1', '2.1', '6.1', 'nope', '__proto__'), fc.oneof(fc.double(), fc.integer(), fc.string())), (any, dict) => {
        for (const input of [any, dict]) {
          const { points } = validatePoints(rules, input);
          for (const [code, v] of points) expect(v).toBeLessThanOrEqual(rules.questionByCode.get(code)!.maxPoints);
        }
      }),
      { numRuns: runs(300) },
    );
  }, 30_000 * RUNS);
});

describe('office readers', () => {
  it('random bytes behind a zip signature, and zips of random XML, are errors or text, never hangs', async () => {
    const { TextReader, Uint8ArrayWriter, ZipWriter } = await import('@zip.js/zip.js');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.string({ maxLength: 400 }), async (bytes, xml) => {
        const junk = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes]);
        for (const read of [docxText, spreadsheetText]) await read(junk).then(() => undefined, (e) => expect(e).toBeInstanceOf(Error));
        const zip = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
        await zip.add('word/document.xml', new TextReader(xml));
        await zip.add('xl/workbook.xml', new TextReader(xml));
        const z = await zip.close();
        for (const read of [docxText, spreadsheetText]) await read(z).then(() => undefined, (e) => expect(e).toBeInstanceOf(Error));
      }),
      { numRuns: runs(150) },
    );
  }, 120_000 * RUNS);
});
