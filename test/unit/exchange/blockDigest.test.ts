import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, BlockDigest } from '../../../src/domain/exchange/checksum';

/** The file digest as the format defines it, computed independently with Node's crypto. */
function reference(bytes: Uint8Array): string {
  const blocks: Buffer[] = [];
  for (let o = 0; o < bytes.length || (o === 0 && blocks.length === 0); o += BLOCK_SIZE) {
    blocks.push(createHash('sha256').update(bytes.subarray(o, o + BLOCK_SIZE)).digest());
    if (bytes.length === 0) break;
  }
  return createHash('sha256').update(Buffer.concat(blocks)).digest('hex');
}

async function digestInChunks(bytes: Uint8Array, sizes: number[]): Promise<string> {
  const d = new BlockDigest();
  let o = 0;
  for (let i = 0; o < bytes.length; i++) {
    const n = sizes[i % sizes.length];
    await d.update(bytes.subarray(o, o + n));
    o += n;
  }
  return d.hex();
}

describe('BlockDigest (the file checksum)', () => {
  const bytes = new Uint8Array(2 * BLOCK_SIZE + 12_345).map((_, i) => (i * 31 + (i >> 11)) & 255);

  it('is SHA-256 over the SHA-256 of each 1 MiB block, however the bytes are cut', async () => {
    const want = reference(bytes);
    expect(await digestInChunks(bytes, [BLOCK_SIZE * 3])).toBe(want);
    expect(await digestInChunks(bytes, [65_536])).toBe(want);
    expect(await digestInChunks(bytes, [7, 1_000_003, 98, BLOCK_SIZE])).toBe(want);
  });

  it('covers an exact number of blocks and empty input', async () => {
    const whole = bytes.subarray(0, 2 * BLOCK_SIZE);
    expect(await digestInChunks(whole, [300_000])).toBe(reference(whole));
    expect(await new BlockDigest().hex()).toBe(reference(new Uint8Array(0)));
  });
});
