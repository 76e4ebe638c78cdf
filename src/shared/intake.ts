/**
 * The intake queue: files dropped or pasted go through reader workers (two, one per core) and
 * are stored one by one, each in its own transaction. Progress per file and overall; cancel stops
 * the queue and terminates the workers that are reading (no half-written record can result: a file
 * is written only after it has been read completely).
 */
import * as Comlink from 'comlink';
import { create } from 'zustand';
import { getDb, isQuotaError } from '../db/client';
import { storeDocument } from '../db/evidence';
import type { ReadProgress, ReadRequest, ReadResult, ReaderApi } from '../workers/reader.worker';
import { getIntakeRules, onIntakeRules } from './intakeRules';
import { getSetting } from './settings';

export type ItemState = 'queued' | 'reading' | 'storing' | 'stored' | 'duplicate' | 'rejected' | 'failed' | 'cancelled';

export interface IntakeItem {
  id: string;
  name: string;
  size: number;
  state: ItemState;
  progress?: ReadProgress;
  /** i18n key under evidence.problems / evidence.intake plus params. */
  message?: { key: string; params?: Record<string, string | number> };
  documentId?: string;
}

interface IntakeStore {
  items: IntakeItem[];
  running: boolean;
  update: (id: string, patch: Partial<IntakeItem>) => void;
  clearFinished: () => void;
}

/**
 * Item updates are applied in batches, at most every FLUSH_MS: a folder of hundreds of files would
 * otherwise re-render and re-layout the list thousands of times and starve the main thread.
 */
const FLUSH_MS = 250;
const queued = new Map<string, Partial<IntakeItem>>();
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function flush() {
  flushTimer = null;
  if (!queued.size) return;
  const patches = new Map(queued);
  queued.clear();
  useIntake.setState((s) => ({ items: s.items.map((i) => (patches.has(i.id) ? { ...i, ...patches.get(i.id) } : i)) }));
}

export const useIntake = create<IntakeStore>(() => ({
  items: [],
  running: false,
  update: (id, patch) => {
    queued.set(id, { ...queued.get(id), ...patch });
    if (!flushTimer) flushTimer = setTimeout(flush, FLUSH_MS);
  },
  clearFinished: () => {
    flush();
    useIntake.setState((s) => ({ items: s.items.filter((i) => i.state === 'queued' || i.state === 'reading' || i.state === 'storing') }));
  },
}));

interface Slot {
  worker: Worker;
  api: Comlink.Remote<ReaderApi>;
  busy: string | null;
}

const POOL = Math.max(1, Math.min(2, globalThis.navigator?.hardwareConcurrency ?? 2));
let slots: Slot[] = [];
/** Files not finished yet, in order; `started` marks those handed to a worker. */
const pending = new Map<string, { file: File; workspaceId: string; linkTo?: { code: string }[] }>();
const started = new Set<string>();
let seq = 0;

function newSlot(): Slot {
  const worker = new Worker(new URL('../workers/reader.worker.ts', import.meta.url), { type: 'module', name: 'reader' });
  const api = Comlink.wrap<ReaderApi>(worker);
  const rules = getIntakeRules();
  if (rules) void api.setRules(rules.text, rules.hash);
  return { worker, api, busy: null };
}

/** The name shown for a file: its folder path when a folder was dropped. */
export function displayName(file: File): string {
  const p = (file as File & { path?: string; relativePath?: string }).relativePath || (file as File & { path?: string }).path || file.webkitRelativePath;
  return (p || file.name).replace(/^\.?\//, '');
}

// The rules file of the open workspace, handed to every reader worker for classification.
onIntakeRules((r) => {
  for (const s of slots) void s.api.setRules(r.text, r.hash);
});

export function enqueue(workspaceId: string, files: File[], linkTo?: { code: string }[]): void {
  const items: IntakeItem[] = files.map((f) => {
    const id = `f${++seq}`;
    pending.set(id, { file: f, workspaceId, linkTo });
    return { id, name: displayName(f), size: f.size, state: 'queued' };
  });
  useIntake.setState((s) => ({ items: [...s.items, ...items], running: true }));
  pump();
}

export function cancelAll(): void {
  flush();
  const { items, update } = useIntake.getState();
  for (const i of items) if (i.state === 'queued' || i.state === 'reading') update(i.id, { state: 'cancelled', progress: undefined });
  pending.clear();
  for (const s of slots) s.worker.terminate();
  slots = [];
  useIntake.setState({ running: false });
}

function finish() {
  const busy = slots.some((s) => s.busy) || [...pending.keys()].length > 0;
  if (!busy) {
    flush();
    useIntake.setState({ running: false });
    // free OCR memory when idle
    for (const s of slots) void s.api.dispose().catch(() => undefined);
  }
}

function pump(): void {
  while (slots.length < POOL) slots.push(newSlot());
  for (const slot of slots) {
    if (slot.busy) continue;
    const next = [...pending.keys()].find((id) => !started.has(id));
    if (!next) break;
    started.add(next);
    slot.busy = next;
    void run(slot, next).finally(() => {
      slot.busy = null;
      pump();
      finish();
    });
  }
}

async function run(slot: Slot, id: string): Promise<void> {
  const job = pending.get(id);
  if (!job) return;
  const { update } = useIntake.getState();
  update(id, { state: 'reading' });
  const [maxFileMB, ocr, ocrMaxPages] = await Promise.all([getSetting('maxFileMB'), getSetting('ocr'), getSetting('ocrMaxPages')]);
  const req: ReadRequest = { name: job.file.name, file: job.file, maxBytes: maxFileMB * 1024 * 1024, ocr, ocrMaxPages, thumbnail: false };
  let result: ReadResult;
  try {
    // progress is worth a message only for slow steps (OCR page by page)
    result = await slot.api.read(req, Comlink.proxy((p: ReadProgress) => p.stage === 'ocr' && update(id, { progress: p })));
  } catch (e) {
    if (!pending.has(id)) return; // cancelled: the worker was terminated
    update(id, { state: 'failed', message: { key: 'evidence.problems.read-error', params: { reason: (e as Error)?.message ?? String(e) } } });
    pending.delete(id);
    return;
  }
  if (!pending.has(id)) return;
  if (!result.ok) {
    update(id, { state: 'rejected', progress: undefined, message: { key: `evidence.problems.${result.problem}`, params: { limit: maxFileMB, ext: result.detail ?? '' } } });
    pending.delete(id);
    return;
  }
  update(id, { state: 'storing', progress: undefined });
  try {
    const out = await storeDocument(getDb(), job.workspaceId, displayName(job.file), job.file, result, { linkTo: job.linkTo });
    const msg: IntakeItem['message'] = result.problem ? { key: `evidence.problems.${result.problem}`, params: { pages: result.pages ?? 0, limit: ocrMaxPages } } : result.extensionMismatch ? { key: 'evidence.problems.extension-mismatch', params: { ext: result.extensionMismatch.extension, actual: result.extensionMismatch.actual } } : undefined;
    update(id, {
      state: out.status === 'duplicate' ? 'duplicate' : 'stored',
      documentId: out.doc.id,
      message: out.status === 'duplicate' ? { key: 'evidence.intake.duplicateOf', params: { name: out.doc.name } } : msg,
    });
  } catch (e) {
    update(id, { state: 'failed', message: isQuotaError(e) ? { key: 'errors.quota' } : { key: 'evidence.problems.store-error', params: { reason: (e as Error)?.message ?? String(e) } } });
  } finally {
    pending.delete(id);
  }
}

/**
 * First-page thumbnails of PDFs, made after intake (one at a time, on a worker of their own,
 * only while no batch is running) and stored as `<id>#thumb`. Returns null when none can be made.
 */
let thumbSlot: Slot | null = null;
let thumbChain: Promise<unknown> = Promise.resolve();
export function makeThumbnail(docId: string): Promise<Blob | null> {
  const next = thumbChain.then(async () => {
    while (useIntake.getState().running) await new Promise((r) => setTimeout(r, 500));
    const db = getDb();
    const have = await db.blobs.get(`${docId}#thumb`);
    if (have) return have.data;
    const bytes = await db.blobs.get(docId);
    if (!bytes) return null;
    thumbSlot ??= newSlot();
    const thumb = await thumbSlot.api.thumbnail(bytes.data);
    if (!thumb) return null;
    // derived data, not an edit: stored even in a read-only workspace; only if the document is still there
    await db.transaction('rw', db.documents, db.blobs, async () => {
      if (await db.documents.get(docId)) await db.blobs.put({ id: `${docId}#thumb`, data: thumb });
    });
    return thumb;
  });
  thumbChain = next.catch(() => null);
  return next.catch(() => null);
}

/** Re-read one stored PDF with its password (the officer typed it). */
export async function readWithPassword(file: Blob, name: string, password: string): Promise<ReadResult> {
  const slot = newSlot();
  try {
    const [ocr, ocrMaxPages] = await Promise.all([getSetting('ocr'), getSetting('ocrMaxPages')]);
    return await slot.api.read({ name, file, maxBytes: Number.MAX_SAFE_INTEGER, ocr, ocrMaxPages, password });
  } finally {
    slot.worker.terminate();
  }
}
