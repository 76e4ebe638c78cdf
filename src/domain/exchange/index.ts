/**
 * The `.kla` exchange file: one zip file that carries a workspace from the city to the
 * evaluator (answers, evidence, texts, rules) and the evaluator's review back. Pure TypeScript
 * over web-standard APIs (Blob, streams, WebCrypto, CompressionStream) so it runs in the browser,
 * in a worker and in Node; no database code here (that is src/db/exchange.ts).
 *
 * Start with docs/exchange-format.md. Modules:
 *   schema.ts      manifest and data schemas (valibot), format name and version
 *   write.ts       writeExchange: streaming export
 *   read.ts        verifyExchange: every check, then the verified contents
 *   crypto.ts      passphrase protection (PBKDF2 + AES-256-GCM in chunks)
 *   checksum.ts    the whole-file checksum kept in the zip comment
 *   textsPart.ts   the texts part, streamed one row per line
 *   migrations.ts  older format versions -> current
 *   diff.ts        what changed between two snapshots (for the evaluator)
 *   problems.ts    refusal codes
 *   agency.ts      agency packs and responses: which questions, what they may carry
 */
export * from './schema';
export * from './snapshot';
export * from './problems';
export { writeExchange, writeZip, ExportError, type ExportStage, type WriteOptions, type WriteResult, type PartSource } from './write';
export { verifyExchange, type VerifyOptions, type VerifyReport, type VerifiedExchange, type PartReport, type FormatInfo } from './read';
export { TEXT_BATCH, TEXTS_PATH } from './textsPart';
export { MIGRATIONS, OLDEST_SUPPORTED, type Migration } from './migrations';
export { diffSnapshots, diffBasis, fingerprint, type DiffBasis, type SnapshotDiff, type LinkChange, type DocRef } from './diff';
export { DEFAULT_ITERATIONS, DEFAULT_CHUNK_SIZE } from './crypto';
export { COMMENT_LENGTH } from './checksum';
export { agencyCodes, agencyProblems } from './agency';
