/**
 * The reader worker's half of the intake queue: read one file, then store it from the worker
 * (Dexie works in workers, and the page's live queries see the change), so the main thread never
 * handles a document's bytes or text. The intake record is settled in the document's transaction.
 */
import { isConnectionClosed, isQuotaError, watchForcedClose } from '../db/client';
import { storeIntakeFile } from '../db/intakeQueue';
import { KlaDb } from '../db/schema';
import type { IntakeJob, IntakeMessage, IntakeOutcome, IntakeReport, ReadProgress, ReadRequest, ReadResult } from './reader.worker';

let db: KlaDb | null = null;
/** When the browser last closed this worker's connection (its writes in flight fail then). */
let closedAt = 0;
/** A write that failed with it: "The connection was closed", or, seen in the tenth walk, a plain "The transaction was aborted" a moment after. */
const cutOffByClose = (e: unknown) => isConnectionClosed(e) || ((e as { name?: string })?.name === 'AbortError' && Date.now() - closedAt < 10_000);

/** This worker's connection; closed when another tab upgrades the schema (the page asks to reload). */
function workerDb(): KlaDb {
  if (db) return db;
  const d = new KlaDb();
  watchForcedClose(d, () => void (closedAt = Date.now()));
  d.on('versionchange', () => {
    d.close();
    return false;
  });
  db = d;
  return d;
}

/** Open the database now (the first open of a large database takes a while). */
export async function warmStore(): Promise<void> {
  await workerDb().open();
}

type Read = (req: ReadRequest, onProgress: (p: ReadProgress) => void) => Promise<ReadResult>;

export async function intakeFile(job: IntakeJob, report: IntakeReport, read: Read): Promise<IntakeOutcome> {
  const req: ReadRequest = { name: job.file.name, file: job.file, maxBytes: job.maxFileMB * 1024 * 1024, ocr: job.ocr, ocrMaxPages: job.ocrMaxPages, deferOcr: job.deferOcr, thumbnail: false };
  // progress is worth a message only for slow steps (OCR page by page)
  const result = await read(req, (p) => void (p.stage === 'ocr' && report(p)));
  if (!result.ok) return { state: 'rejected', message: { key: `evidence.problems.${result.problem}`, params: { limit: job.maxFileMB, ext: result.detail ?? '' } } };
  if (result.needsOcr) return { state: 'needs-ocr' };
  if (!(await report({ stage: 'storing' }))) return { state: 'cancelled' };
  try {
    const out = await storeIntakeFile(workerDb(), job.recordId, job.workspaceId, job.name, job.file, result, { linkTo: job.linkTo, agency: result.agency, agencyGuessed: true });
    if (out.status === 'duplicate') return { state: 'duplicate', documentId: out.doc.id, message: { key: 'evidence.intake.duplicateOf', params: { name: out.doc.name } } };
    return { state: 'stored', documentId: out.doc.id, message: readMessage(result, job.ocrMaxPages) };
  } catch (e) {
    if (isQuotaError(e)) return { state: 'failed', message: { key: 'errors.quota' } };
    // the browser closed the database under the write (a disk that ran full): Dexie reopens it
    // the close event may come a moment after the aborted request: wait for it before judging
    if ((e as { name?: string })?.name === 'AbortError') await new Promise((r) => setTimeout(r, 300));
    if (cutOffByClose(e)) return { state: 'failed', message: { key: 'evidence.problems.store-closed' } };
    return { state: 'failed', message: { key: 'evidence.problems.store-error', params: { reason: (e as Error)?.message ?? String(e) } } };
  }
}

/** A stored document's reading problem, if any, for the queue row. */
function readMessage(result: ReadResult & { ok: true }, ocrMaxPages: number): IntakeMessage | undefined {
  if (result.problem) return { key: `evidence.problems.${result.problem}`, params: { pages: result.pages ?? 0, limit: ocrMaxPages } };
  const m = result.extensionMismatch;
  if (m) return { key: m.actual === 'text' ? 'evidence.problems.extension-is-text' : 'evidence.problems.extension-mismatch', params: { ext: m.extension, actual: m.actual } };
  return undefined;
}
