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
import { utf8, utf8Decode } from './bytes';
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


/**
 * A text row's own fields, `{"pages":[…]}` (or with `text`), as UTF-8 JSON: how the database keeps
 * a text (src/db/texts.ts), and the row's line in this part once `{"id":…,"workspaceId":…,` is put
 * before it. A row read from the database carries them (a non-enumerable property), so the export
 * copies bytes instead of turning every page into JSON and UTF-8 again: at 5,000 documents
 * (289 MB of text) that was ~25 s of the page's main thread.
 */
export const FIELDS_JSON: unique symbol = Symbol('text row fields as UTF-8 JSON');

type TextFields = { text?: string; pages?: string[] };

/** The fields a row keeps: `pages` alone when the text is their join. */
function ownFields(t: EvidenceText): TextFields {
  const { pages } = t;
  if (pages?.length && (TEXT_IS_JOIN in t || isJoinOf(t.text, pages))) return { pages };
  return pages?.length ? { text: t.text, pages } : { text: t.text };
}

export const fieldsJsonOf = (t: EvidenceText): Uint8Array | undefined => (t as { [FIELDS_JSON]?: Uint8Array })[FIELDS_JSON];

/** What comes before the fields in a row's line. */
const lineHead = (t: Pick<EvidenceText, 'id' | 'workspaceId'>): string => `{"id":${JSON.stringify(t.id)},"workspaceId":${JSON.stringify(t.workspaceId)},`;

/** The row's fields as UTF-8 JSON (what the database keeps): the bytes it was read with, when it has them. */
export function encodeTextFields(t: EvidenceText): Uint8Array {
  return fieldsJsonOf(t) ?? utf8.encode(JSON.stringify(ownFields(t)));
}

/** A row from its fields' JSON: `text` and `pages` parsed when first read; the bytes kept for the export. */
export function textFromFields(id: string, workspaceId: string, json: Uint8Array): EvidenceText {
  let fields: TextFields | undefined;
  let joined: string | undefined;
  const read = (): TextFields => (fields ??= JSON.parse(utf8Decode(json)) as TextFields);
  const row = { id, workspaceId } as EvidenceText;
  Object.defineProperty(row, 'text', { enumerable: true, configurable: true, get: () => read().text ?? (joined ??= joinPages(read().pages ?? [])) });
  Object.defineProperty(row, 'pages', { enumerable: true, configurable: true, get: () => read().pages });
  Object.defineProperty(row, FIELDS_JSON, { value: json });
  return row;
}

export function encodeTextRow(t: EvidenceText): string {
  const json = fieldsJsonOf(t);
  if (json && json.length > 2) return lineHead(t) + utf8Decode(json).slice(1);
  return JSON.stringify({ id: t.id, workspaceId: t.workspaceId, ...ownFields(t) });
}

const ROW_KEYS = new Set(['id', 'workspaceId', 'text', 'pages']);

/** One line back to a row; throws with a short reason when the line is not a valid row. */
export function decodeTextRow(line: string): EvidenceText {
  const raw = JSON.parse(line) as Record<string, unknown> | null;
  const pagesOnly = !!raw && typeof raw === 'object' && raw.text === undefined;
  if (pagesOnly && Array.isArray(raw.pages) && raw.pages.every((p) => typeof p === 'string')) {
    raw.text = joinPages(raw.pages as string[]);
  }
  const r = v.safeParse(TextRow, raw);
  if (!r.success) throw new Error(r.issues[0]?.message ?? 'not a text row');
  const row: EvidenceText = r.output;
  // a line as this app writes it: its fields are stored as they came (no JSON made again)
  const head = lineHead(row);
  if (line.startsWith(head) && Object.keys(raw!).every((k) => ROW_KEYS.has(k))) {
    Object.defineProperty(row, FIELDS_JSON, { value: utf8.encode(`{${line.slice(head.length)}`) });
  }
  return row;
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

/** A row's line: its stored fields' bytes behind the head when it has them, else JSON made here. */
function rowLine(t: EvidenceText): string | { head: string; json: Uint8Array } {
  const json = fieldsJsonOf(t);
  return json && json.length > 2 && json[0] === 0x7b ? { head: lineHead(t), json } : encodeTextRow(t);
}

/** A line's length in characters (what a reader limits), counted without decoding when it cannot pass. */
const lineChars = (l: ReturnType<typeof rowLine>): number =>
  typeof l === 'string' ? l.length : l.head.length + l.json.length - 1 <= MAX_TEXT_LINE ? 0 : l.head.length + utf8Decode(l.json).length - 1;

/**
 * A batch of rows as UTF-8 lines, each followed by a newline, written straight into one buffer.
 * What a reader refuses (a line longer than MAX_TEXT_LINE) is not written: the check of a file
 * written here does not decode rows.
 */
export function encodeRows(batch: EvidenceText[]): Uint8Array {
  const lines = batch.map(rowLine);
  const long = lines.findIndex((l) => lineChars(l) > MAX_TEXT_LINE);
  if (long >= 0) throw new RangeError(`the text of document ${batch[long].id} is longer than ${MAX_TEXT_LINE} characters`);
  const out = new Uint8Array(lines.reduce((n, l) => n + (typeof l === 'string' ? l.length * 3 : l.head.length * 3 + l.json.length) + 1, 0));
  let o = 0;
  for (const l of lines) {
    if (typeof l === 'string') o += utf8.encodeInto(l, out.subarray(o)).written;
    else {
      o += utf8.encodeInto(l.head, out.subarray(o)).written;
      out.set(l.json.subarray(1), o);
      o += l.json.length - 1;
    }
    out[o++] = 0x0a;
  }
  return out.subarray(0, o);
}

/**
 * Deflate the rows as they come; null when there are none. With a deflater in a worker, the
 * rows of one batch are turned into lines while the worker deflates the batch before.
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
      const bytes = encodeRows(batch);
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
