/**
 * Writing an exchange file (.kla), streaming: the evidence is read chunk by chunk from Blobs
 * (Blob.stream()) and written to a WritableStream sink, so memory does not grow with the size of
 * the workspace (the zip is written with zip64 when it needs to be).
 *
 * Layout, in this order (the manifest first, so a reader learns everything from the first entry):
 *   manifest.json             the manifest (always stored, never encrypted)
 *   data/workspace.json       the workspace rows (schema.ts ExchangeData)
 *   data/texts.jsonl          extracted texts, one document per line (optional; textsPart.ts)
 *   rules/<sha256>.json       the rules file text the workspace was made with
 *   evidence/<sha256>         one part per unique evidence file
 * JSON parts are compressed with raw DEFLATE (zip method 8; the demo file shrinks ~4x, most of it
 * the rules); evidence is stored as is (PDFs and photos do not compress).
 *
 * After writing, call verifyExchange on the written file and report success only when it is ok.
 */
import { createSHA256, type IHasher } from 'hash-wasm';
import { crc32Of, deflateRaw, sha256HexOf, toBase64, utf8 } from './bytes';
import { COMMENT_LENGTH } from './checksum';
import { fitsZip32, readAhead, ZipOut, type ZipEntryIn, type ZipSink } from './zipWriter';
import { DEFAULT_CHUNK_SIZE, DEFAULT_ITERATIONS, deriveKeys, encryptStream, encryptedSize, macHex, makeCheck, randomBytes, sealChunk, sealedText, chunkCount, type ChunkKey } from './crypto';
import { FORMAT_NAME, FORMAT_VERSION, type Encryption, type ExchangeData, type Manifest, type Part, type Role } from './schema';
import { evidenceHashes, textBatches, type EvidenceSource, type WorkspaceSnapshot } from './snapshot';
import type { Deflater } from './deflate';
import { packTexts, TEXTS_PATH } from './textsPart';

/** The steps of an export the officer is told about: reading the workspace, packing the texts, looking up the documents, checking the written file. */
export type ExportStage = 'collect' | 'texts' | 'evidence' | 'verify';

export interface WriteOptions {
  createdBy: { name: string; role: Role };
  appVersion: string;
  now?: number;
  exportId?: string;
  /** Protect the file with a passphrase (see crypto.ts). */
  passphrase?: string;
  /** PBKDF2 iterations; at least 600,000 (the default). */
  iterations?: number;
  /** Include extracted texts (default true). */
  includeTexts?: boolean;
  /** Bytes written so far, and the expected total. */
  onProgress?: (written: number, total: number) => void;
  /**
   * What is being done before the bytes are written, with a count where there is one: at 5,000
   * documents this took ~20 s with nothing on screen (the tenth walk).
   */
  onStage?: (stage: ExportStage, done: number, total: number) => void;
  /** Encryption chunk size (tests use small chunks to exercise chunk boundaries). */
  chunkSize?: number;
  /** Force zip64 records (they are used anyway when the file would pass 4 GB). */
  zip64?: boolean;
  /** The sink takes Blobs as well as bytes: evidence is written by reference (exchangeIo.ts). */
  sinkTakesBlobs?: boolean;
  /** Where the texts part is deflated (the page uses a worker); on this thread by default. */
  textsDeflater?: () => Promise<Deflater>;
}

export interface WriteResult {
  manifest: Manifest;
  bytesWritten: number;
  fileDigest: string;
  /** The texts part's rows as written (unencrypted files): what the check of a file written here takes on trust. */
  texts?: { ids: string[]; foreign: number };
}

/** A part to write: its manifest entry and where its stored bytes come from. */
export interface PartSource {
  part: Part;
  /** In-memory stored bytes (JSON parts). */
  bytes?: Uint8Array;
  /** Zip method 8 with this CRC-32 of the plaintext (unencrypted deflated parts). */
  deflated?: { crc32: number };
  /** Streamed stored bytes (encrypted evidence and texts). */
  stream?: () => ReadableStream<Uint8Array>;
  /** Stored bytes in a Blob (evidence; the texts part, with `deflated`), by reference where the sink takes Blobs. */
  blob?: Blob;
  /** Evidence: the SHA-256 its bytes must have (checked as they are written). */
  expect?: { sha256: string; name: string; document: string };
}

/** Evidence files read ahead of the one being hashed (each at most READ_AHEAD_MAX bytes). */
const READ_AHEAD = 3;

export class ExportError extends Error {
  constructor(
    readonly code: 'evidence-missing' | 'evidence-size-changed' | 'evidence-changed',
    message: string,
    readonly params: Record<string, string | number>,
  ) {
    super(message);
  }
}

export async function writeExchange(snapshot: WorkspaceSnapshot, evidence: EvidenceSource | null, sink: ZipSink, options: WriteOptions): Promise<WriteResult> {
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare(snapshot, evidence, options);
  } catch (e) {
    // nothing written yet (a document missing, the texts not packed): the file the user chose goes
    await sink.abort(e).catch(() => undefined);
    throw e;
  }
  const { manifest, sources, createdAt, texts } = prepared;
  const result = await writeZip(manifest, sources, sink, createdAt, options.onProgress, options.zip64, options.sinkTakesBlobs);
  return { manifest, ...result, ...(texts ? { texts } : {}) };
}

/** The manifest and where each part's bytes come from (JSON and texts packed, evidence looked up). */
async function prepare(snapshot: WorkspaceSnapshot, evidence: EvidenceSource | null, options: WriteOptions): Promise<{ manifest: Manifest; sources: PartSource[]; createdAt: number; texts?: WriteResult['texts'] }> {
  const createdAt = options.now ?? Date.now();
  const exportId = options.exportId ?? globalThis.crypto.randomUUID();
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;

  let key: ChunkKey | null = null;
  let encryption: Encryption | null = null;
  if (options.passphrase !== undefined) {
    if (!options.passphrase) throw new Error('empty passphrase');
    const iterations = options.iterations ?? DEFAULT_ITERATIONS;
    if (iterations < DEFAULT_ITERATIONS) throw new RangeError(`at least ${DEFAULT_ITERATIONS} PBKDF2 iterations`);
    const salt = randomBytes(16);
    const prefix = randomBytes(4);
    key = { ...(await deriveKeys(options.passphrase, salt, iterations, FORMAT_VERSION)), prefix, chunkSize };
    encryption = {
      cipher: 'AES-256-GCM',
      kdf: 'PBKDF2-SHA-256',
      iterations,
      salt: toBase64(salt),
      noncePrefix: toBase64(prefix),
      chunkSize,
      check: toBase64(await makeCheck(key)),
    };
  }

  const data: ExchangeData = {
    exportId,
    kind: snapshot.kind ?? (options.createdBy.role as 'city' | 'evaluator'),
    ...(snapshot.agency ? { agency: snapshot.agency } : {}),
    workspace: snapshot.workspace,
    answers: snapshot.answers,
    assignments: snapshot.assignments,
    activity: snapshot.activity,
    documents: snapshot.documents,
    links: snapshot.links,
    flagDismissals: snapshot.flagDismissals,
    reviews: snapshot.reviews,
    revisionItems: snapshot.revisionItems,
    ...(snapshot.basedOn ? { basedOn: snapshot.basedOn } : {}),
    ...(snapshot.omittedDocuments ? { omittedDocuments: snapshot.omittedDocuments } : {}),
    ...(snapshot.held?.length ? { held: snapshot.held } : {}),
  };

  const sources: PartSource[] = [];
  let texts: WriteResult['texts'];
  const jsonPart = async (path: string, kind: Part['kind'], text: string) => {
    const plain = utf8.encode(text);
    const packed = await deflateRaw(plain);
    const index = sources.length + 1; // part indexes start at 1 (the manifest would be 0)
    const sha256 = await sha256HexOf(plain);
    if (key) {
      const sealed: Uint8Array[] = [];
      const n = chunkCount(packed.length, chunkSize);
      for (let c = 0; c < n; c++) sealed.push(await sealChunk(key, index, c, c === n - 1, packed.subarray(c * chunkSize, (c + 1) * chunkSize)));
      const bytes = new Uint8Array(sealed.reduce((s, b) => s + b.length, 0));
      let o = 0;
      for (const b of sealed) (bytes.set(b, o), (o += b.length));
      sources.push({ part: { path, kind, size: plain.length, sha256, encoding: 'deflate-raw', storedSize: bytes.length }, bytes });
    } else {
      sources.push({ part: { path, kind, size: plain.length, sha256, encoding: 'deflate-raw', storedSize: packed.length }, bytes: packed, deflated: { crc32: await crc32Of(plain) } });
    }
  };
  await jsonPart('data/workspace.json', 'data', JSON.stringify(data));
  if (options.includeTexts ?? true) {
    options.onStage?.('texts', 0, snapshot.documents.length);
    const packed = await packTexts(textBatches(snapshot), options.textsDeflater ? await options.textsDeflater() : undefined);
    if (packed) {
      const index = sources.length + 1;
      const k = key;
      const { blob } = packed;
      const part: Part = { path: TEXTS_PATH, kind: 'texts', size: packed.size, sha256: packed.sha256, encoding: 'deflate-raw', storedSize: k ? encryptedSize(blob.size, chunkSize) : blob.size };
      sources.push(k ? { part, stream: () => blob.stream().pipeThrough(encryptStream(k, index, blob.size)) } : { part, blob, deflated: { crc32: packed.crc32 } });
      if (!k) texts = { ids: packed.ids, foreign: packed.workspaceIds.filter((w) => w !== snapshot.workspace.id).length };
    }
  }
  if (snapshot.rules.text) await jsonPart(`rules/${await sha256HexOf(utf8.encode(snapshot.rules.text))}.json`, 'rules', snapshot.rules.text);

  const docBySha = new Map(snapshot.documents.map((d) => [d.sha256, d]));
  const hashes = evidenceHashes(snapshot);
  for (const [i, sha] of hashes.entries()) {
    if (i % 25 === 0) options.onStage?.('evidence', i, hashes.length);
    const doc = docBySha.get(sha)!;
    const blob = evidence ? await evidence(sha) : null;
    if (!blob) throw new ExportError('evidence-missing', `the bytes of "${doc.name}" are not in the database`, { document: doc.id, name: doc.name });
    if (blob.size !== doc.size) throw new ExportError('evidence-size-changed', `"${doc.name}" is ${blob.size} bytes, recorded as ${doc.size}`, { document: doc.id, name: doc.name });
    const index = sources.length + 1;
    const k = key;
    // with a passphrase the part is named by a keyed hash: the readable manifest does not tell
    // whoever holds a copy of a document whether it is inside
    const name = k?.mac ? await macHex(k.mac, sha) : sha;
    sources.push({
      part: { path: `evidence/${name}`, kind: 'evidence', size: blob.size, sha256: name, encoding: 'identity', storedSize: k ? encryptedSize(blob.size, chunkSize) : blob.size },
      ...(k ? { stream: () => blob.stream().pipeThrough(encryptStream(k, index, blob.size)) } : { blob, expect: { sha256: sha, name: doc.name, document: doc.id } }),
    });
  }

  const manifest: Manifest = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    exportId,
    app: { name: 'siap-kla', version: options.appVersion },
    createdAt,
    createdBy: options.createdBy,
    workspace: { id: snapshot.workspace.id, city: snapshot.workspace.city, province: snapshot.workspace.province, year: snapshot.workspace.year },
    rules: { id: snapshot.rules.id, hash: snapshot.rules.hash },
    encryption,
    parts: sources.map((s) => s.part),
  };
  // the seal: anyone can recompute SHA-256s after editing a file, nobody can recompute this
  // without the passphrase
  if (key?.mac && manifest.encryption) manifest.encryption = { ...manifest.encryption, seal: await macHex(key.mac, sealedText(manifest)) };
  return { manifest, sources, createdAt, ...(texts ? { texts } : {}) };
}

/**
 * The zip layer (zipWriter.ts): `manifest.json` then each part in order, then the checksum
 * comment. Exported for tests that need files of other versions (a newer manifest, an old layout)
 * with a valid checksum. `blobs`: the sink takes Blobs, and evidence is written by reference.
 */
export async function writeZip(
  manifest: unknown,
  sources: PartSource[],
  sink: ZipSink,
  createdAt: number,
  onProgress?: (written: number, total: number) => void,
  forceZip64 = false,
  blobs = false,
): Promise<{ bytesWritten: number; fileDigest: string }> {
  const manifestBytes = utf8.encode(JSON.stringify(manifest, null, 2));
  const stored = manifestBytes.length + sources.reduce((s, p) => s + p.part.storedSize, 0);
  // headers, descriptors and central directory: at most ~200 bytes per entry
  const total = stored + (sources.length + 1) * 200 + COMMENT_LENGTH;
  const zip = new ZipOut(sink, { createdAt, manifestSha256: await sha256HexOf(manifestBytes), zip64: forceZip64 || !fitsZip32(total, sources.length + 1), blobs, onWrite: onProgress && ((n) => onProgress(n, total)) });
  try {
    await zip.add({ path: 'manifest.json', method: 0, size: manifestBytes.length, storedSize: manifestBytes.length, crc32: await crc32Of(manifestBytes), data: manifestBytes });
    // the next READ_AHEAD evidence files are read while this one is hashed
    const aheads = new Map<number, Promise<Uint8Array | null> | undefined>();
    const sha = await createSHA256(); // one instance for every part: creating one costs a wasm instance
    for (let i = 0; i < sources.length; i++) {
      for (let j = i; j <= i + READ_AHEAD && j < sources.length; j++) if (!aheads.has(j)) aheads.set(j, readAhead(sources[j].blob));
      const ahead = aheads.get(i);
      aheads.delete(i);
      await zip.add({ ...(await entryOf(sources[i], sha)), ...(ahead ? { ahead } : {}) });
    }
    const fileDigest = await zip.close();
    return { bytesWritten: zip.written, fileDigest };
  } catch (e) {
    await zip.abort(e);
    throw e;
  }
}

/** How a part is written: deflated parts carry their CRC-32; stored ones get theirs as they pass. */
async function entryOf(s: PartSource, sha: IHasher): Promise<ZipEntryIn> {
  const { path, size, storedSize } = s.part;
  const data = s.bytes ?? s.blob ?? s.stream;
  if (!data) throw new Error(`no data for ${path}`);
  if (s.deflated) return { path, method: 8, size, storedSize, crc32: s.deflated.crc32, data };
  const entry: ZipEntryIn = { path, method: 0, size: storedSize, storedSize, data, ...(s.bytes ? { crc32: await crc32Of(s.bytes) } : {}) };
  return s.expect ? { ...entry, ...hashCheck(s.expect, sha.init()) } : entry;
}

/** SHA-256 of the evidence as it is written, against the hash it was stored under. */
function hashCheck(expect: NonNullable<PartSource['expect']>, sha: IHasher): Pick<ZipEntryIn, 'onData' | 'onEnd'> {
  return {
    onData: (chunk) => void sha.update(chunk),
    onEnd: () => {
      if (sha.digest('hex') !== expect.sha256) throw new ExportError('evidence-changed', `the bytes of "${expect.name}" no longer match the SHA-256 recorded when it was added`, { document: expect.document, name: expect.name });
    },
  };
}
