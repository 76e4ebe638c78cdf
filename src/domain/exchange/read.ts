/**
 * Reading and verifying an exchange file. `verifyExchange(file)` checks, in this order, and stops
 * at the first check that makes the rest meaningless:
 *   1. it is a zip whose first entry is `manifest.json` (else `not-exchange-file` / `truncated` /
 *      `corrupt-zip`);
 *   2. the manifest: its hash (from the checksum comment), format name, version (newer: refused;
 *      older: migrated, migrations.ts), schema;
 *   3. the passphrase, when the file is encrypted (`wrong-passphrase` at once);
 *   4. the zip entries match the manifest's parts (names, sizes, compression);
 *   5. ONE sequential pass over the file: the file checksum over every byte, and each part
 *      decrypted (when encrypted), inflated (JSON) and hashed against the manifest;
 *   6. the JSON parts: parsed, migrated, schema-checked (valibot), and cross-checked (ids, the
 *      evidence each document names, question codes against the carried rules).
 * Nothing is written anywhere: the caller (src/db/exchange.ts) imports only a file whose report
 * says ok, using `report.exchange`.
 *
 * Evidence stays on disk: for an unencrypted file `exchange.evidence(sha)` is a lazy slice of the
 * file; for an encrypted one it is decrypted into a Blob when asked for.
 */
import { BlobReader, ZipReader, type Entry } from '@zip.js/zip.js';
import { createCRC32, createSHA256 } from 'hash-wasm';
import * as v from 'valibot';
import type { EvidenceText } from '../model';
import { parseRulesText, type Rules } from '../rules/load';
import { crc32Of, fromBase64, inflateRaw, sha256HexOf, utf8Decode } from './bytes';
import { BlockDigest, COMMENT_LENGTH, parseChecksumComment } from './checksum';
import { decryptStream, DecryptError, deriveKeys, macHex, passphraseMatches, PartDecryptor, plainSizeOf, sealedText, type ChunkKey } from './crypto';
import { declaredVersion, manifestChain, migrateData, OLDEST_SUPPORTED } from './migrations';
import { partProblem, problem, type Problem } from './problems';
import { describeIssues, ExchangeData, ExchangeTexts, FORMAT_NAME, FORMAT_VERSION, KIND_ROLE, Manifest, type Part, type PartKind, type Role } from './schema';
import { agencyProblems } from './agency';
import { inflatedDigest, pushStream, RowError, TEXT_BATCH, textRows, TEXTS_PATH } from './textsPart';
import type { WorkspaceSnapshot } from './snapshot';

export interface VerifyOptions {
  passphrase?: string;
  onProgress?: (read: number, total: number) => void;
  /**
   * The file was just written in this page, its evidence handed to it by reference
   * (`sinkTakesBlobs`): the evidence bytes are not read again (the writer hashed them, SHA-256
   * against the stored hash and CRC-32), and the file digest is the writer's. Everything else is
   * read and checked as for any file. Ignored for an encrypted file.
   */
  writtenHere?: { fileDigest: string; texts?: TextsSeen };
  /**
   * `scores`: the province view's read. The manifest and the workspace's data and rules parts are
   * checked as always (sizes, SHA-256, CRC-32, limits, schema, cross-checks); the evidence and the
   * texts are not read, nor the whole-file checksum, since they do not change a score. The report
   * says `partial`, and its exchange gives no evidence or texts. Never for an import.
   */
  only?: 'scores';
}

export interface PartReport {
  path: string;
  kind: PartKind;
  size: number;
  sha256: string;
  /** null: not checked (encrypted and no passphrase, or verification stopped earlier). */
  ok: boolean | null;
}

export interface FormatInfo {
  name: string;
  /** The version the file was written in. */
  version: number;
  /** Set when the file was migrated from an older version. */
  migratedFrom?: number;
  encrypted: boolean;
  /**
   * The manifest's seal was checked against the passphrase: every part is then authenticated, and
   * deliberate edits are refused. False for files without a passphrase (their checksums detect
   * damage, not deliberate edits: anyone can recompute a SHA-256) and for version-1 files.
   */
  sealed: boolean;
  exportId: string;
  createdAt: number;
  createdBy: { name: string; role: Role };
  app: { name: string; version: string };
  rules: { id: string; hash: string };
}

export interface VerifiedExchange {
  manifest: Manifest;
  data: ExchangeData;
  /** How many documents have a text in the file. */
  textCount: number;
  /**
   * The texts in batches, read from the file when asked (a version-2 file is re-read, decrypted and
   * inflated again; it throws if the part no longer matches what was verified).
   */
  readTexts(batch?: number): AsyncGenerator<EvidenceText[]>;
  rulesText: string | null;
  /** The rules carried by the file, parsed (null when it carries none or they do not load here). */
  rules: Rules | null;
  /** The bytes of one evidence file: a lazy slice of the file, or decrypted on demand. */
  evidence(sha256: string, type?: string): Promise<Blob>;
  /** The workspace as a snapshot (the shape writeExchange takes). */
  snapshot(): WorkspaceSnapshot;
}

export interface VerifyReport {
  ok: boolean;
  problems: Problem[];
  format: FormatInfo | null;
  workspace: { id: string; city: string; province: string; year: number } | null;
  parts: PartReport[];
  /** Present only when ok. */
  exchange: VerifiedExchange | null;
  /** Things that do not stop the import (e.g. `rules-invalid`: the carried rules do not load here). */
  warnings: Problem[];
  /** Checked with `only: 'scores'`: the evidence and texts parts were not read (their `ok` is null). */
  partial?: boolean;
}

const LOCAL_SIG = 0x04034b50;
/**
 * Caps that hold before anything is inflated or parsed, whatever the file declares: a file may
 * declare its sizes honestly and still be a bomb (4 GiB of zeros deflate to 4 MB).
 * - the manifest: 32 MiB, at most 100,000 parts (a kabupaten's 5,000 documents need ~1 MB);
 * - per part kind, the plaintext: the workspace rows 128 MiB (5,000 documents with a long activity
 *   log are a few MB), the rules 16 MiB (the 2024 instrument is ~0.3 MB), the texts 2 GiB (streamed,
 *   never held whole; 5,000 documents are some hundreds of MB). Evidence is stored, not inflated.
 */
export const LIMITS = {
  manifestBytes: 32 * 1024 * 1024,
  parts: 100_000,
  plain: { data: 128 * 1024 * 1024, rules: 16 * 1024 * 1024, texts: 2 * 1024 * 1024 * 1024, evidence: Number.MAX_SAFE_INTEGER } as Record<PartKind, number>,
};
const MAX_MANIFEST = LIMITS.manifestBytes;
const MAX_PROBLEMS_PER_CHECK = 20;

async function readBytes(file: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(start, end).arrayBuffer());
}

type ReadAt = (start: number, end: number) => Promise<Uint8Array>;

/** Windows read at once ahead of the one in use (each a round trip to the browser process). */
const WINDOWS_AHEAD = 16;
/** Bytes before an entry's local header (the previous entry's data descriptor) and after its name. */
const BEFORE_HEADER = 32;
const AFTER_NAME = 128;

/**
 * Small reads around each entry's local header, WINDOWS_AHEAD of them in flight: one window holds
 * the previous entry's data descriptor, the header and its name. Read one after the other, the
 * 5,000 windows of a kabupaten's file took 8-9 s, nearly all of it waiting on the browser process.
 * A read no window holds is made on its own.
 */
function headerWindows(file: Blob, entries: readonly Entry[]): ReadAt {
  const wins = entries
    .map((e) => [Math.max(0, e.offset - BEFORE_HEADER), Math.min(file.size, e.offset + 30 + e.rawFilename.length + AFTER_NAME)] as const)
    .sort((a, b) => a[0] - b[0]);
  const pending = new Map<number, Promise<Uint8Array>>();
  let next = 0;
  const fetchUpTo = (k: number) => {
    for (; next < wins.length && next <= k + WINDOWS_AHEAD; next++) {
      const w = readBytes(file, wins[next][0], wins[next][1]);
      w.catch(() => undefined); // seen when used
      pending.set(next, w);
    }
  };
  // the last window that starts at or before `start`
  const find = (start: number) => {
    let lo = 0;
    let hi = wins.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (wins[mid][0] <= start) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return async (start, end) => {
    const k = wins.length ? find(start) : -1;
    if (k < 0 || wins[k][0] > start || wins[k][1] < end) return readBytes(file, start, end);
    fetchUpTo(k);
    for (const old of pending.keys()) if (old < k - 1) pending.delete(old);
    const bytes = await (pending.get(k) ?? readBytes(file, wins[k][0], wins[k][1]));
    return bytes.subarray(start - wins[k][0], end - wins[k][0]);
  };
}

interface Region {
  index: number; // part index (1-based) or 0 for the manifest
  path: string;
  start: number;
  end: number;
  /** Zip method (0 stored, 8 deflate) and the CRC-32 the central directory gives. */
  method: number;
  crc: number;
}

/** Parse the local header at an entry's offset: where its data starts. */
async function dataStartOf(file: Blob, e: Entry, read: ReadAt = (a, b) => readBytes(file, a, b)): Promise<number | null> {
  const h = await read(e.offset, e.offset + 30);
  if (h.length < 30) return null;
  const dv = new DataView(h.buffer, h.byteOffset, h.length);
  if (dv.getUint32(0, true) !== LOCAL_SIG) return null;
  const nameLen = dv.getUint16(26, true);
  const extraLen = dv.getUint16(28, true);
  const name = await read(e.offset + 30, e.offset + 30 + nameLen);
  const raw = e.rawFilename;
  if (name.length !== raw.length || name.some((b, i) => b !== raw[i])) return null;
  // without a data descriptor (flag bit 3) the local header repeats the CRC and sizes: they must
  // agree with the central directory, as `unzip -t` demands (0xffffffff: the zip64 extra holds them)
  if (!(dv.getUint16(6, true) & 8)) {
    const crc = dv.getUint32(14, true);
    const csize = dv.getUint32(18, true);
    if (crc !== (e.signature ?? crc) || (csize !== 0xffffffff && csize !== e.compressedSize)) return null;
  }
  const start = e.offset + 30 + nameLen + extraLen;
  if (dv.getUint16(6, true) & 8 && !(await descriptorMatches(read, e, start + e.compressedSize))) return null;
  return start;
}

/** The data descriptor after an entry's data (flag bit 3) repeats its CRC and sizes: they must agree with the central directory. */
async function descriptorMatches(read: ReadAt, e: Entry, at: number): Promise<boolean> {
  const b = await read(at, at + 24);
  if (b.length < 12) return false;
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  let o = dv.getUint32(0, true) === 0x08074b50 ? 4 : 0;
  if (b.length < o + 12) return false;
  const crc = dv.getUint32(o, true);
  o += 4;
  const csize = e.zip64 && b.length >= o + 16 ? Number(dv.getBigUint64(o, true)) : dv.getUint32(o, true);
  return crc === (e.signature ?? crc) && csize === e.compressedSize;
}

function looksLikeOurs(head: Uint8Array): boolean {
  if (head.length < 30) return false;
  const dv = new DataView(head.buffer, head.byteOffset, head.length);
  if (dv.getUint32(0, true) !== LOCAL_SIG) return false;
  const n = dv.getUint16(26, true);
  return n === 13 && new TextDecoder().decode(head.subarray(30, 43)) === 'manifest.json';
}

/** What the texts part holds, learnt row by row in the verify pass (the rows are not kept). */
interface TextsSeen {
  ids: string[];
  /** Rows that name another workspace than the manifest's. */
  foreign: number;
}

interface PartOutcome {
  size: number;
  sha256: string;
  /** CRC-32 of the inflated plaintext (deflated entries). */
  crc32?: number;
  /** The plaintext of whole-read JSON parts. */
  plain?: Uint8Array;
  texts?: TextsSeen;
}

/** Feeds one part's stored bytes through decryption, collection (JSON) and hashing (evidence). */
interface PartProcessor {
  feed(bytes: Uint8Array): Promise<void>;
  finish(): Promise<PartOutcome>;
}

type Hasher = Awaited<ReturnType<typeof createSHA256>>;

/**
 * Evidence up to this size is hashed with the native WebCrypto digest (about 4x faster than the
 * streaming WASM SHA-256) from one reused buffer; larger files stream through hash-wasm, so memory
 * stays bounded whatever the size of a file.
 */
const NATIVE_HASH_LIMIT = 16 * 1024 * 1024;

interface Scratch {
  hasher: Hasher;
  buffer: Uint8Array | null;
}

function processorFor(kind: PartKind, encoding: string, declaredSize: number, storedSize: number, index: number, key: ChunkKey | null, scratch: Scratch): PartProcessor {
  const isJson = kind !== 'evidence';
  const native = !isJson && declaredSize <= NATIVE_HASH_LIMIT;
  const collected: Uint8Array[] = [];
  let count = 0;
  if (native && (!scratch.buffer || scratch.buffer.length < declaredSize)) scratch.buffer = new Uint8Array(Math.max(declaredSize, 1 << 20));
  if (!isJson && !native) scratch.hasher.init();
  const sink = (bytes: Uint8Array) => {
    if (isJson) collected.push(bytes.slice());
    else if (native) {
      // more bytes than announced: keep counting, the size check reports it
      if (count + bytes.length <= declaredSize) scratch.buffer!.set(bytes, count);
      count += bytes.length;
    } else {
      count += bytes.length;
      scratch.hasher.update(bytes);
    }
  };
  const dec = key ? new PartDecryptor(key, index, storedSize, sink) : null;
  return {
    feed: async (bytes) => (dec ? dec.feed(bytes) : sink(bytes)),
    finish: async () => {
      if (dec) await dec.finish();
      if (native) return { size: count, sha256: count === declaredSize ? await sha256HexOf(scratch.buffer!.subarray(0, count)) : '' };
      if (!isJson) return { size: count, sha256: scratch.hasher.digest('hex') };
      let plain: Uint8Array = collected.length === 1 ? collected[0] : new Uint8Array(await new Blob(collected as BlobPart[]).arrayBuffer());
      if (encoding === 'deflate-raw') plain = await inflateRaw(plain, declaredSize);
      return { size: plain.length, sha256: await sha256HexOf(plain), plain, crc32: await crc32Of(plain) };
    },
  };
}

/** The version-2 texts part: inflated (capped at its declared size), hashed and checked row by row as it streams past. */
function textsProcessor(part: Part, index: number, key: ChunkKey | null, workspaceId: string): PartProcessor {
  const ps = pushStream();
  const seen: TextsSeen = { ids: [], foreign: 0 };
  const result = { size: 0, sha256: '', crc32: 0 };
  const done = (async () => {
    for await (const rows of textRows(ps.stream, part.size, result)) {
      for (const r of rows) {
        seen.ids.push(r.id);
        if (r.workspaceId !== workspaceId) seen.foreign++;
      }
    }
  })();
  done.catch(() => undefined);
  const dec = key ? new PartDecryptor(key, index, part.storedSize, (b) => ps.push(b)) : null;
  return {
    feed: (b) => (dec ? dec.feed(b) : ps.push(b)),
    finish: async () => {
      if (dec) await dec.finish();
      ps.close();
      await done;
      return { ...result, texts: seen };
    },
  };
}

/**
 * The texts part of a file written here a moment ago (unencrypted): inflated and hashed under the
 * same limit, its rows not decoded again (the writer encoded them from the database and says
 * which they were). On the 5,000-document workspace the rows' decoding was ~9 s of the check.
 */
function textsDigestProcessor(part: Part, seen: TextsSeen): PartProcessor {
  const ps = pushStream();
  const result = { size: 0, sha256: '', crc32: 0 };
  const done = inflatedDigest(ps.stream, part.size, result);
  done.catch(() => undefined);
  return {
    feed: (b) => ps.push(b),
    finish: async () => {
      ps.close();
      await done;
      return { ...result, texts: seen };
    },
  };
}

export async function verifyExchange(file: Blob, options: VerifyOptions = {}): Promise<VerifyReport> {
  try {
    return await verifyFile(file, options);
  } catch (e) {
    // Every known way a file can be wrong has its own problem; this is for the unknown ones: a
    // hostile file must never crash the app or the command line, only be refused.
    const why = (e as Error)?.message ?? String(e);
    return { ok: false, problems: [problem('corrupt-zip', `The file cannot be read (${why}).`, { detail: why })], format: null, workspace: null, parts: [], exchange: null, warnings: [] };
  }
}

async function verifyFile(file: Blob, options: VerifyOptions): Promise<VerifyReport> {
  const problems: Problem[] = [];
  const rep: VerifyReport = { ok: false, problems, format: null, workspace: null, parts: [], exchange: null, warnings: [] };
  const size = file.size;
  // an empty file is a copy that never happened (a failed download, a full flashdisk), not a stranger's file
  if (size === 0) {
    problems.push(problem('empty-file', 'The file is empty (0 bytes): it was not copied or saved completely.'));
    return rep;
  }

  // 1. the zip, its first entry and the checksum comment --------------------------------------
  const head = await readBytes(file, 0, Math.min(size, 64));
  const ours = looksLikeOurs(head);
  const tail = size >= COMMENT_LENGTH ? await readBytes(file, size - COMMENT_LENGTH, size) : new Uint8Array(0);
  const comment = parseChecksumComment(tail);
  let entries: Entry[];
  const zr = new ZipReader(new BlobReader(file), { useWebWorkers: false });
  try {
    entries = await zr.getEntries();
  } catch (e) {
    if (!ours) problems.push(problem('not-exchange-file', 'This is not a Siap KLA exchange file (not a zip archive).'));
    else if (comment) problems.push(problem('corrupt-zip', `The file is damaged: its zip structure cannot be read (${(e as Error).message}).`));
    else problems.push(problem('truncated', 'The file ends early: it was not copied completely.', { size }));
    return rep;
  } finally {
    await zr.close().catch(() => undefined);
  }
  entries = [...entries].sort((a, b) => a.offset - b.offset);
  if (!entries.length || entries[0].filename !== 'manifest.json') {
    problems.push(problem('not-exchange-file', 'This zip file is not a Siap KLA exchange file (no manifest.json first).'));
    return rep;
  }
  if (entries.some((e) => e.directory)) {
    problems.push(problem('not-exchange-file', 'This zip file is not a Siap KLA exchange file (it holds folders).'));
    return rep;
  }

  // 2. the manifest -----------------------------------------------------------------------------
  const me = entries[0];
  const mStart = await dataStartOf(file, me);
  if (me.compressedSize > MAX_MANIFEST || me.uncompressedSize > MAX_MANIFEST) {
    problems.push(partProblem('too-large', 'manifest.json', `The manifest is too large (${me.compressedSize} bytes; at most ${MAX_MANIFEST}).`, { limit: MAX_MANIFEST }));
    return rep;
  }
  if (mStart === null || me.compressionMethod !== 0 || me.encrypted || mStart + me.compressedSize > size) {
    problems.push(problem('corrupt-zip', 'The file is damaged: the manifest entry cannot be read.'));
    return rep;
  }
  const mBytes = await readBytes(file, mStart, mStart + me.compressedSize);
  if (comment && (await sha256HexOf(mBytes)) !== comment.manifest) {
    problems.push(partProblem('hash-mismatch', 'manifest.json', 'The manifest was changed or damaged after the file was written.'));
    return rep;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(utf8Decode(mBytes));
  } catch (e) {
    problems.push(problem('manifest-invalid', `The manifest is not valid JSON (${(e as Error).message}).`));
    return rep;
  }
  const listed = (raw as { parts?: unknown; files?: unknown })?.parts ?? (raw as { files?: unknown })?.files;
  if (Array.isArray(listed) && listed.length > LIMITS.parts) {
    problems.push(partProblem('too-large', 'manifest.json', `The manifest lists ${listed.length} parts; at most ${LIMITS.parts} are read.`, { count: listed.length, limit: LIMITS.parts }));
    return rep;
  }
  if ((raw as { format?: unknown })?.format !== FORMAT_NAME) {
    problems.push(problem('not-exchange-file', 'This zip file is not a Siap KLA exchange file (unknown format name).'));
    return rep;
  }
  const version = declaredVersion(raw);
  if (version === undefined) {
    problems.push(problem('manifest-invalid', 'The manifest has no format version.'));
    return rep;
  }
  if (version > FORMAT_VERSION) {
    problems.push(problem('newer-format-version', `The file was made by a newer version of the app (format ${version}; this app reads up to ${FORMAT_VERSION}). Update the app.`, { version, supported: FORMAT_VERSION }));
    return rep;
  }
  if (version < OLDEST_SUPPORTED) {
    problems.push(problem('unsupported-format-version', `Format version ${version} is too old to open (oldest supported: ${OLDEST_SUPPORTED}).`, { version, oldest: OLDEST_SUPPORTED }));
    return rep;
  }
  let chain: unknown[];
  try {
    chain = manifestChain(raw, version, FORMAT_VERSION);
  } catch (e) {
    problems.push(problem('migration-failed', `The file's format version ${version} could not be migrated (${(e as Error).message}).`, { version }));
    return rep;
  }
  const parsedManifest = v.safeParse(Manifest, chain[chain.length - 1]);
  if (!parsedManifest.success) {
    for (const m of describeIssues(parsedManifest.issues)) problems.push(problem('manifest-invalid', `The manifest is not valid: ${m}`, { detail: m }));
    return rep;
  }
  const manifest = parsedManifest.output;
  rep.format = {
    name: manifest.format,
    version,
    ...(version !== FORMAT_VERSION ? { migratedFrom: version } : {}),
    encrypted: manifest.encryption !== null,
    sealed: false,
    exportId: manifest.exportId,
    createdAt: manifest.createdAt,
    createdBy: manifest.createdBy,
    app: manifest.app,
    rules: manifest.rules,
  };
  rep.workspace = manifest.workspace;
  rep.parts = manifest.parts.map((p) => ({ path: p.path, kind: p.kind, size: p.size, sha256: p.sha256, ok: null }));
  if (version >= 1 && !comment) {
    // Complete file (the end record announces a comment of our length) with a damaged checksum,
    // a file cut inside the comment, or a file that never had one.
    const eocdAt = size - COMMENT_LENGTH - 22;
    const eocd = eocdAt >= 0 ? await readBytes(file, eocdAt, eocdAt + 22) : new Uint8Array(0);
    const dv = new DataView(eocd.buffer, eocd.byteOffset, eocd.length);
    if (eocd.length === 22 && dv.getUint32(0, true) === 0x06054b50 && dv.getUint16(20, true) === COMMENT_LENGTH) {
      problems.push(problem('file-checksum-mismatch', 'The file was changed or damaged after it was written (its checksum is damaged).'));
    } else if (new TextDecoder().decode(tail).includes('siap-kla-exchange;') || size < 22 + COMMENT_LENGTH) {
      problems.push(problem('truncated', 'The file ends early: it was not copied completely.', { size }));
    } else {
      problems.push(problem('file-checksum-missing', 'The file has no checksum: it was not written by this app or was altered.'));
    }
    return rep;
  }

  // 3. the passphrase ---------------------------------------------------------------------------
  let key: ChunkKey | null = null;
  const enc = manifest.encryption;
  if (enc) {
    if (options.passphrase === undefined || options.passphrase === '') {
      problems.push(problem('passphrase-required', 'The file is protected by a passphrase: give it to check the contents.'));
    } else {
      const k: ChunkKey = { ...(await deriveKeys(options.passphrase, fromBase64(enc.salt), enc.iterations, version)), prefix: fromBase64(enc.noncePrefix), chunkSize: enc.chunkSize };
      if (k.prefix.length !== 4 || !(await passphraseMatches(k, fromBase64(enc.check)))) {
        problems.push(problem('wrong-passphrase', 'The passphrase is not the one this file was protected with.'));
        return rep;
      }
      if (version >= 2) {
        // the raw manifest as read (extra keys included): what the writer sealed
        if (!enc.seal || !k.mac || (await macHex(k.mac, sealedText(raw as { encryption: unknown }))) !== enc.seal) {
          problems.push(partProblem('seal-mismatch', 'manifest.json', 'The manifest was changed after the file was written: its seal does not match the passphrase.'));
          return rep;
        }
        if (rep.format) rep.format.sealed = true;
      }
      key = k;
    }
  }

  // 4. entries against the manifest -------------------------------------------------------------
  const byName = new Map<string, Entry>();
  for (const e of entries) {
    if (byName.has(e.filename)) {
      problems.push(partProblem('unexpected-part', e.filename, `The file holds "${e.filename}" twice.`));
      return rep;
    }
    byName.set(e.filename, e);
  }
  // version 2 streams the texts as rows; version 1 has them as one array
  const streamedTexts = version >= 2;
  const seen = new Set<string>();
  const counts: Record<PartKind, number> = { data: 0, texts: 0, rules: 0, evidence: 0 };
  manifest.parts.forEach((p) => {
    counts[p.kind]++;
    if (seen.has(p.path)) problems.push(problem('manifest-invalid', `The manifest lists "${p.path}" twice.`, { part: p.path }));
    seen.add(p.path);
    if (p.kind === 'evidence' && p.path !== `evidence/${p.sha256}`) problems.push(problem('manifest-invalid', `Evidence part "${p.path}" is not named after its hash.`, { part: p.path }));
    // version 1 texts are one array, parsed whole: the cap of the workspace rows, twice
    const cap = p.kind === 'texts' && !streamedTexts ? 2 * LIMITS.plain.data : LIMITS.plain[p.kind];
    if (p.size > cap) {
      problems.push(partProblem('too-large', p.path, `Part "${p.path}" declares ${p.size} bytes; a ${p.kind} part may have at most ${cap}.`, { size: p.size, limit: cap }));
      return;
    }
    const e = byName.get(p.path);
    if (!e) {
      problems.push(partProblem('part-missing', p.path, `Part "${p.path}" is listed in the manifest but missing from the file.`));
      return;
    }
    const expectMethod = p.encoding === 'deflate-raw' && !enc ? 8 : 0;
    if (e.compressionMethod !== expectMethod || e.encrypted) {
      problems.push(partProblem('unsupported-compression', p.path, `Part "${p.path}" is stored in an unexpected way (zip method ${e.compressionMethod}).`, { method: e.compressionMethod }));
    }
    const encoded = enc ? plainSizeOf(p.storedSize, enc.chunkSize) : p.storedSize;
    if (e.compressedSize !== p.storedSize || encoded === null || (p.encoding === 'identity' && encoded !== p.size)) {
      problems.push(partProblem('size-mismatch', p.path, `Part "${p.path}" has ${e.compressedSize} bytes in the file; the manifest says ${p.storedSize}.`, { actual: e.compressedSize, expected: p.storedSize }));
    }
  });
  if (counts.data !== 1 || counts.texts > 1 || counts.rules > 1) problems.push(problem('manifest-invalid', 'The manifest must list exactly one data part and at most one texts and one rules part.'));
  const textsPart = manifest.parts.find((p) => p.kind === 'texts');
  if (textsPart && (textsPart.path === TEXTS_PATH) !== streamedTexts) problems.push(problem('manifest-invalid', `The texts part "${textsPart.path}" does not fit format version ${version}.`, { part: textsPart.path }));
  for (const e of entries.slice(1)) {
    if (!seen.has(e.filename)) problems.push(partProblem('unexpected-part', e.filename, `The file holds "${e.filename}", which the manifest does not list.`));
  }
  if (problems.some((p) => p.code !== 'passphrase-required')) return rep;

  // local headers -> where each part's bytes are
  const commentStart = size - COMMENT_LENGTH;
  const regions: Region[] = [];
  const indexOf = new Map(manifest.parts.map((p, i) => [p.path, i + 1]));
  let prevEnd = 0;
  const read = headerWindows(file, entries);
  for (const e of entries) {
    const start = await dataStartOf(file, e, read);
    if (start === null || e.offset < prevEnd || start + e.compressedSize > commentStart) {
      problems.push(problem(start !== null && start + e.compressedSize > size ? 'truncated' : 'corrupt-zip', `The file is damaged around "${e.filename}".`, { part: e.filename }));
      return rep;
    }
    prevEnd = start + e.compressedSize;
    regions.push({ index: e.filename === 'manifest.json' ? 0 : indexOf.get(e.filename)!, path: e.filename, start, end: start + e.compressedSize, method: e.compressionMethod, crc: e.signature ?? 0 });
  }

  // 5. one pass: file checksum + every part ----------------------------------------------------
  const scratch: Scratch = { hasher: await createSHA256(), buffer: null };
  const outcomes = new Map<number, PartOutcome | 'failed'>();
  const canRead = !enc || key !== null;
  const digest = new BlockDigest();
  // CRC-32 of each stored entry's bytes (deflated entries: of the inflated plaintext, from the processor)
  const storedCrc = await createCRC32();
  const crcOf = new Map<number, number>();
  let ri = 0;
  let proc: PartProcessor | null = null;
  const openRegion = (r: Region): PartProcessor | null => {
    if (r.index === 0 || !canRead) return null;
    const p = manifest.parts[r.index - 1];
    if (p.kind === 'texts' && streamedTexts) return trusted?.texts ? textsDigestProcessor(p, trusted.texts) : textsProcessor(p, r.index, key, manifest.workspace.id);
    return processorFor(p.kind, p.encoding, p.size, p.storedSize, r.index, key, scratch);
  };
  const failRegion = (r: Region, e: unknown) => {
    outcomes.set(r.index, 'failed');
    problems.push(partFailure(r.path, e));
    proc = null;
  };
  const closeRegion = async (r: Region) => {
    if (!proc) return;
    try {
      outcomes.set(r.index, await proc.finish());
      proc = null;
    } catch (e) {
      failRegion(r, e);
    }
  };
  // what is read: every byte before the comment; or, checking a file just written here with its
  // evidence by reference, every region but the evidence (those bytes are the stored Blobs the
  // writer hashed a moment ago, SHA-256 and CRC-32, and the file digest is the writer's)
  const trusted = options.writtenHere && !enc ? options.writtenHere : null;
  const partial = options.only === 'scores' && !trusted;
  const spans: [number, number][] = trusted || partial ? [] : [[0, commentStart]];
  // the regions read (all of them, or all but the evidence); `regions` itself stays whole for the exchange's readers
  let toRead = regions;
  if (partial) {
    toRead = regions.filter((r) => r.index > 0 && ['data', 'rules'].includes(manifest.parts[r.index - 1].kind));
    for (const r of toRead) spans.push([r.start, r.end]);
  }
  if (trusted) {
    for (const r of regions) {
      const p = r.index > 0 ? manifest.parts[r.index - 1] : null;
      if (p?.kind === 'evidence') outcomes.set(r.index, { size: p.size, sha256: p.sha256 });
      else if (p) spans.push([r.start, r.end]);
    }
    toRead = regions.filter((r) => r.index > 0 && manifest.parts[r.index - 1].kind !== 'evidence');
  }
  let pos = 0;
  let opened = -1;
  for (const [from, to] of spans) {
    pos = from;
    const reader = file.slice(from, to).stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!trusted && !partial) await digest.update(value);
      const cEnd = pos + value.length;
      while (ri < toRead.length && toRead[ri].start <= cEnd) {
        const r = toRead[ri];
        if (opened !== ri) {
          proc = openRegion(r);
          opened = ri;
          storedCrc.init();
        }
        const a = Math.max(r.start, pos);
        const b = Math.min(r.end, cEnd);
        if (b > a && r.method === 0) storedCrc.update(value.subarray(a - pos, b - pos));
        if (r.end <= cEnd && r.method === 0) crcOf.set(r.index, parseInt(storedCrc.digest('hex'), 16));
        if (b > a && proc) {
          try {
            await proc.feed(value.subarray(a - pos, b - pos));
          } catch (e) {
            failRegion(r, e);
          }
        }
        if (r.end <= cEnd && outcomes.get(r.index) !== 'failed') {
          await closeRegion(r);
          ri++;
        } else if (r.end <= cEnd) ri++;
        else break;
      }
      pos = cEnd;
      options.onProgress?.(pos, size);
    }
  }
  if (pos !== (spans.at(-1)?.[1] ?? 0) || ri < toRead.length) {
    problems.push(problem('truncated', 'The file ends early: it was not copied completely.', { size }));
    return rep;
  }
  const fileDigest = trusted ? trusted.fileDigest : await digest.hex();

  // evidence of a sealed file is named by a keyed hash of its SHA-256
  const nameOf = async (sha: string) => (key?.mac ? macHex(key.mac, sha) : sha);
  for (const [i, p] of manifest.parts.entries()) {
    const o = outcomes.get(i + 1);
    if (o === undefined) continue; // not read (no passphrase)
    const listed = o !== 'failed' && p.kind === 'evidence' ? await nameOf(o.sha256) : o === 'failed' ? '' : o.sha256;
    const ok = o !== 'failed' && o.size === p.size && listed === p.sha256;
    rep.parts[i].ok = ok;
    if (o === 'failed') continue;
    if (o.size !== p.size) problems.push(partProblem('size-mismatch', p.path, `Part "${p.path}" holds ${o.size} bytes; the manifest says ${p.size}.`, { actual: o.size, expected: p.size }));
    else if (listed !== p.sha256) problems.push(partProblem('hash-mismatch', p.path, `Part "${p.path}" was changed or damaged: its SHA-256 does not match the manifest.`, { expected: p.sha256, actual: listed }));
  }
  // CRC-32s, as `unzip -t` checks them (a part already refused by its SHA-256 is not named twice)
  const named = new Set(problems.map((p) => p.part));
  for (const r of regions) {
    const o = outcomes.get(r.index);
    const crc = r.method === 0 ? crcOf.get(r.index) : o && o !== 'failed' ? o.crc32 : undefined;
    if (crc !== undefined && crc !== r.crc && !named.has(r.path)) problems.push(partProblem('corrupt-zip', r.path, `The zip entry "${r.path}" fails its CRC-32 check.`));
  }
  if (comment && !partial && fileDigest !== comment.file) problems.push(problem('file-checksum-mismatch', 'The file was changed or damaged after it was written (file checksum mismatch).'));
  if (problems.length) return rep;

  // 6. the JSON parts ---------------------------------------------------------------------------
  const plainOf = (kind: PartKind): Uint8Array | undefined => {
    const i = manifest.parts.findIndex((p) => p.kind === kind);
    const o = i >= 0 ? outcomes.get(i + 1) : undefined;
    return o && o !== 'failed' ? o.plain : undefined;
  };
  const outcomeOf = (kind: PartKind): PartOutcome | undefined => {
    const i = manifest.parts.findIndex((p) => p.kind === kind);
    const o = i >= 0 ? outcomes.get(i + 1) : undefined;
    return o && o !== 'failed' ? o : undefined;
  };
  const parseJson = (kind: PartKind): unknown => {
    const b = plainOf(kind);
    if (!b) return undefined;
    return JSON.parse(utf8Decode(b));
  };
  let dataJson: unknown;
  let textsJson: unknown;
  try {
    dataJson = parseJson('data');
    textsJson = streamedTexts ? undefined : parseJson('texts');
  } catch (e) {
    problems.push(problem('data-invalid', `The workspace data is not valid JSON (${(e as Error).message}).`));
    return rep;
  }
  let migrated: { data: unknown; texts: unknown };
  try {
    migrated = migrateData({ data: dataJson, texts: textsJson }, version, FORMAT_VERSION, chain);
  } catch (e) {
    problems.push(problem('migration-failed', `The file's format version ${version} could not be migrated (${(e as Error).message}).`, { version }));
    return rep;
  }
  const pd = v.safeParse(ExchangeData, migrated.data);
  const pt = v.safeParse(ExchangeTexts, streamedTexts ? [] : (migrated.texts ?? []));
  if (!pd.success) for (const m of describeIssues(pd.issues)) problems.push(problem('data-invalid', `The workspace data is not valid: ${m}`, { detail: m }));
  if (!pt.success) for (const m of describeIssues(pt.issues)) problems.push(problem('data-invalid', `The extracted texts are not valid: ${m}`, { detail: m }));
  if (!pd.success || !pt.success) return rep;
  const data = pd.output;
  const wholeTexts = streamedTexts ? null : pt.output;
  const seenTexts: TextsSeen = wholeTexts
    ? { ids: wholeTexts.map((t) => t.id), foreign: wholeTexts.filter((t) => t.workspaceId !== data.workspace.id).length }
    : (outcomeOf('texts')?.texts ?? { ids: [], foreign: 0 });

  const rulesBytes = plainOf('rules');
  let rulesText: string | null = null;
  try {
    rulesText = rulesBytes ? utf8Decode(rulesBytes) : null;
  } catch {
    problems.push(partProblem('data-invalid', manifest.parts.find((p) => p.kind === 'rules')!.path, 'The rules part is not valid UTF-8 text.', { detail: 'not UTF-8' }));
    return rep;
  }
  let rules: Rules | null = null;
  if (rulesText !== null) {
    const rulesPart = manifest.parts.find((p) => p.kind === 'rules')!;
    if (rulesPart.sha256 !== manifest.rules.hash) problems.push(problem('data-inconsistent', 'The rules carried by the file are not the rules the manifest names.', { part: rulesPart.path }));
    // Not a refusal: the bytes are intact (hash checked), but this app's rules loader may have
    // moved on since the file was made. The workspace still imports; codes go unchecked here.
    const r = parseRulesText(rulesText, rulesPart.sha256);
    if (r.ok) rules = r.rules;
    else rep.warnings.push(problem('rules-invalid', `The rules carried by the file do not load in this version of the app: ${r.errors.slice(0, 3).join('; ')}`));
  }
  const partNames = new Map(await Promise.all(data.documents.map(async (d) => [d.sha256, await nameOf(d.sha256)] as const)));
  problems.push(...crossCheck(manifest, data, seenTexts, rules, partNames));
  if (problems.length) return rep;

  const partByHash = new Map(manifest.parts.map((p, i) => [p.path, { p, i, r: regions.find((r) => r.index === i + 1)! }]));
  async function* readTexts(batch = TEXT_BATCH): AsyncGenerator<EvidenceText[]> {
    if (wholeTexts) {
      for (let i = 0; i < wholeTexts.length; i += batch) yield wholeTexts.slice(i, i + batch);
      return;
    }
    const hit = textsPart && partByHash.get(textsPart.path);
    if (!hit) return;
    let stored = file.slice(hit.r.start, hit.r.end).stream() as ReadableStream<Uint8Array>;
    if (key) stored = stored.pipeThrough(decryptStream(key, hit.i + 1, hit.p.storedSize));
    const result = { size: 0, sha256: '' };
    let buf: EvidenceText[] = [];
    for await (const rows of textRows(stored, hit.p.size, result)) {
      buf = buf.length ? buf.concat(rows) : rows;
      while (buf.length >= batch) yield buf.splice(0, batch);
    }
    if (result.size !== hit.p.size || result.sha256 !== hit.p.sha256) throw new Error(`the texts part changed after the file was checked`);
    if (buf.length) yield buf;
  }
  rep.ok = true;
  if (partial) rep.partial = true;
  const unread = () => {
    throw new Error('read for scores only: the evidence and texts were not checked');
  };
  rep.exchange = {
    manifest,
    data,
    textCount: seenTexts.ids.length,
    readTexts: partial ? unread : readTexts,
    rulesText,
    rules,
    async evidence(sha256, type = '') {
      if (partial) unread();
      const hit = partByHash.get(`evidence/${partNames.get(sha256) ?? (await nameOf(sha256))}`);
      if (!hit) throw new Error(`no evidence ${sha256} in this file`);
      if (!key) return file.slice(hit.r.start, hit.r.end, type);
      const chunks: Uint8Array[] = [];
      const dec = new PartDecryptor(key, hit.i + 1, hit.p.storedSize, (b) => void chunks.push(b));
      const rd = file.slice(hit.r.start, hit.r.end).stream().getReader();
      for (;;) {
        const { done, value } = await rd.read();
        if (done) break;
        await dec.feed(value);
      }
      await dec.finish();
      return new Blob(chunks as BlobPart[], { type });
    },
    snapshot: () => ({
      workspace: data.workspace,
      answers: data.answers,
      assignments: data.assignments,
      activity: data.activity as WorkspaceSnapshot['activity'],
      documents: data.documents,
      texts: [],
      textSource: () => readTexts(),
      links: data.links,
      flagDismissals: data.flagDismissals,
      reviews: data.reviews,
      revisionItems: data.revisionItems,
      rules: { id: manifest.rules.id, hash: manifest.rules.hash, text: rulesText },
      ...(data.basedOn ? { basedOn: data.basedOn } : {}),
      ...(data.omittedDocuments ? { omittedDocuments: data.omittedDocuments } : {}),
      ...(data.held ? { held: data.held } : {}),
    }),
  };
  return rep;
}

/** Why reading a part failed, as a problem. */
function partFailure(path: string, e: unknown): Problem {
  const why = (e as Error)?.message ?? String(e);
  if (e instanceof DecryptError) return partProblem('decrypt-failed', path, `Part "${path}" fails authentication: it was changed, cut or reordered.`);
  if (e instanceof RangeError) return partProblem('too-large', path, `Part "${path}" is too large once inflated (${why}).`);
  if (e instanceof RowError) return partProblem('data-invalid', path, `The extracted texts are not valid: ${why}`, { detail: why });
  return partProblem('hash-mismatch', path, `Part "${path}" is damaged (${why}).`);
}

/** Checks across the data: ids, workspace, evidence against parts, codes against the rules. */
/** `partNames`: a document's SHA-256 -> the name of its evidence part (the same, or a keyed hash in a sealed file). */
function crossCheck(manifest: Manifest, data: ExchangeData, texts: TextsSeen, rules: Rules | null, partNames: Map<string, string>): Problem[] {
  const out: Problem[] = [];
  const add = (message: string, params?: Record<string, string | number>) => {
    if (out.length < MAX_PROBLEMS_PER_CHECK) out.push(problem('data-inconsistent', message, params));
  };
  const ws = data.workspace.id;
  if (data.exportId !== manifest.exportId) add('The data part belongs to another file (export id differs from the manifest).');
  if (KIND_ROLE[data.kind] !== manifest.createdBy.role) add(`The data part is a ${data.kind} file but the manifest says it was made by the ${manifest.createdBy.role}.`);
  if (ws !== manifest.workspace.id) add('The data part belongs to another workspace than the manifest names.');
  if (data.workspace.rulesHash !== manifest.rules.hash) add('The workspace was made with other rules than the manifest names.');
  const tables = { answers: data.answers, assignments: data.assignments, activity: data.activity, documents: data.documents, links: data.links, flagDismissals: data.flagDismissals, reviews: data.reviews, revisionItems: data.revisionItems } as const;
  for (const [name, rows] of Object.entries(tables)) {
    const bad = (rows as { workspaceId: string }[]).filter((r) => r.workspaceId !== ws).length;
    if (bad) add(`${bad} row(s) of ${name} belong to another workspace.`, { table: name, count: bad });
  }
  if (texts.foreign) add(`${texts.foreign} row(s) of texts belong to another workspace.`, { table: 'texts', count: texts.foreign });
  const unique = (name: string, keys: string[]) => {
    const s = new Set<string>();
    for (const k of keys) {
      if (s.has(k)) add(`${name}: "${k}" appears twice.`, { table: name, key: k });
      s.add(k);
    }
  };
  unique('answers', data.answers.map((a) => a.code));
  unique('assignments', data.assignments.map((a) => a.code));
  unique('documents', data.documents.map((d) => d.id));
  unique('documents (sha256)', data.documents.map((d) => d.sha256));
  unique('links', data.links.map((l) => l.id));
  unique('reviews', data.reviews.map((r) => r.code));
  unique('revisionItems', data.revisionItems.map((r) => r.id));
  unique('texts', texts.ids);

  const docs = new Map(data.documents.map((d) => [d.id, d]));
  const evidence = new Map(manifest.parts.filter((p) => p.kind === 'evidence').map((p) => [p.sha256, p]));
  for (const d of data.documents) {
    const p = evidence.get(partNames.get(d.sha256) ?? d.sha256);
    if (!p) add(`Document "${d.name}" has no evidence part.`, { document: d.id });
    else if (p.size !== d.size) add(`Document "${d.name}" is recorded as ${d.size} bytes but its part has ${p.size}.`, { document: d.id });
  }
  const shas = new Set(data.documents.map((d) => partNames.get(d.sha256) ?? d.sha256));
  for (const sha of evidence.keys()) if (!shas.has(sha)) add(`Evidence part ${sha.slice(0, 12)}… belongs to no document.`, { part: `evidence/${sha}` });
  for (const l of data.links) if (!docs.has(l.documentId)) add(`Link ${l.id} points to a document not in the file.`, { link: l.id });
  for (const id of texts.ids) if (!docs.has(id)) add(`A text belongs to a document not in the file (${id}).`, { document: id });
  for (const f of data.flagDismissals) if (!docs.has(f.documentId)) add(`A flag dismissal points to a document not in the file (${f.documentId}).`, { document: f.documentId });

  if (rules) {
    // Codes must exist, and points must stay within each question's maximum (as `kla score`
    // holds them): a file that gives 1e6 points would otherwise raise the city's score.
    const checkCode = (table: string, code: string) => {
      if (!rules.questionByCode.has(code)) add(`${table}: unknown question code "${code}".`, { table, code });
    };
    const checkPoints = (table: string, row: { code: string; points: number | null }) => {
      const max = rules.questionByCode.get(row.code)?.maxPoints;
      if (max !== undefined && row.points !== null && row.points > max) {
        if (out.length < MAX_PROBLEMS_PER_CHECK) out.push(problem('data-invalid', `${table}: question ${row.code} has ${row.points} points; its maximum is ${max}.`, { table, code: row.code, points: row.points, max }));
      }
    };
    for (const a of data.answers) (checkCode('answers', a.code), checkPoints('answers', a));
    for (const r of data.reviews) (checkCode('reviews', r.code), checkPoints('reviews', r));
    for (const l of data.links) checkCode('links', l.code);
    for (const r of data.revisionItems) checkCode('revisionItems', r.code);
  }
  for (const message of agencyProblems(data, rules)) add(message);
  return out;
}

