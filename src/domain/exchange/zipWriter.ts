/**
 * The zip layer of an exchange file, written here rather than by zip.js (which still reads every
 * file). An export is 5,000 evidence entries stored as they are: zip.js pumped every byte through
 * its chunking streams and JavaScript CRC-32, and the page then copied each byte again into the
 * file. Here an evidence Blob is handed to the sink by reference (the browser copies it to the
 * file itself, or composes the download of the stored Blobs), and the page only reads it once to
 * hash it: CRC-32, SHA-256 and the file checksum, all with hash-wasm.
 *
 * What is written: a local header, the data, and when the CRC-32 is not known before the data a
 * data descriptor (flag bit 3); then the central directory; zip64 records when asked or needed;
 * the end record whose comment is the checksum (checksum.ts) of every byte before it.
 */
import { createCRC32, type IHasher } from 'hash-wasm';
import { BlockDigest, checksumComment } from './checksum';
import { utf8 } from './bytes';

/**
 * Where the file goes. With `blobs` set, the sink must also take Blobs (File System Access
 * streams do; exchangeIo's Blob-parts sink does): evidence is then written by reference.
 */
export type ZipSink = WritableStream<Uint8Array>;

export interface ZipEntryIn {
  path: string;
  /** 0 stored, 8 raw DEFLATE (the data is already deflated). */
  method: 0 | 8;
  /** Size of the uncompressed content, and of the bytes written. */
  size: number;
  storedSize: number;
  /** CRC-32 of the uncompressed content; when absent (method 0 only) computed from the data and written in a data descriptor. */
  crc32?: number;
  data: Uint8Array | Blob | (() => ReadableStream<Uint8Array>);
  /** The Blob's bytes, read ahead while the entry before was hashed (null: read it as a stream). */
  ahead?: Promise<Uint8Array | null>;
  /** Sees every byte of the data (to check it against a known hash while it passes). */
  onData?: (chunk: Uint8Array) => void;
  /** Called after the last byte of the data. */
  onEnd?: () => void;
}

export interface ZipOptions {
  createdAt: number;
  manifestSha256: string;
  zip64: boolean;
  /** The sink takes Blobs: evidence is written by reference. Otherwise its bytes are written. */
  blobs: boolean;
  onWrite?: (bytes: number) => void;
}

const MAX32 = 0xffffffff;

function dosDateTime(ms: number): { time: number; date: number } {
  const d = new Date(ms);
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

class Bytes {
  readonly buf: Uint8Array;
  readonly dv: DataView;
  o = 0;
  constructor(n: number) {
    this.buf = new Uint8Array(n);
    this.dv = new DataView(this.buf.buffer);
  }
  u16(v: number) {
    this.dv.setUint16(this.o, v, true);
    this.o += 2;
    return this;
  }
  u32(v: number) {
    this.dv.setUint32(this.o, v >>> 0, true);
    this.o += 4;
    return this;
  }
  u64(v: number) {
    this.dv.setBigUint64(this.o, BigInt(v), true);
    this.o += 8;
    return this;
  }
  raw(b: Uint8Array) {
    this.buf.set(b, this.o);
    this.o += b.length;
    return this;
  }
}

interface Written {
  name: Uint8Array;
  method: number;
  flags: number;
  crc32: number;
  size: number;
  storedSize: number;
  offset: number;
}

export class ZipOut {
  private readonly writer: WritableStreamDefaultWriter<Uint8Array | Blob>;
  private readonly digest = new BlockDigest();
  private readonly entries: Written[] = [];
  private readonly dos: { time: number; date: number };
  private crc: IHasher | null = null;
  written = 0;

  constructor(
    sink: ZipSink,
    private readonly options: ZipOptions,
  ) {
    this.writer = (sink as WritableStream<Uint8Array | Blob>).getWriter();
    this.dos = dosDateTime(options.createdAt);
  }

  /** Bytes that count towards the file checksum and are written. */
  private async emit(bytes: Uint8Array, write = true) {
    if (!bytes.length) return;
    if (write) await this.put(bytes);
    await this.digest.update(bytes);
    this.written += bytes.length;
    this.options.onWrite?.(this.written);
  }

  private async put(chunk: Uint8Array | Blob) {
    // `ready` applies the sink's backpressure; a failed write rejects `ready`, or `close` at the latest
    await this.writer.ready;
    this.writer.write(chunk).catch(() => undefined);
  }

  async add(e: ZipEntryIn): Promise<void> {
    const name = utf8.encode(e.path);
    const descriptor = e.crc32 === undefined;
    if (descriptor && e.method !== 0) throw new Error(`zip: a deflated entry needs its CRC-32 (${e.path})`);
    const flags = 0x0800 | (descriptor ? 8 : 0);
    const z64 = this.options.zip64;
    const offset = this.written;
    const h = new Bytes(30 + name.length + (z64 ? 20 : 0));
    h.u32(0x04034b50).u16(z64 ? 45 : 20).u16(flags).u16(e.method).u16(this.dos.time).u16(this.dos.date);
    h.u32(e.crc32 ?? 0).u32(z64 ? MAX32 : descriptor ? 0 : e.storedSize).u32(z64 ? MAX32 : descriptor ? 0 : e.size);
    h.u16(name.length).u16(z64 ? 20 : 0).raw(name);
    if (z64) h.u16(1).u16(16).u64(descriptor ? 0 : e.size).u64(descriptor ? 0 : e.storedSize);
    await this.emit(h.buf);

    let crc = e.crc32;
    const hasher = descriptor ? await this.crcHasher() : null;
    const seen = await this.data(e, hasher);
    if (seen !== e.storedSize) throw new Error(`zip: "${e.path}" gave ${seen} bytes, expected ${e.storedSize}`);
    e.onEnd?.();
    if (hasher) {
      crc = parseInt(hasher.digest('hex'), 16);
      const d = new Bytes(z64 ? 24 : 16);
      d.u32(0x08074b50).u32(crc);
      if (z64) d.u64(e.storedSize).u64(e.size);
      else d.u32(e.storedSize).u32(e.size);
      await this.emit(d.buf);
    }
    this.entries.push({ name, method: e.method, flags, crc32: crc!, size: e.size, storedSize: e.storedSize, offset });
  }

  private async crcHasher(): Promise<IHasher> {
    this.crc ??= await createCRC32();
    return this.crc.init();
  }

  /** Writes the entry's data; returns how many bytes it had. */
  private async data(e: ZipEntryIn, crc: IHasher | null): Promise<number> {
    const see = (chunk: Uint8Array) => {
      crc?.update(chunk);
      e.onData?.(chunk);
    };
    if (e.data instanceof Uint8Array) {
      see(e.data);
      await this.emit(e.data);
      return e.data.length;
    }
    const byReference = e.data instanceof Blob && this.options.blobs;
    if (byReference) await this.put(e.data as Blob);
    const early = await e.ahead;
    if (early && early.length === e.storedSize) {
      see(early);
      await this.emit(early, !byReference);
      return early.length;
    }
    const stream = e.data instanceof Blob ? e.data.stream() : e.data();
    const reader = stream.getReader();
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.length;
      if (n > e.storedSize) {
        await reader.cancel().catch(() => undefined);
        break;
      }
      see(value);
      await this.emit(value, !byReference);
    }
    return n;
  }

  /** Central directory, zip64 records, end record and checksum comment; closes the sink. */
  async close(): Promise<string> {
    const z64 = this.options.zip64;
    const cdStart = this.written;
    for (const e of this.entries) {
      const c = new Bytes(46 + e.name.length + (z64 ? 28 : 0));
      c.u32(0x02014b50).u16(z64 ? 45 : 20).u16(z64 ? 45 : 20).u16(e.flags).u16(e.method).u16(this.dos.time).u16(this.dos.date);
      c.u32(e.crc32).u32(z64 ? MAX32 : e.storedSize).u32(z64 ? MAX32 : e.size);
      c.u16(e.name.length).u16(z64 ? 28 : 0).u16(0).u16(0).u16(0).u32(0).u32(z64 ? MAX32 : e.offset).raw(e.name);
      if (z64) c.u16(1).u16(24).u64(e.size).u64(e.storedSize).u64(e.offset);
      await this.emit(c.buf);
    }
    const cdSize = this.written - cdStart;
    const n = this.entries.length;
    if (z64) {
      const at = this.written;
      const r = new Bytes(56 + 20);
      r.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0).u64(n).u64(n).u64(cdSize).u64(cdStart);
      r.u32(0x07064b50).u32(0).u64(at).u32(1);
      await this.emit(r.buf);
    }
    const comment = checksumComment(this.options.manifestSha256, '0'.repeat(64));
    const end = new Bytes(22);
    end.u32(0x06054b50).u16(0).u16(0).u16(Math.min(n, 0xffff)).u16(Math.min(n, 0xffff));
    end.u32(z64 ? MAX32 : cdSize).u32(z64 ? MAX32 : cdStart).u16(comment.length);
    await this.emit(end.buf);
    const fileDigest = await this.digest.hex();
    await this.put(checksumComment(this.options.manifestSha256, fileDigest));
    this.written += comment.length;
    this.options.onWrite?.(this.written);
    await this.writer.close();
    return fileDigest;
  }

  async abort(reason: unknown): Promise<void> {
    await this.writer.abort(reason).catch(() => undefined);
  }
}

/** Whether a file of about `total` bytes and `entries` entries needs no zip64 records. */
export const fitsZip32 = (total: number, entries: number): boolean => total <= 0xfff00000 && entries < 0xffff;

/** Blobs up to this size are read whole, one entry ahead of the one being hashed. */
export const READ_AHEAD_MAX = 16 * 1024 * 1024;

export function readAhead(data: ZipEntryIn['data'] | undefined): Promise<Uint8Array | null> | undefined {
  if (!(data instanceof Blob) || data.size > READ_AHEAD_MAX) return undefined;
  return data.arrayBuffer().then(
    (b) => new Uint8Array(b),
    () => null,
  );
}
