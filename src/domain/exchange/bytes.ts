/**
 * Byte helpers for the exchange format: hex/base64, big-endian integers, concatenation and
 * SHA-256 of in-memory bytes. Web-standard APIs only (TextEncoder, crypto.subtle, atob/btoa), so
 * the same code runs in the browser, in a worker and in Node 20; CRC-32 from hash-wasm.
 */
import { createCRC32 } from 'hash-wasm';

export const utf8 = new TextEncoder();
export const utf8Decode = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(b);

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i].toString(16).padStart(2, '0');
  return s;
}

export function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function u32be(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0, false);
  return b;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** SHA-256 of bytes already in memory (native WebCrypto: fast, not streaming). */
export async function sha256Bytes(b: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', b as BufferSource));
}

export const sha256HexOf = async (b: Uint8Array): Promise<string> => toHex(await sha256Bytes(b));

/** The zip CRC-32 of bytes already in memory. */
export async function crc32Of(b: Uint8Array): Promise<number> {
  return parseInt((await createCRC32()).init().update(b).digest('hex'), 16);
}

/** Read a whole ReadableStream into memory (only for small parts: JSON, the manifest). */
export async function readAll(stream: ReadableStream<Uint8Array>, limit = Infinity): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let n = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > limit) {
      await reader.cancel();
      throw new RangeError(`more than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}

/** Raw DEFLATE (zip method 8) with the platform's CompressionStream. */
export async function deflateRaw(b: Uint8Array): Promise<Uint8Array> {
  const s = new Blob([b as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return readAll(s as ReadableStream<Uint8Array>);
}

/** Inverse of deflateRaw; refuses output larger than `limit` (a decompression bomb). */
export async function inflateRaw(b: Uint8Array, limit: number): Promise<Uint8Array> {
  const s = new Blob([b as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return readAll(s as ReadableStream<Uint8Array>, limit);
}
