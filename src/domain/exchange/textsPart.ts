/**
 * The texts part, streamed both ways (format version 2): `data/texts.jsonl`, one document's
 * extracted text per line, raw DEFLATE like the other JSON parts.
 *
 * Version 1 wrote every text as one JSON array, twice over (the whole text and its pages), and
 * read it back whole: at 5,000 documents (~77,000 pages) that is a string near V8's largest and
 * the export stalled. Here the writer packs batches of rows as they are read from the database and
 * the reader checks the part row by row (size capped before inflating further, hashed, each row
 * schema-checked) keeping only the ids; the import reads the rows a second time, straight from the
 * file, in batches.
 *
 * A line carries `pages` alone when the text is their join (how the reader makes it), else `text`
 * too. Version-1 files (`data/texts.json`) are still read whole (read.ts).
 */
import { createCRC32, createSHA256 } from 'hash-wasm';
import * as v from 'valibot';
import type { EvidenceText } from '../model';
import { isJoinOf, joinPages, TEXT_IS_JOIN } from '../text';
import { utf8 } from './bytes';
import { localDeflater, type Deflater } from './deflate';
import { TextRow } from './schema';

export { isJoinOf, joinPages };

export const TEXTS_PATH = 'data/texts.jsonl';
/** One document's text may not pass this (a 60-page report is about 0.5 MB). */
export const MAX_TEXT_LINE = 32 * 1024 * 1024;
/** Rows per batch handed to the importer. */
export const TEXT_BATCH = 100;

/** A line of the texts part that is not a valid row (the part is intact but its content is not). */
export class RowError extends Error {}


export function encodeTextRow(t: EvidenceText): string {
  const { id, workspaceId, pages } = t;
  // a row read from the database as pages alone: its text is their join, never built here
  if (pages?.length && (TEXT_IS_JOIN in t || isJoinOf(t.text, pages))) return JSON.stringify({ id, workspaceId, pages });
  const { text } = t;
  return JSON.stringify(pages?.length ? { id, workspaceId, text, pages } : { id, workspaceId, text });
}

/** One line back to a row; throws with a short reason when the line is not a valid row. */
export function decodeTextRow(line: string): EvidenceText {
  const raw = JSON.parse(line) as Record<string, unknown> | null;
  if (raw && typeof raw === 'object' && raw.text === undefined && Array.isArray(raw.pages) && raw.pages.every((p) => typeof p === 'string')) {
    raw.text = joinPages(raw.pages as string[]);
  }
  const r = v.safeParse(TextRow, raw);
  if (!r.success) throw new Error(r.issues[0]?.message ?? 'not a text row');
  return r.output;
}

/** Splits UTF-8 bytes into lines (invalid UTF-8 and over-long lines throw). */
export class LineSplitter {
  private readonly dec = new TextDecoder('utf-8', { fatal: true });
  private carry = '';

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLine = MAX_TEXT_LINE,
  ) {}

  push(bytes: Uint8Array): void {
    const lines = (this.carry + this.dec.decode(bytes, { stream: true })).split('\n');
    this.carry = lines.pop()!;
    if (this.carry.length > this.maxLine) throw new RangeError(`a line longer than ${this.maxLine} characters`);
    for (const l of lines) if (l) this.onLine(l);
  }

  end(): void {
    const last = this.carry + this.dec.decode();
    this.carry = '';
    if (last) this.onLine(last);
  }
}

export interface PackedTexts {
  /** The deflated part (Blob parts, so a large part may live on disk rather than in the heap). */
  blob: Blob;
  size: number;
  sha256: string;
  crc32: number;
  rows: number;
  /** The documents whose rows were written, and each row's workspace, in order. */
  ids: string[];
  workspaceIds: string[];
}

/**
 * Lines as UTF-8, each followed by a newline, written straight into one buffer: joining them
 * first copied every batch's text once more (a few seconds over a kabupaten's 77,000 pages).
 */
export function encodeLines(lines: string[]): Uint8Array {
  const out = new Uint8Array(lines.reduce((n, l) => n + l.length * 3 + 1, 0));
  let o = 0;
  for (const l of lines) {
    o += utf8.encodeInto(l, out.subarray(o)).written;
    out[o++] = 0x0a;
  }
  return out.subarray(0, o);
}

/**
 * Deflate the rows as they come; null when there are none. With a deflater in a worker, the
 * rows of one batch are turned into JSON while the worker deflates the batch before.
 */
export async function packTexts(batches: AsyncIterable<EvidenceText[]>, deflater: Deflater = localDeflater()): Promise<PackedTexts | null> {
  const sha = await createSHA256();
  const crc = await createCRC32();
  sha.init();
  crc.init();
  let size = 0;
  let rows = 0;
  const ids: string[] = [];
  const workspaceIds: string[] = [];
  let blob: Blob;
  try {
    for await (const batch of batches) {
      if (!batch.length) continue;
      const lines = batch.map(encodeTextRow);
      // what a reader refuses is not written (the check of a file written here does not decode rows)
      const long = lines.findIndex((l) => l.length > MAX_TEXT_LINE);
      if (long >= 0) throw new RangeError(`the text of document ${batch[long].id} is longer than ${MAX_TEXT_LINE} characters`);
      const bytes = encodeLines(lines);
      sha.update(bytes);
      crc.update(bytes);
      size += bytes.length;
      rows += batch.length;
      for (const t of batch) (ids.push(t.id), workspaceIds.push(t.workspaceId));
      await deflater.write(bytes);
    }
    blob = await deflater.close();
  } catch (e) {
    await deflater.abort(e);
    throw e;
  }
  if (!rows) return null;
  return { blob, size, sha256: sha.digest('hex'), crc32: parseInt(crc.digest('hex'), 16), rows, ids, workspaceIds };
}

/**
 * The inflated bytes of the part, from a stream of its (decrypted) stored bytes. Output past
 * `limit` bytes is refused at once (a decompression bomb stops there, not at the end); `result`
 * receives the plaintext size, SHA-256 and CRC-32 when the stream ends.
 */
async function* inflated(stored: ReadableStream<Uint8Array>, limit: number, result: { size: number; sha256: string; crc32?: number }): AsyncGenerator<Uint8Array> {
  const sha = await createSHA256();
  const crc = await createCRC32();
  sha.init();
  crc.init();
  let size = 0;
  const reader = (stored.pipeThrough(new DecompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>) as ReadableStream<Uint8Array>).getReader();
  let ended = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) throw new RangeError(`too large: more than ${limit} bytes once inflated`);
      sha.update(value);
      crc.update(value);
      yield value;
    }
    ended = true;
  } finally {
    // an error here or in the consumer (a bad row): the producer must not wait for a reader gone
    if (!ended) await reader.cancel(new Error('texts part refused')).catch(() => undefined);
  }
  result.size = size;
  result.sha256 = sha.digest('hex');
  result.crc32 = parseInt(crc.digest('hex'), 16);
}

/** The rows of the part, one array per inflated chunk (see `inflated` for the limit and `result`). */
export async function* textRows(stored: ReadableStream<Uint8Array>, limit: number, result: { size: number; sha256: string; crc32?: number }): AsyncGenerator<EvidenceText[]> {
  let lineNo = 0;
  let rows: EvidenceText[] = [];
  const splitter = new LineSplitter((line) => {
    lineNo++;
    try {
      rows.push(decodeTextRow(line));
    } catch (e) {
      throw new RowError(`line ${lineNo}: ${(e as Error).message}`);
    }
  });
  for await (const value of inflated(stored, limit, result)) {
    splitter.push(value);
    if (rows.length) yield rows;
    rows = [];
  }
  splitter.end();
  if (rows.length) yield rows;
}

/**
 * Only the size, SHA-256 and CRC-32 of the inflated part (the same limit): for a file this tab has
 * just written, whose rows were encoded here from the database a moment ago.
 */
export async function inflatedDigest(stored: ReadableStream<Uint8Array>, limit: number, result: { size: number; sha256: string; crc32?: number }): Promise<void> {
  for await (const _ of inflated(stored, limit, result)) {
    /* hashed as it passes */
  }
}

/**
 * A ReadableStream fed by pushes (the verify pass reads the whole file once and pushes each part's
 * bytes): `push` waits while the consumer is behind, and throws once the consumer has given up.
 */
export function pushStream(): { stream: ReadableStream<Uint8Array>; push(b: Uint8Array): Promise<void>; close(): void } {
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  let wake: (() => void) | null = null;
  let cancelled: unknown = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      start: (c) => void (ctl = c),
      pull: () => {
        wake?.();
        wake = null;
      },
      cancel: (reason) => {
        cancelled = reason ?? new Error('cancelled');
        wake?.();
        wake = null;
      },
    },
    { highWaterMark: 4 },
  );
  return {
    stream,
    async push(b) {
      if (cancelled) throw cancelled;
      ctl.enqueue(b.slice());
      if ((ctl.desiredSize ?? 1) <= 0) await new Promise<void>((r) => (wake = r));
      if (cancelled) throw cancelled;
    },
    close: () => {
      if (!cancelled) ctl.close();
    },
  };
}
