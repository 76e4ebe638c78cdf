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
import { createSHA256 } from 'hash-wasm';
import * as v from 'valibot';
import type { EvidenceText } from '../model';
import { parseRulesText, type Rules } from '../rules/load';
import { fromBase64, inflateRaw, sha256HexOf, utf8Decode } from './bytes';
import { BlockDigest, COMMENT_LENGTH, parseChecksumComment } from './checksum';
import { decryptStream, DecryptError, deriveKey, passphraseMatches, PartDecryptor, plainSizeOf, type ChunkKey } from './crypto';
import { declaredVersion, manifestChain, migrateData, OLDEST_SUPPORTED } from './migrations';
import { partProblem, problem, type Problem } from './problems';
import { describeIssues, ExchangeData, ExchangeTexts, FORMAT_NAME, FORMAT_VERSION, Manifest, type Part, type PartKind } from './schema';
import { pushStream, RowError, TEXT_BATCH, textRows, TEXTS_PATH } from './textsPart';
import type { WorkspaceSnapshot } from './snapshot';

export interface VerifyOptions {
  passphrase?: string;
  onProgress?: (read: number, total: number) => void;
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
  exportId: string;
  createdAt: number;
  createdBy: { name: string; role: 'city' | 'evaluator' };
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
}

const LOCAL_SIG = 0x04034b50;
const MAX_MANIFEST = 64 * 1024 * 1024;
const MAX_JSON = 1024 * 1024 * 1024;
const MAX_PROBLEMS_PER_CHECK = 20;

async function readBytes(file: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(start, end).arrayBuffer());
}

interface Region {
  index: number; // part index (1-based) or 0 for the manifest
  path: string;
  start: number;
  end: number;
}

/** Parse the local header at an entry's offset: where its data starts. */
async function dataStartOf(file: Blob, e: Entry): Promise<number | null> {
  const h = await readBytes(file, e.offset, e.offset + 30);
  if (h.length < 30) return null;
  const dv = new DataView(h.buffer, h.byteOffset, h.length);
  if (dv.getUint32(0, true) !== LOCAL_SIG) return null;
  const nameLen = dv.getUint16(26, true);
  const extraLen = dv.getUint16(28, true);
  const name = await readBytes(file, e.offset + 30, e.offset + 30 + nameLen);
  const raw = e.rawFilename;
  if (name.length !== raw.length || name.some((b, i) => b !== raw[i])) return null;
  return e.offset + 30 + nameLen + extraLen;
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
      return { size: plain.length, sha256: await sha256HexOf(plain), plain };
    },
  };
}

/** The version-2 texts part: inflated (capped at its declared size), hashed and checked row by row as it streams past. */
function textsProcessor(part: Part, index: number, key: ChunkKey | null, workspaceId: string): PartProcessor {
  const ps = pushStream();
  const seen: TextsSeen = { ids: [], foreign: 0 };
  const result = { size: 0, sha256: '' };
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

export async function verifyExchange(file: Blob, options: VerifyOptions = {}): Promise<VerifyReport> {
  const problems: Problem[] = [];
  const rep: VerifyReport = { ok: false, problems, format: null, workspace: null, parts: [], exchange: null, warnings: [] };
  const size = file.size;

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
  if (mStart === null || me.compressionMethod !== 0 || me.encrypted || me.compressedSize > MAX_MANIFEST || mStart + me.compressedSize > size) {
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
      const k: ChunkKey = { key: await deriveKey(options.passphrase, fromBase64(enc.salt), enc.iterations), prefix: fromBase64(enc.noncePrefix), chunkSize: enc.chunkSize };
      if (k.prefix.length !== 4 || !(await passphraseMatches(k, fromBase64(enc.check)))) {
        problems.push(problem('wrong-passphrase', 'The passphrase is not the one this file was protected with.'));
        return rep;
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
  const seen = new Set<string>();
  const counts: Record<PartKind, number> = { data: 0, texts: 0, rules: 0, evidence: 0 };
  manifest.parts.forEach((p) => {
    counts[p.kind]++;
    if (seen.has(p.path)) problems.push(problem('manifest-invalid', `The manifest lists "${p.path}" twice.`, { part: p.path }));
    seen.add(p.path);
    if (p.kind === 'evidence' && p.path !== `evidence/${p.sha256}`) problems.push(problem('manifest-invalid', `Evidence part "${p.path}" is not named after its hash.`, { part: p.path }));
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
  // version 2 streams the texts as rows; version 1 has them as one array
  const streamedTexts = version >= 2;
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
  for (const e of entries) {
    const start = await dataStartOf(file, e);
    if (start === null || e.offset < prevEnd || start + e.compressedSize > commentStart) {
      problems.push(problem(start !== null && start + e.compressedSize > size ? 'truncated' : 'corrupt-zip', `The file is damaged around "${e.filename}".`, { part: e.filename }));
      return rep;
    }
    prevEnd = start + e.compressedSize;
    regions.push({ index: e.filename === 'manifest.json' ? 0 : indexOf.get(e.filename)!, path: e.filename, start, end: start + e.compressedSize });
  }

  // 5. one pass: file checksum + every part ----------------------------------------------------
  const scratch: Scratch = { hasher: await createSHA256(), buffer: null };
  const outcomes = new Map<number, PartOutcome | 'failed'>();
  const canRead = !enc || key !== null;
  const digest = new BlockDigest();
  let ri = 0;
  let proc: PartProcessor | null = null;
  const openRegion = (r: Region): PartProcessor | null => {
    if (r.index === 0 || !canRead) return null;
    const p = manifest.parts[r.index - 1];
    if (p.kind === 'texts' && streamedTexts) return textsProcessor(p, r.index, key, manifest.workspace.id);
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
  let pos = 0;
  let opened = -1;
  const reader = file.slice(0, commentStart).stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    await digest.update(value);
    const cEnd = pos + value.length;
    while (ri < regions.length && regions[ri].start <= cEnd) {
      const r = regions[ri];
      if (opened !== ri) {
        proc = openRegion(r);
        opened = ri;
      }
      const a = Math.max(r.start, pos);
      const b = Math.min(r.end, cEnd);
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
  if (pos !== commentStart || ri < regions.length) {
    problems.push(problem('truncated', 'The file ends early: it was not copied completely.', { size }));
    return rep;
  }
  const fileDigest = await digest.hex();

  manifest.parts.forEach((p, i) => {
    const o = outcomes.get(i + 1);
    if (o === undefined) return; // not read (no passphrase)
    const ok = o !== 'failed' && o.size === p.size && o.sha256 === p.sha256;
    rep.parts[i].ok = ok;
    if (o === 'failed') return;
    if (o.size !== p.size) problems.push(partProblem('size-mismatch', p.path, `Part "${p.path}" holds ${o.size} bytes; the manifest says ${p.size}.`, { actual: o.size, expected: p.size }));
    else if (o.sha256 !== p.sha256) problems.push(partProblem('hash-mismatch', p.path, `Part "${p.path}" was changed or damaged: its SHA-256 does not match the manifest.`, { expected: p.sha256, actual: o.sha256 }));
  });
  if (comment && fileDigest !== comment.file) problems.push(problem('file-checksum-mismatch', 'The file was changed or damaged after it was written (file checksum mismatch).'));
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
    if (b.length > MAX_JSON) throw new Error('too large');
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
  const rulesText = rulesBytes ? utf8Decode(rulesBytes) : null;
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
  problems.push(...crossCheck(manifest, data, seenTexts, rules));
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
  rep.exchange = {
    manifest,
    data,
    textCount: seenTexts.ids.length,
    readTexts,
    rulesText,
    rules,
    async evidence(sha256, type = '') {
      const hit = partByHash.get(`evidence/${sha256}`);
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
function crossCheck(manifest: Manifest, data: ExchangeData, texts: TextsSeen, rules: Rules | null): Problem[] {
  const out: Problem[] = [];
  const add = (message: string, params?: Record<string, string | number>) => {
    if (out.length < MAX_PROBLEMS_PER_CHECK) out.push(problem('data-inconsistent', message, params));
  };
  const ws = data.workspace.id;
  if (data.exportId !== manifest.exportId) add('The data part belongs to another file (export id differs from the manifest).');
  if (data.kind !== manifest.createdBy.role) add(`The data part is a ${data.kind} file but the manifest says ${manifest.createdBy.role}.`);
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
    const p = evidence.get(d.sha256);
    if (!p) add(`Document "${d.name}" has no evidence part.`, { document: d.id });
    else if (p.size !== d.size) add(`Document "${d.name}" is recorded as ${d.size} bytes but its part has ${p.size}.`, { document: d.id });
  }
  const shas = new Set(data.documents.map((d) => d.sha256));
  for (const sha of evidence.keys()) if (!shas.has(sha)) add(`Evidence part ${sha.slice(0, 12)}… belongs to no document.`, { part: `evidence/${sha}` });
  for (const l of data.links) if (!docs.has(l.documentId)) add(`Link ${l.id} points to a document not in the file.`, { link: l.id });
  for (const id of texts.ids) if (!docs.has(id)) add(`A text belongs to a document not in the file (${id}).`, { document: id });
  for (const f of data.flagDismissals) if (!docs.has(f.documentId)) add(`A flag dismissal points to a document not in the file (${f.documentId}).`, { document: f.documentId });

  if (rules) {
    // Unknown codes only: points above a maximum are the scoring engine's to report, not a reason
    // to refuse a whole file.
    const checkCode = (table: string, code: string) => {
      if (!rules.questionByCode.has(code)) add(`${table}: unknown question code "${code}".`, { table, code });
    };
    for (const a of data.answers) checkCode('answers', a.code);
    for (const r of data.reviews) checkCode('reviews', r.code);
    for (const l of data.links) checkCode('links', l.code);
    for (const r of data.revisionItems) checkCode('revisionItems', r.code);
  }
  return out;
}

