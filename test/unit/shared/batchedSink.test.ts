// @vitest-environment node
/** Export writes gathered into large writes (src/shared/exchangeIo.ts batchedSink). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchedSink, stepsOf, throttleProgress } from '../../../src/shared/exchangeIo';

function target() {
  const writes: Uint8Array[] = [];
  const state = { closed: false, aborted: undefined as unknown };
  const stream = new WritableStream<Uint8Array>({
    write: (c) => void writes.push(c),
    close: () => void (state.closed = true),
    abort: (r) => void (state.aborted = r),
  });
  return { writes, state, stream };
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return out;
};

describe('batchedSink', () => {
  it('passes every byte in order, in writes of the batch size, never reusing an array it handed over', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 0, maxLength: 300 }), { maxLength: 40 }), async (chunks) => {
        const t = target();
        const w = batchedSink(t.stream, 100).getWriter();
        for (const c of chunks) await w.write(c.slice());
        await w.close();
        const copies = t.writes.map((x) => x.slice());
        expect(concat(t.writes)).toEqual(concat(chunks));
        expect(t.writes.map((x) => x.slice())).toEqual(copies);
        expect(t.state.closed).toBe(true);
        // only a chunk larger than a batch is written on its own; the others fill batches
        for (const x of t.writes) expect(x.length <= 100 || chunks.some((c) => c.length === x.length)).toBe(true);
        const total = chunks.reduce((s, c) => s + c.length, 0);
        if (chunks.every((c) => c.length <= 10)) expect(t.writes.length).toBeLessThanOrEqual(Math.ceil(total / 90) + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('gathers Blobs and the bytes around them, in order, into one Blob per batch', async () => {
    const writes: (Uint8Array | Blob)[] = [];
    const stream = new WritableStream<Uint8Array | Blob>({ write: (c) => void writes.push(c) });
    const w = batchedSink(stream, 100).getWriter();
    await w.write(new Uint8Array([1, 2]));
    await w.write(new Blob([new Uint8Array([7, 7, 7])]));
    await w.write(new Uint8Array([3]));
    await w.write(new Blob([new Uint8Array(120).fill(9)])); // passes the batch size: written now
    await w.write(new Uint8Array([4, 5]));
    await w.close();
    expect(writes).toHaveLength(2);
    expect(writes[0]).toBeInstanceOf(Blob);
    const first = [...new Uint8Array(await (writes[0] as Blob).arrayBuffer())];
    expect(first).toEqual([1, 2, 7, 7, 7, 3, ...Array(120).fill(9)]);
    expect([...(writes[1] as Uint8Array)]).toEqual([4, 5]);
  });

  it('an aborted export reaches the file (nothing half written is kept) and is not closed', async () => {
    const t = target();
    const w = batchedSink(t.stream, 100).getWriter();
    await w.write(new Uint8Array(50));
    await w.abort(new Error('disk full'));
    expect((t.state.aborted as Error).message).toBe('disk full');
    expect(t.state.closed).toBe(false);
    expect(t.writes).toEqual([]);
  });
});

describe('export progress', () => {
  it('is passed on at most every 200 ms, and when everything is written', () => {
    let t = 0;
    const seen: number[] = [];
    const report = throttleProgress((w) => seen.push(w), 200, () => t);
    for (let w = 1; w <= 1000; w++) {
      t = w * 2; // a chunk every 2 ms
      report(w, 1000);
    }
    // 2 s of chunks: about ten reports, not a thousand, the last one complete
    expect(seen.length).toBeGreaterThanOrEqual(9);
    expect(seen.length).toBeLessThanOrEqual(12);
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(1000);
  });

  it("an export step is said at once, its counts at most every 200 ms, and a step's last count always", () => {
    let t = 0;
    const seen: string[] = [];
    const say = stepsOf((step, done, total) => seen.push(`${step} ${done}/${total}`), () => t);
    say('collect', 0, 0);
    say('evidence', 0, 100);
    t += 50;
    say('evidence', 25, 100); // within 200 ms of the last: dropped
    t += 200;
    say('evidence', 50, 100);
    say('write', 10, 1000); // a new step: at once
    t += 10;
    say('write', 1000, 1000); // the last of its step: always
    expect(seen).toEqual(['collect 0/0', 'evidence 0/100', 'evidence 50/100', 'write 10/1000', 'write 1000/1000']);
  });
});
