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
import { Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { createCRC32 } from 'hash-wasm';
import { deflateRaw, sha256HexOf, toBase64, utf8 } from './bytes';
import { ChecksumSink, checksumComment } from './checksum';
import { DEFAULT_CHUNK_SIZE, DEFAULT_ITERATIONS, deriveKeys, encryptStream, encryptedSize, macHex, makeCheck, randomBytes, sealChunk, sealedText, chunkCount, type ChunkKey } from './crypto';
import { FORMAT_NAME, FORMAT_VERSION, type Encryption, type ExchangeData, type Manifest, type Part, type Role } from './schema';
import { evidenceHashes, textBatches, type EvidenceSource, type WorkspaceSnapshot } from './snapshot';
import { packTexts, TEXTS_PATH } from './textsPart';

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
  /** Encryption chunk size (tests use small chunks to exercise chunk boundaries). */
  chunkSize?: number;
  /** Force zip64 records (they are used anyway when the file would pass 4 GB). */
  zip64?: boolean;
}

export interface WriteResult {
  manifest: Manifest;
  bytesWritten: number;
  fileDigest: string;
}

/** A part to write: its manifest entry and where its stored bytes come from. */
export interface PartSource {
  part: Part;
  /** In-memory stored bytes (JSON parts). */
  bytes?: Uint8Array;
  /** Zip method 8 with this CRC-32 of the plaintext (unencrypted deflated parts). */
  deflated?: { crc32: number };
  /** Streamed stored bytes (evidence; the texts part, with `deflated` when not encrypted). */
  stream?: () => ReadableStream<Uint8Array>;
}

const ZIP_OPTIONS = { level: 0, useWebWorkers: false, extendedTimestamp: false } as const;

export class ExportError extends Error {
  constructor(
    readonly code: 'evidence-missing' | 'evidence-size-changed',
    message: string,
    readonly params: Record<string, string | number>,
  ) {
    super(message);
  }
}

export async function writeExchange(snapshot: WorkspaceSnapshot, evidence: EvidenceSource | null, sink: WritableStream<Uint8Array>, options: WriteOptions): Promise<WriteResult> {
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
    kind: options.createdBy.role,
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
  };

  const sources: PartSource[] = [];
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
      const crc = await createCRC32();
      crc.init();
      crc.update(plain);
      sources.push({ part: { path, kind, size: plain.length, sha256, encoding: 'deflate-raw', storedSize: packed.length }, bytes: packed, deflated: { crc32: parseInt(crc.digest('hex'), 16) } });
    }
  };
  await jsonPart('data/workspace.json', 'data', JSON.stringify(data));
  if (options.includeTexts ?? true) {
    const packed = await packTexts(textBatches(snapshot));
    if (packed) {
      const index = sources.length + 1;
      const k = key;
      const { blob } = packed;
      const part: Part = { path: TEXTS_PATH, kind: 'texts', size: packed.size, sha256: packed.sha256, encoding: 'deflate-raw', storedSize: k ? encryptedSize(blob.size, chunkSize) : blob.size };
      sources.push(k ? { part, stream: () => blob.stream().pipeThrough(encryptStream(k, index, blob.size)) } : { part, stream: () => blob.stream(), deflated: { crc32: packed.crc32 } });
    }
  }
  if (snapshot.rules.text) await jsonPart(`rules/${await sha256HexOf(utf8.encode(snapshot.rules.text))}.json`, 'rules', snapshot.rules.text);

  const docBySha = new Map(snapshot.documents.map((d) => [d.sha256, d]));
  for (const sha of evidenceHashes(snapshot)) {
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
      stream: () => (k ? blob.stream().pipeThrough(encryptStream(k, index, blob.size)) : blob.stream()),
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
  const result = await writeZip(manifest, sources, sink, createdAt, options.onProgress, options.zip64);
  return { manifest, ...result };
}

/**
 * The zip layer: `manifest.json` then each part in order, then the checksum comment. Exported for
 * tests that need files of other versions (a newer manifest, an old layout) with a valid checksum.
 */
export async function writeZip(
  manifest: unknown,
  sources: PartSource[],
  sink: WritableStream<Uint8Array>,
  createdAt: number,
  onProgress?: (written: number, total: number) => void,
  forceZip64 = false,
): Promise<{ bytesWritten: number; fileDigest: string }> {
  const manifestBytes = utf8.encode(JSON.stringify(manifest, null, 2));
  const manifestSha = await sha256HexOf(manifestBytes);
  const placeholder = checksumComment(manifestSha, '0'.repeat(64));
  const stored = manifestBytes.length + sources.reduce((s, p) => s + p.part.storedSize, 0);
  // headers and central directory: at most ~200 bytes per entry
  const total = stored + (sources.length + 1) * 200 + placeholder.length;
  const out = new ChecksumSink(sink, placeholder, manifestSha, onProgress && ((n) => onProgress(n, total)));
  const zip64 = forceZip64 || total > 0xfff00000;
  const lastModDate = new Date(createdAt);
  const zip = new ZipWriter(out.writable, { ...ZIP_OPTIONS, zip64, lastModDate });
  try {
    await zip.add('manifest.json', new Uint8ArrayReader(manifestBytes), { lastModDate });
    for (const s of sources) {
      if (s.bytes && s.deflated) {
        await zip.add(s.part.path, new Uint8ArrayReader(s.bytes), {
          passThrough: true,
          compressionMethod: 8,
          uncompressedSize: s.part.size,
          crc32: s.deflated.crc32,
          lastModDate,
        });
      } else if (s.stream && s.deflated) {
        await zip.add(s.part.path, s.stream(), {
          passThrough: true,
          compressionMethod: 8,
          uncompressedSize: s.part.size,
          crc32: s.deflated.crc32,
          lastModDate,
        });
      } else if (s.bytes) {
        await zip.add(s.part.path, new Uint8ArrayReader(s.bytes), { lastModDate });
      } else {
        await zip.add(s.part.path, s.stream!(), { uncompressedSize: s.part.storedSize, lastModDate });
      }
    }
    await zip.close(placeholder);
  } catch (e) {
    await out.abort(e);
    throw e;
  }
  return { bytesWritten: out.written, fileDigest: out.fileDigest! };
}
