/**
 * Writing and reading .kla files in the browser. Export streams straight to the chosen file
 * (File System Access API, Chromium) so a 2 GB workspace never sits in memory, then reads the
 * written file back and verifies every part before saying it is done; where that API is missing
 * it assembles the file from Blob parts (kept on disk by the browser) and downloads it, verified
 * first. The exchange code (zip.js, hash-wasm) loads lazily.
 */
import { refuseWhileDiskFull } from '../db/diskFull';
import { getDb } from '../db/client';
import type { ImportOptions } from '../db/exchange';
import type { ExportStage, Problem, Role, VerifyReport } from '../domain/exchange';
import { textsDeflater } from './deflateWorker';
import { downloadBlob } from './download';
import { forgetAllClassifications } from './flagsSource';
import { getSetting, setSetting } from './settings';

export interface ExportRequest {
  workspaceId: string;
  fileBase: string;
  role: Role;
  name: string;
  passphrase?: string;
  omit?: string[];
  /** The city's pack for this agency (issue 12) instead of the whole workspace. */
  agencyPack?: { id: string; name: string };
  /** What the export is doing: a step before the writing ('collect', 'texts', 'evidence'), the bytes written ('write'), the written file checked ('verify'). */
  onProgress?: (stage: ExportStep, done: number, total: number) => void;
}

export type ExportStep = ExportStage | 'write';

export type ExportOutcome = { ok: true; fileName: string; bytes: number; parts: number; encrypted: boolean } | { ok: false; cancelled?: boolean; problems: Problem[]; reason?: string };

type SaveHandle = { createWritable(): Promise<WritableStream<Uint8Array | Blob> & { close(): Promise<void> }>; getFile(): Promise<File>; name: string };
type SavePicker = (opts: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<SaveHandle>;

/** Bytes handed to the file (or to one Blob) at a time. */
export const WRITE_BATCH = 8 * 1024 * 1024;

/**
 * The zip writer hands over headers of a few dozen bytes, evidence Blobs (by reference) and, for
 * an encrypted file, 64 KB chunks. Each write is a round trip to the browser process (a disk
 * write, or a Blob registered: ~2 ms), so they are gathered into writes of about 8 MB: the bytes
 * alone as one array, or with Blobs as one Blob composed of them (the evidence is not copied).
 * Close flushes the rest; abort passes through (no half file is kept).
 */
export function batchedSink(target: WritableStream<Uint8Array | Blob>, size = WRITE_BATCH): WritableStream<Uint8Array | Blob> {
  const writer = target.getWriter();
  let buf = new Uint8Array(size); // bytes gathered since the last Blob
  let used = 0;
  let items: (Uint8Array | Blob)[] = []; // what came before them in this batch
  let pending = 0;
  const flush = async () => {
    if (used && items.length) items.push(buf.slice(0, used));
    else if (used) {
      items.push(buf.subarray(0, used));
      buf = new Uint8Array(size); // the target may keep the array it was given
    }
    used = 0;
    if (!items.length) return;
    const out = items.length === 1 && !(items[0] instanceof Blob) ? items[0] : new Blob(items as BlobPart[]);
    items = [];
    pending = 0;
    await writer.write(out);
  };
  return new WritableStream<Uint8Array | Blob>({
    async write(chunk) {
      if (chunk instanceof Blob) {
        if (used) items.push(buf.slice(0, used));
        items.push(chunk);
        pending += used + chunk.size;
        used = 0;
        if (pending >= size) await flush();
        return;
      }
      if (pending + used + chunk.length > size) await flush();
      if (chunk.length >= size) return writer.write(chunk);
      buf.set(chunk, used);
      used += chunk.length;
    },
    async close() {
      await flush();
      await writer.close();
    },
    async abort(reason) {
      await writer.abort(reason);
    },
  });
}

/**
 * Progress at most every `ms` (and whenever `written` reaches `total`): the writer
 * reports every 64 KB chunk, 20,000 times for a 1.3 GB workspace, and each report re-rendered the
 * export screen (17 s of the main thread in that export).
 */
export function throttleProgress(report: (written: number, total: number) => void, ms = 200, now = () => performance.now()): (written: number, total: number) => void {
  let last = -Infinity;
  return (written, total) => {
    const t = now();
    if (t - last < ms && written < total) return;
    last = t;
    report(written, total);
  };
}

/** Each step's reports, throttled within the step; a new step is said at once. */
export function stepsOf(report: (stage: ExportStep, done: number, total: number) => void, now = () => performance.now()): (stage: ExportStep, done: number, total: number) => void {
  let step: ExportStep | null = null;
  let within = throttleProgress((d, t) => report(step!, d, t), 200, now);
  return (stage, done, total) => {
    if (stage !== step) {
      step = stage;
      within = throttleProgress((d, t) => report(step!, d, t), 200, now);
    }
    within(done, total);
  };
}

export async function exportToFile(req: ExportRequest): Promise<ExportOutcome> {
  const { ExportError } = await import('../domain/exchange');
  try {
    return await writeAndCheck(req);
  } catch (e) {
    // a document that cannot be written as it was recorded: name it, in the user's language
    if (e instanceof ExportError) return { ok: false, problems: [{ code: e.code, message: e.message, params: e.params }] };
    throw e;
  }
}

async function writeAndCheck(req: ExportRequest): Promise<ExportOutcome> {
  const [{ exportWorkspace, recordExport }, { verifyExchange }] = await Promise.all([import('../db/exchange'), import('../domain/exchange')]);
  const db = getDb();
  const suggestedName = `${req.fileBase}.kla`;
  const say = req.onProgress && stepsOf(req.onProgress);
  const options = { createdBy: { name: req.name, role: req.role }, appVersion: '0.1.0', sinkTakesBlobs: true, textsDeflater, passphrase: req.passphrase || undefined, omit: req.omit, agencyPack: req.agencyPack, onStage: say, onProgress: say && ((w: number, tot: number) => say('write', w, tot)) };
  const picker = (globalThis as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  let written: Blob;
  let fileName = suggestedName;
  let result: Awaited<ReturnType<typeof exportWorkspace>>;
  if (picker) {
    let handle: SaveHandle;
    try {
      handle = await picker({ suggestedName, types: [{ description: 'Siap KLA', accept: { 'application/zip': ['.kla'] } }] });
    } catch (e) {
      if ((e as Error).name === 'AbortError') return { ok: false, cancelled: true, problems: [] };
      throw e;
    }
    result = await exportWorkspace(db, req.workspaceId, batchedSink(await handle.createWritable()) as WritableStream<Uint8Array>, options);
    written = await handle.getFile();
    fileName = handle.name;
  } else {
    const parts: Blob[] = [];
    // evidence arrives inside Blobs composed of the stored Blobs: the download is not a copy
    const sink = new WritableStream<Uint8Array | Blob>({
      write(chunk) {
        parts.push(chunk instanceof Blob ? chunk : new Blob([chunk as BlobPart]));
      },
    });
    result = await exportWorkspace(db, req.workspaceId, batchedSink(sink) as WritableStream<Uint8Array>, options);
    written = new Blob(parts, { type: 'application/zip' });
  }
  // read the file back: only a verified file is reported as done
  // a file on disk is read back whole; a download composed of the stored Blobs is checked but for
  // the evidence bytes, which the writer has just hashed (read.ts `writtenHere`)
  say?.('verify', 0, written.size);
  const report = await verifyExchange(written, { passphrase: req.passphrase || undefined, onProgress: say && ((r, tot) => say('verify', r, tot)), ...(picker ? {} : { writtenHere: { fileDigest: result.fileDigest, ...(result.texts ? { texts: result.texts } : {}) } }) });
  if (!report.ok) return { ok: false, problems: report.problems };
  if (!picker) downloadBlob(written, fileName);
  await recordExport(db, req.workspaceId, result, Date.now(), req.agencyPack);
  // only the whole city workspace is a backup (not a pack, a response or a review)
  if (req.role === 'city' && !req.agencyPack) {
    const backups = await getSetting('lastBackup');
    await setSetting('lastBackup', { ...backups, [req.workspaceId]: Date.now() });
  }
  return { ok: true, fileName, bytes: written.size, parts: result.manifest.parts.length, encrypted: result.manifest.encryption !== null };
}

export async function verifyFile(file: Blob, passphrase?: string, only?: 'scores'): Promise<VerifyReport> {
  const { verifyExchange } = await import('../domain/exchange');
  return verifyExchange(file, { passphrase: passphrase || undefined, ...(only ? { only } : {}) });
}

export async function importFile(file: Blob, as: Role, passphrase?: string, forWorkspace?: ImportOptions['forWorkspace']) {
  refuseWhileDiskFull();
  const { importExchangeFile } = await import('../db/exchange');
  const result = await importExchangeFile(getDb(), file, { as, passphrase: passphrase || undefined, forWorkspace });
  // a workspace's documents may have been replaced with readings of their own: none kept is trusted
  if (result.ok) forgetAllClassifications();
  if (result.ok && result.kind === 'workspace' && !result.unchanged && as === 'city') await restoredFrom(result.workspaceId, result.report.exchange?.manifest);
  return result;
}

/**
 * The city's own file taken in (a restore, or its file over the workspace): the workspace is now
 * what that file holds, so the file is its latest backup ("never backed up" after a restore misled
 * the officer of the fourth walk). A file created by role city only: a pack or a response is not.
 */
async function restoredFrom(workspaceId: string, manifest: { createdAt: number; createdBy: { role: string } } | undefined): Promise<void> {
  if (!manifest || manifest.createdBy.role !== 'city') return;
  const backups = await getSetting('lastBackup');
  if ((backups[workspaceId] ?? 0) < manifest.createdAt) await setSetting('lastBackup', { ...backups, [workspaceId]: manifest.createdAt });
}

/** Documents whose text holds personal data (NIK, names next to "korban"...), for the warning before export; read in the search worker. */
export async function scanPersonalData(workspaceId: string) {
  const { searchWorker } = await import('./search');
  return searchWorker().personalData(workspaceId);
}
