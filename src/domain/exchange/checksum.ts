/**
 * The file checksum: catches a changed byte ANYWHERE in the file, including the zip headers and
 * the central directory that no part hash covers.
 *
 * The zip's end-of-central-directory comment (the last COMMENT_LENGTH bytes of the file) reads
 *   siap-kla-exchange;manifest=<sha256 of manifest.json>;file=<file digest>
 * where the file digest is SHA-256 over the concatenated SHA-256 of each 1 MiB block of every byte
 * before the comment (blocks, so the digest could be spread over threads; one thread does it today).
 *
 * Writing: the zip writer writes a placeholder comment; `ChecksumSink` passes every byte on to
 * the real sink except the last COMMENT_LENGTH, which it holds back and replaces at close.
 */
import { createSHA256, type IHasher } from 'hash-wasm';
import { concatBytes, equalBytes, sha256Bytes, toHex, utf8 } from './bytes';

export const BLOCK_SIZE = 1 << 20;
const PREFIX = 'siap-kla-exchange;manifest=';
const MIDDLE = ';file=';
export const COMMENT_LENGTH = PREFIX.length + 64 + MIDDLE.length + 64;

export function checksumComment(manifestSha256: string, fileDigest: string): Uint8Array {
  return utf8.encode(`${PREFIX}${manifestSha256}${MIDDLE}${fileDigest}`);
}

export function parseChecksumComment(bytes: Uint8Array): { manifest: string; file: string } | null {
  if (bytes.length !== COMMENT_LENGTH) return null;
  let s: string;
  try {
    s = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const m = /^siap-kla-exchange;manifest=([0-9a-f]{64});file=([0-9a-f]{64})$/.exec(s);
  return m ? { manifest: m[1], file: m[2] } : null;
}

/**
 * SHA-256 over the SHA-256 of each 1 MiB block of the bytes fed in. The blocks are hashed as the
 * bytes arrive, with hash-wasm: in Chromium on the team's machine WebCrypto's digest ran at
 * 116-166 MB/s on 1 MiB blocks (and copies each one), hash-wasm at ~380 MB/s in place.
 */
export class BlockDigest {
  private block: IHasher | null = null;
  private fill = 0;
  private readonly digests: Uint8Array[] = [];
  bytes = 0;

  private async hasher(): Promise<IHasher> {
    if (!this.block) {
      this.block = await createSHA256();
      this.block.init();
    }
    return this.block;
  }

  async update(chunk: Uint8Array): Promise<void> {
    const h = await this.hasher();
    this.bytes += chunk.length;
    let o = 0;
    while (o < chunk.length) {
      const n = Math.min(BLOCK_SIZE - this.fill, chunk.length - o);
      h.update(chunk.subarray(o, o + n));
      this.fill += n;
      o += n;
      if (this.fill === BLOCK_SIZE) {
        this.digests.push(h.digest('binary'));
        h.init();
        this.fill = 0;
      }
    }
  }

  async hex(): Promise<string> {
    const h = await this.hasher();
    if (this.fill > 0 || this.digests.length === 0) this.digests.push(h.digest('binary'));
    this.fill = 0;
    h.init();
    return toHex(await sha256Bytes(concatBytes(this.digests)));
  }
}

/**
 * A WritableStream in front of the caller's sink that computes the file digest and fills in the
 * checksum comment. It closes (or aborts) the caller's sink when it is closed (or aborted).
 */
export class ChecksumSink {
  readonly writable: WritableStream<Uint8Array>;
  private readonly digest = new BlockDigest();
  private tail = new Uint8Array(0);
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  written = 0;
  fileDigest: string | null = null;

  constructor(
    sink: WritableStream<Uint8Array>,
    private readonly placeholder: Uint8Array,
    private readonly manifestSha256: string,
    private readonly onWrite?: (bytes: number) => void,
  ) {
    this.writer = sink.getWriter();
    this.writable = new WritableStream<Uint8Array>({
      write: (chunk) => this.write(chunk),
      close: () => this.close(),
      abort: async (reason) => {
        await this.writer.abort(reason);
      },
    });
  }

  /** Abort the caller's sink (a failed export leaves no half file behind, where the sink can undo). */
  async abort(reason: unknown): Promise<void> {
    await this.writer.abort(reason).catch(() => undefined);
  }

  private async emit(bytes: Uint8Array) {
    if (!bytes.length) return;
    // The zip writer hands over fresh arrays and never touches them again, so the chunk can sit in
    // the sink's queue while the next one is read and hashed: reading, hashing and disk writes
    // overlap. `ready` applies the sink's backpressure (its queue stays at its high-water mark);
    // a failed write rejects `ready`, or `close` at the latest.
    await this.writer.ready;
    this.writer.write(bytes).catch(() => undefined);
    await this.digest.update(bytes);
    this.written += bytes.length;
    this.onWrite?.(this.written);
  }

  private async write(chunk: Uint8Array) {
    const keep = this.placeholder.length;
    if (chunk.length >= keep) {
      const head = this.tail;
      this.tail = chunk.slice(chunk.length - keep);
      await this.emit(head);
      await this.emit(chunk.subarray(0, chunk.length - keep));
    } else {
      const all = concatBytes([this.tail, chunk]);
      const cut = Math.max(0, all.length - keep);
      this.tail = all.slice(cut);
      await this.emit(all.subarray(0, cut));
    }
  }

  private async close() {
    if (!equalBytes(this.tail, this.placeholder)) throw new Error('zip writer did not end with the checksum comment');
    this.fileDigest = await this.digest.hex();
    const real = checksumComment(this.manifestSha256, this.fileDigest);
    await this.writer.write(real);
    this.written += real.length;
    this.onWrite?.(this.written);
    await this.writer.close();
  }
}
