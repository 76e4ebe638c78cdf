/**
 * Passphrase protection of an exchange file (WebCrypto only).
 *
 * - Key: PBKDF2-SHA-256 over the passphrase with a random 16-byte salt and >= 600,000 iterations
 *   (both stored in the manifest) -> one AES-256-GCM key per file.
 * - Every part is cut into chunks of `chunkSize` plaintext bytes (1 MiB); each chunk is sealed on
 *   its own, so parts of any size stream through with constant memory. A chunk on disk is its
 *   ciphertext followed by the 16-byte tag.
 * - IV (12 bytes) = noncePrefix (4 random bytes per file) | part index (u32) | chunk index (u32):
 *   never reused under one key.
 * - Additional data = "siap-kla-exchange/1" | part index | chunk index | final flag (1 on the last
 *   chunk): a chunk moved to another part or position, a dropped last chunk, or a cut file fails
 *   authentication.
 * - A check value (GCM of a known text under a reserved part index) lets a wrong passphrase fail
 *   at once with `wrong-passphrase`, before any part is read.
 * - Since format version 2 the PBKDF2 output is a master secret, and HKDF-SHA-256 derives two
 *   keys from it: the AES-GCM key and an HMAC-SHA-256 key. The HMAC seals the manifest (anyone can
 *   recompute a SHA-256; without the passphrase nobody can recompute the seal) and names the
 *   evidence parts by a keyed hash of their SHA-256, so a readable manifest no longer proves that a
 *   given document is inside. Version 1 files derive the AES key from PBKDF2 directly.
 */
import { concatBytes, u32be, utf8 } from './bytes';

export const DEFAULT_ITERATIONS = 600_000;
export const DEFAULT_CHUNK_SIZE = 1 << 20;
export const TAG_BYTES = 16;
const CHECK_PART = 0xffffffff;
const CHECK_TEXT = utf8.encode('siap-kla-exchange passphrase check');
const AAD_PREFIX = utf8.encode('siap-kla-exchange/1');

const subtle = () => globalThis.crypto.subtle;

export interface FileKeys {
  key: CryptoKey;
  /** HMAC-SHA-256 key (format version 2 on; null for version 1 files). */
  mac: CryptoKey | null;
}

/** The keys of a file: version 1 derives the AES key from PBKDF2 directly, version 2 through HKDF with an HMAC key beside it. */
export async function deriveKeys(passphrase: string, salt: Uint8Array, iterations: number, version: number): Promise<FileKeys> {
  if (version < 2) return { key: await deriveKey(passphrase, salt, iterations), mac: null };
  const base = await subtle().importKey('raw', utf8.encode(passphrase.normalize('NFC')) as BufferSource, 'PBKDF2', false, ['deriveBits']);
  const master = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, base, 256);
  const hkdf = await subtle().importKey('raw', master, 'HKDF', false, ['deriveKey']);
  const info = (s: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: utf8.encode(`siap-kla-exchange/2 ${s}`) as BufferSource });
  return {
    key: await subtle().deriveKey(info('aes-256-gcm'), hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    mac: await subtle().deriveKey(info('hmac-sha-256'), hkdf, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
  };
}

/** HMAC-SHA-256 (hex) of a text under the file's MAC key. */
export async function macHex(mac: CryptoKey, text: string): Promise<string> {
  const b = new Uint8Array(await subtle().sign('HMAC', mac, utf8.encode(text) as BufferSource));
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** The text a manifest's seal is computed over: the manifest as JSON with the seal left empty. */
export function sealedText(manifest: { encryption: unknown }): string {
  const enc = manifest.encryption as Record<string, unknown>;
  return JSON.stringify({ ...manifest, encryption: { ...enc, seal: '' } });
}

export async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', utf8.encode(passphrase.normalize('NFC')) as BufferSource, 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export const randomBytes = (n: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(n));

export const chunkCount = (encodedSize: number, chunkSize: number): number => Math.max(1, Math.ceil(encodedSize / chunkSize));
export const encryptedSize = (encodedSize: number, chunkSize: number): number => encodedSize + TAG_BYTES * chunkCount(encodedSize, chunkSize);

/** Inverse of encryptedSize; null when no plaintext size gives this stored size. */
export function plainSizeOf(storedSize: number, chunkSize: number): number | null {
  const n = Math.max(1, Math.ceil(storedSize / (chunkSize + TAG_BYTES)));
  const plain = storedSize - n * TAG_BYTES;
  return plain >= 0 && encryptedSize(plain, chunkSize) === storedSize ? plain : null;
}

function iv(prefix: Uint8Array, part: number, chunk: number): Uint8Array {
  return concatBytes([prefix, u32be(part), u32be(chunk)]);
}

function aad(part: number, chunk: number, final: boolean): Uint8Array {
  return concatBytes([AAD_PREFIX, u32be(part), u32be(chunk), new Uint8Array([final ? 1 : 0])]);
}

export interface ChunkKey {
  key: CryptoKey;
  /** Version 2 on: the HMAC key (seal and evidence part names). */
  mac?: CryptoKey | null;
  /** 4 bytes. */
  prefix: Uint8Array;
  chunkSize: number;
}

export async function sealChunk(k: ChunkKey, part: number, chunk: number, final: boolean, plain: Uint8Array): Promise<Uint8Array> {
  const out = await subtle().encrypt(
    { name: 'AES-GCM', iv: iv(k.prefix, part, chunk) as BufferSource, additionalData: aad(part, chunk, final) as BufferSource },
    k.key,
    plain as BufferSource,
  );
  return new Uint8Array(out);
}

/** Throws (OperationError) when the chunk does not authenticate. */
export async function openChunk(k: ChunkKey, part: number, chunk: number, final: boolean, sealed: Uint8Array): Promise<Uint8Array> {
  const out = await subtle().decrypt(
    { name: 'AES-GCM', iv: iv(k.prefix, part, chunk) as BufferSource, additionalData: aad(part, chunk, final) as BufferSource },
    k.key,
    sealed as BufferSource,
  );
  return new Uint8Array(out);
}

export const makeCheck = (k: ChunkKey): Promise<Uint8Array> => sealChunk(k, CHECK_PART, 0, true, CHECK_TEXT);

export async function passphraseMatches(k: ChunkKey, check: Uint8Array): Promise<boolean> {
  try {
    await openChunk(k, CHECK_PART, 0, true, check);
    return true;
  } catch {
    return false;
  }
}

/** Encrypts a part of known plaintext size as a stream (constant memory: one chunk buffered). */
export function encryptStream(k: ChunkKey, part: number, encodedSize: number): TransformStream<Uint8Array, Uint8Array> {
  const total = chunkCount(encodedSize, k.chunkSize);
  const buf = new Uint8Array(Math.min(k.chunkSize, Math.max(encodedSize, 0)) || 0);
  let fill = 0;
  let index = 0;
  let seen = 0;
  const emit = async (ctl: TransformStreamDefaultController<Uint8Array>, bytes: Uint8Array) => {
    const final = index === total - 1;
    ctl.enqueue(await sealChunk(k, part, index, final, bytes));
    index++;
  };
  return new TransformStream({
    async transform(chunk, ctl) {
      seen += chunk.length;
      if (seen > encodedSize) throw new Error(`part ${part}: more bytes than announced (${encodedSize})`);
      let o = 0;
      while (o < chunk.length) {
        const n = Math.min(buf.length - fill, chunk.length - o);
        buf.set(chunk.subarray(o, o + n), fill);
        fill += n;
        o += n;
        if (fill === buf.length && index < total - 1) {
          await emit(ctl, buf);
          fill = 0;
        }
      }
    },
    async flush(ctl) {
      if (seen !== encodedSize) throw new Error(`part ${part}: ${seen} bytes read, ${encodedSize} announced`);
      await emit(ctl, buf.subarray(0, fill));
      if (index !== total) throw new Error(`part ${part}: chunk count ${index} != ${total}`);
    },
  });
}

/**
 * Decrypts a part fed in arbitrary slices; `out` receives the plaintext chunk by chunk.
 * Throws DecryptError when a chunk does not authenticate or the part is cut short.
 */
export class PartDecryptor {
  private readonly sealedChunk: number;
  private readonly total: number;
  private buf: Uint8Array;
  private fill = 0;
  private index = 0;
  private fed = 0;

  constructor(
    private readonly k: ChunkKey,
    private readonly part: number,
    private readonly storedSize: number,
    private readonly out: (plain: Uint8Array) => Promise<void> | void,
  ) {
    this.sealedChunk = k.chunkSize + TAG_BYTES;
    this.total = Math.max(1, Math.ceil(storedSize / this.sealedChunk));
    this.buf = new Uint8Array(Math.min(this.sealedChunk, storedSize));
  }

  async feed(bytes: Uint8Array): Promise<void> {
    let o = 0;
    this.fed += bytes.length;
    if (this.fed > this.storedSize) throw new DecryptError('more bytes than the part holds');
    while (o < bytes.length) {
      const n = Math.min(this.buf.length - this.fill, bytes.length - o);
      this.buf.set(bytes.subarray(o, o + n), this.fill);
      this.fill += n;
      o += n;
      if (this.fill === this.buf.length && this.index < this.total - 1) await this.open();
    }
  }

  async finish(): Promise<void> {
    if (this.fed !== this.storedSize || this.index !== this.total - 1) throw new DecryptError('part cut short');
    await this.open();
  }

  private async open() {
    const final = this.index === this.total - 1;
    let plain: Uint8Array;
    try {
      plain = await openChunk(this.k, this.part, this.index, final, this.buf.subarray(0, this.fill));
    } catch {
      throw new DecryptError(`chunk ${this.index} does not authenticate`);
    }
    this.index++;
    this.fill = 0;
    await this.out(plain);
  }
}

export class DecryptError extends Error {}

/** PartDecryptor as a stream transform (stored bytes in, plaintext out). */
export function decryptStream(k: ChunkKey, part: number, storedSize: number): TransformStream<Uint8Array, Uint8Array> {
  let dec: PartDecryptor;
  return new TransformStream({
    start: (ctl) => void (dec = new PartDecryptor(k, part, storedSize, (b) => ctl.enqueue(b))),
    transform: (chunk) => dec.feed(chunk),
    flush: () => dec.finish(),
  });
}
