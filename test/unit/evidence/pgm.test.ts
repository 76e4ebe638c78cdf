// @vitest-environment node
/** The page handed to OCR as greyscale PGM (src/workers/readers/ocr.ts toPgm). */
import { describe, expect, it } from 'vitest';
import { toPgm } from '../../../src/workers/readers/ocr';

describe('toPgm', () => {
  it('writes a P5 header and one grey byte per pixel, weighted 0.3 / 0.5 / 0.2', async () => {
    // white, black, pure red, pure green, pure blue, mid grey (alpha ignored)
    const px = [255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 128, 128, 128, 0];
    const blob = toPgm({ width: 3, height: 2, data: Uint8ClampedArray.from(px) } as unknown as ImageData);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const header = 'P5\n3 2\n255\n';
    expect(new TextDecoder().decode(bytes.subarray(0, header.length))).toBe(header);
    expect([...bytes.subarray(header.length)]).toEqual([255, 0, 76, 127, 50, 128]);
  });
});
