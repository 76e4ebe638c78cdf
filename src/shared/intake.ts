/**
 * The intake queue: files dropped or pasted go to a pool of reader workers (one per core, see
 * intakeSchedule.ts), which read AND store them (each document in its own transaction), so the
 * main thread only sees small results. Scans wait in a lane of their own and never hold up text
 * documents. A watchdog ends a reader that passes the time limit, goes silent or throws, marks
 * the file failed with the reason, and a fresh reader takes the slot. The files of a batch are
 * persisted (db/intakeQueue.ts) so that after a crash the app can name those never stored.
 * Cancel terminates the readers that are reading; a file already being stored completes (never
 * half-written).
 */
import * as Comlink from 'comlink';
import { getDb, isQuotaError } from '../db/client';
import { addBatch, pruneSettled, setStates, unfinishedBatches, type IntakeState } from '../db/intakeQueue';
import type { IntakeRecord } from '../domain/model';
import type { ReadDocument } from '../db/evidence';
import type { IntakeJob, IntakeMessage, IntakeOutcome, ReadProgress, ReadResult, ReaderApi } from '../workers/reader.worker';
import { getIntakeRules, onIntakeRules } from './intakeRules';
import { initialLane, pickNext, poolSize, watchdogVerdict, type Lane, type Verdict, type WatchState } from './intakeSchedule';
import { getSetting } from './settings';
import { batchHitFullDisk, diskFullWait, noteDiskFull } from '../db/diskFull';

import { BATCH_LOCK, flush, FLUSH_MS, heldBatches, useIntake, type IntakeItem } from './intakeStore';

export { useIntake, heldBatches, BATCH_LOCK, type IntakeItem, type ItemState } from './intakeStore';

/** The name shown for a file: its folder path when a folder was dropped. */
export function displayName(file: File): string {
  const p = (file as File & { path?: string; relativePath?: string }).relativePath || (file as File & { path?: string }).path || file.webkitRelativePath;
  return (p || file.name).replace(/^\.?\//, '');
}

// ---------------------------------------------------------------------------------------------
// Reader workers

const POOL = poolSize(globalThis.navigator?.hardwareConcurrency);

/** Thrown into the call in flight when a reader is ended; message null = cancelled by the officer. */
class ReaderEnded extends Error {
  constructor(public reason: IntakeMessage | null) {
    super('reader ended');
  }
}

interface Slot {
  worker: Worker;
  api: Comlink.Remote<ReaderApi>;
  busy: string | null;
  lane: Lane;
  watch: WatchState;
  /** Resolves when the worker has loaded what it needs (its first file's clock starts then). */
  ready: Promise<void>;
  /** Rejects when the slot is ended (watchdog, worker error, cancel). */
  ended: Promise<never>;
  end: (e: ReaderEnded) => void;
  dead: boolean;
}

let slots: Slot[] = [];

/** A worker with the open workspace's rules, for the queue or for one-off reads. */
function spawnReader(): { worker: Worker; api: Comlink.Remote<ReaderApi> } {
  const worker = new Worker(new URL('../workers/reader.worker.ts', import.meta.url), { type: 'module', name: 'reader' });
  const api = Comlink.wrap<ReaderApi>(worker);
  const rules = getIntakeRules();
  if (rules) void api.setRules(rules.text, rules.hash);
  return { worker, api };
}

function newSlot(): Slot {
  const { worker, api } = spawnReader();
  let end!: (e: ReaderEnded) => void;
  const ended = new Promise<never>((_, reject) => (end = reject));
  ended.catch(() => undefined);
  const now = Date.now();
  const ready = api.warm().catch(() => undefined); // a failure shows on the first file
  // progress of the slot's file; a late OCR report of a file already done is dropped
  void api.setReporter(
    Comlink.proxy((recordId: string, p: ReadProgress) => {
      const job = slot.busy ? pending.get(slot.busy) : undefined;
      return job && (!recordId || job.recordId === recordId) ? report(slot, job, p) : p.stage !== 'storing';
    }),
  );
  const slot: Slot = { worker, api, busy: null, lane: 'text', watch: { startedAt: now, lastSeen: now, ocrPages: 0 }, ready, ended, end, dead: false };
  // heartbeats (see ReaderApi.intake): any sign of life resets the silence clock
  worker.addEventListener('message', (e: MessageEvent) => {
    if (e.data?.klaBeat) slot.watch.lastSeen = Date.now();
  });
  const crashed = (reason: string) => endSlot(slot, { key: 'evidence.problems.reader-crashed', params: { name: jobName(slot), reason } });
  worker.addEventListener('error', (e: ErrorEvent) => crashed(e.message || 'error'));
  worker.addEventListener('messageerror', () => crashed('messageerror'));
  return slot;
}

const jobName = (slot: Slot) => (slot.busy && pending.get(slot.busy)?.name) || '';

/** Terminate a slot's worker for good; the call in flight fails with the reason, and pump() makes a new slot. */
function endSlot(slot: Slot, reason: IntakeMessage | null): void {
  if (slot.dead) return;
  slot.dead = true;
  slot.worker.terminate();
  slots = slots.filter((s) => s !== slot);
  slot.end(new ReaderEnded(reason));
}

// The rules file of the open workspace, handed to every reader worker for classification.
onIntakeRules((r) => {
  for (const s of slots) void s.api.setRules(r.text, r.hash);
});

// ---------------------------------------------------------------------------------------------
// Jobs, lanes and the settings of the batch

interface Job {
  id: string;
  recordId: string;
  workspaceId: string;
  batchId: string;
  name: string;
  file: File;
  linkTo?: { code: string }[];
  lane: Lane;
  storing: boolean;
  /** Made by the app for the demo workspace (its record says so: shared/demoResume.ts). */
  demo?: boolean;
}

interface Config {
  maxFileMB: number;
  ocr: boolean;
  ocrMaxPages: number;
  readTimeoutSec: number;
}

/** Files not finished yet (started or not). */
const pending = new Map<string, Job>();
/** Files waiting for a reader, in order, per lane. */
const lanes: Record<Lane, string[]> = { text: [], scan: [] };
let cfg: Config = { maxFileMB: 50, ocr: true, ocrMaxPages: 20, readTimeoutSec: 120 };
/** Bumped by cancel: a batch still being prepared then never starts. */
let generation = 0;
/** Batches between enqueue and their first file handed out (the queue is not idle then). */
let preparing = 0;
/** Workspaces with intake records to prune when the queue goes idle. */
const touched = new Set<string>();
/** Web Locks held while this tab runs a batch: other tabs do not mistake its files for lost ones. */
const locks: (() => void)[] = [];

async function loadConfig(): Promise<Config> {
  const [maxFileMB, ocr, ocrMaxPages, readTimeoutSec] = await Promise.all([getSetting('maxFileMB'), getSetting('ocr'), getSetting('ocrMaxPages'), getSetting('readTimeoutSec')]);
  return { maxFileMB, ocr, ocrMaxPages, readTimeoutSec };
}

function holdLock(batchId: string): void {
  if (!globalThis.navigator?.locks) return;
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  locks.push(release);
  navigator.locks.request(`${BATCH_LOCK}${batchId}`, () => held).catch(() => undefined);
}

/**
 * Files picked again through the ordinary drop or buttons, not "Pilih lagi", settle the records
 * of an interrupted batch they match too (the fifth walk: 20 files named as not saved, picked again
 * with "Pilih berkas" and stored, and the notice still named all 20).
 */
async function adoptUnfinished(jobs: Job[]): Promise<void> {
  const loose = jobs.filter((j) => j.recordId === j.id);
  if (!loose.length) return;
  const running = new Set([...pending.values()].map((j) => j.batchId));
  const exclude = new Set([...(await heldBatches()), ...running]);
  // a record is adopted once in a tab: two drops close together must not both settle it
  const open = (await unfinishedBatches(getDb(), loose[0].workspaceId, exclude).catch(() => [])).flatMap((b) => b.records).filter((r) => !claimed.has(r.id));
  for (const j of loose) {
    const r = matchRecord(j.file, open);
    if (r) claimed.add(r.id), (j.recordId = r.id);
  }
}

/** Records of interrupted batches adopted by a file picked again in this tab. */
const claimed = new Set<string>();

/**
 * A stopped job's record: cancelled, unless it is an interrupted batch's record the file was
 * picked again for (or "Pilih lagi" matched): that file is still not stored, so it stays named.
 */
const stoppedState = (j: Job): IntakeState => (j.recordId !== j.id ? 'queued' : 'cancelled');

/** A name that marks a copy: "laporan (1).pdf", "laporan - Copy.pdf", "laporan-salinan.pdf", "scan-kirim-ulang.png". */
const COPY_NAME = /\(\d+\)|[-_ ](copy|salinan|kopi|kirim[-_ ]ulang)\b/i;

/**
 * Files whose names mark them as copies go after the others (stable otherwise): the sixth walk's
 * drop kept "dok-07 (1).pdf" and refused "dok-07.pdf" as its duplicate.
 */
export function originalsFirst(files: File[]): File[] {
  const rank = (f: File) => (COPY_NAME.test(f.name) ? 1 : 0);
  return files.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
}

/** An unfinished record from an earlier batch that this file is (same name and size): picked again. */
function matchRecord(file: File, resume: IntakeRecord[]): IntakeRecord | undefined {
  const i = resume.findIndex((r) => r.size === file.size && (r.name.split('/').pop() ?? r.name) === file.name);
  return i < 0 ? undefined : resume.splice(i, 1)[0];
}

/**
 * Queue files. `resume`: unfinished records of an earlier batch (the "Pilih lagi" card); a file
 * matching one by name and size settles that record when it is stored.
 */
export function enqueue(workspaceId: string, picked: File[], linkTo?: { code: string }[], resume: IntakeRecord[] = [], opts: { demo?: boolean } = {}): Promise<void> {
  // copies after the files they copy: of two identical files the first stored keeps its name
  const files = originalsFirst(picked);
  const batchId = crypto.randomUUID();
  const now = Date.now();
  const left = [...resume];
  const jobs: Job[] = files.map((file) => {
    const id = crypto.randomUUID();
    return { id, recordId: matchRecord(file, left)?.id ?? id, workspaceId, batchId, name: displayName(file), file, linkTo, lane: 'text', storing: false, demo: opts.demo };
  });
  useIntake.setState((s) => ({ items: [...s.items, ...jobs.map((j): IntakeItem => ({ id: j.id, name: j.name, size: j.file.size, state: 'queued', ...(linkTo ? { linkTo: linkTo.map((l) => l.code), workspaceId } : {}) }))], running: true }));
  holdLock(batchId);
  touched.add(workspaceId);
  return startBatch(jobs, now);
}

async function startBatch(jobs: Job[], now: number): Promise<void> {
  preparing++;
  try {
    await prepare(jobs, now);
  } finally {
    preparing--;
  }
  pump();
  finish();
}

async function prepare(jobs: Job[], now: number): Promise<void> {
  const gen = generation;
  cfg = await loadConfig();
  await adoptUnfinished(jobs);
  const fresh = jobs.filter((j) => j.recordId === j.id).map((j) => record(j, now));
  // the records first: a document's transaction settles its record, which must exist by then
  await addBatch(getDb(), fresh).catch(() => undefined); // without them only crash-safety is lost
  if (gen !== generation) {
    recordStates(jobs.map((j) => ({ id: j.recordId, state: stoppedState(j) })));
    return;
  }
  for (const j of jobs) {
    j.lane = initialLane(j.file.name, j.file.type, cfg.ocr);
    pending.set(j.id, j);
    lanes[j.lane].push(j.id);
  }
}

const record = (j: Job, now: number): IntakeRecord => ({ id: j.id, workspaceId: j.workspaceId, batchId: j.batchId, name: j.name, size: j.file.size, lastModified: j.file.lastModified, state: 'queued', addedAt: now, ...(j.demo ? { demo: true as const } : {}) });

export function cancelAll(): void {
  flush();
  generation++;
  const { items, update } = useIntake.getState();
  const stopped: { id: string; state: IntakeState }[] = [];
  for (const job of [...pending.values()]) {
    if (job.storing) continue; // being written: it completes
    pending.delete(job.id);
    stopped.push({ id: job.recordId, state: stoppedState(job) });
  }
  for (const i of items) if (i.state === 'queued' || i.state === 'reading') update(i.id, { state: 'cancelled', progress: undefined });
  lanes.text = [];
  lanes.scan = [];
  for (const s of [...slots]) if (!(s.busy && pending.get(s.busy)?.storing)) endSlot(s, null);
  recordStates(stopped);
  useIntake.setState({ running: false });
  finish();
}

// ---------------------------------------------------------------------------------------------
// Scheduling and the watchdog

const busyLanes = () => slots.filter((s) => s.busy).map((s) => s.lane);

function pump(): void {
  for (;;) {
    const heads = (['text', 'scan'] as const).filter((l) => lanes[l].length).map((l) => ({ id: lanes[l][0], lane: l }));
    const next = pickNext(heads, busyLanes(), POOL);
    if (!next) return;
    let slot = slots.find((s) => !s.busy);
    if (!slot) {
      if (slots.length >= POOL) return;
      slot = newSlot();
      slots.push(slot);
    }
    const job = pending.get(next)!;
    lanes[job.lane].shift();
    start(slot, job);
  }
}

function start(slot: Slot, job: Job): void {
  // the disk ran full in this batch: refuse the rest at once rather than write into a full disk
  if (batchHitFullDisk(job.batchId)) return void queueMicrotask(() => (settle(job, 'failed', { key: 'errors.quota' }), pump(), finish()));
  const now = Date.now();
  slot.busy = job.id;
  slot.lane = job.lane;
  slot.watch = { startedAt: now, lastSeen: now, ocrPages: 0 };
  startWatchdog();
  void run(slot, job).finally(() => {
    if (slot.busy === job.id) slot.busy = null;
    pump();
    finish();
  });
}

let watchdog: ReturnType<typeof setInterval> | null = null;

function startWatchdog(): void {
  watchdog ??= setInterval(() => {
    const now = Date.now();
    for (const s of [...slots]) {
      const job = s.busy ? pending.get(s.busy) : undefined;
      const v = job && watchdogVerdict({ ...s.watch, storing: job.storing }, now, cfg.readTimeoutSec);
      if (job && v) endSlot(s, verdictMessage(job.name, v));
    }
  }, 1000);
}

function verdictMessage(name: string, v: Verdict): IntakeMessage {
  return { key: v.kind === 'timeout' ? 'evidence.problems.timeout' : 'evidence.problems.unresponsive', params: { name, sec: v.sec } };
}

// ---------------------------------------------------------------------------------------------
// One file

async function run(slot: Slot, job: Job): Promise<void> {
  const { update } = useIntake.getState();
  update(job.id, { state: 'reading', progress: undefined });
  const req: IntakeJob = { recordId: job.recordId, workspaceId: job.workspaceId, name: job.name, file: job.file, linkTo: job.linkTo, maxFileMB: cfg.maxFileMB, ocr: cfg.ocr, ocrMaxPages: cfg.ocrMaxPages, deferOcr: job.lane === 'text' };
  let out: IntakeOutcome;
  try {
    // while the worker starts up only silence counts; the file's time limit starts after
    await Promise.race([slot.ready, slot.ended]);
    slot.watch.startedAt = Date.now();
    out = await Promise.race([slot.api.intake(req), slot.ended]);
  } catch (e) {
    if (!pending.has(job.id)) return; // cancelled: the worker was terminated
    // a rejected call may leave the worker in any state: it is replaced too
    const reason = e instanceof ReaderEnded ? e.reason : { key: 'evidence.problems.read-error', params: { reason: (e as Error)?.message ?? String(e) } };
    endSlot(slot, null);
    return settle(job, 'failed', reason ?? undefined);
  }
  done(job, out);
}

function done(job: Job, out: IntakeOutcome): void {
  if (out.state === 'needs-ocr') return requeueScan(job);
  if (out.state === 'failed' && out.message?.key === 'errors.quota') noteDiskFull(job.batchId);
  if (out.state === 'cancelled') return void pending.delete(job.id);
  if (out.state === 'stored' || out.state === 'duplicate') return settle(job, out.state, out.message, out.documentId);
  settle(job, out.state, out.message);
}

/** Progress from the reader; at 'storing' it answers whether to go on. */
function report(slot: Slot, job: Job, p: ReadProgress): boolean {
  slot.watch.lastSeen = Date.now();
  if (p.stage === 'ocr') {
    slot.watch.ocrPages++;
    useIntake.getState().update(job.id, { progress: p });
  }
  if (p.stage !== 'storing') return true;
  if (!pending.has(job.id) || slot.dead) return false;
  job.storing = true;
  useIntake.getState().update(job.id, { state: 'storing', progress: undefined });
  return true;
}

/** A PDF with pages to OCR: back in line, in the scan lane (its text pages are read again there). */
function requeueScan(job: Job): void {
  job.lane = 'scan';
  lanes.scan.push(job.id);
  useIntake.getState().update(job.id, { state: 'queued', progress: undefined });
}

function settle(job: Job, state: IntakeState, message?: IntakeMessage, documentId?: string): void {
  pending.delete(job.id);
  useIntake.getState().update(job.id, { state, message, documentId, progress: undefined });
  // stored and duplicate were settled by the worker, in the document's own transaction
  if (state !== 'stored' && state !== 'duplicate') recordStates([{ id: job.recordId, state, reason: message?.key }]);
}

// ---------------------------------------------------------------------------------------------
// Persisting states and going idle

let stateWrites: { id: string; state: IntakeState; reason?: string }[] = [];
let stateTimer: ReturnType<typeof setTimeout> | null = null;
let lastWrite: Promise<unknown> = Promise.resolve();

/** Failed, rejected and cancelled states, written together (one write per FLUSH_MS at most). */
function recordStates(changes: typeof stateWrites): void {
  stateWrites.push(...changes);
  stateTimer ??= setTimeout(writeStates, FLUSH_MS);
}

function writeStates(): Promise<unknown> {
  stateTimer = null;
  const batch = stateWrites;
  stateWrites = [];
  // written even after the disk ran full (one small write): until they are, the batch reads as
  // cut off, in this tab and the others, and offers to pick its refused files again
  lastWrite = lastWrite.then(() => setStates(getDb(), batch)).catch(() => undefined);
  return lastWrite;
}

function finish(): void {
  if (slots.some((s) => s.busy) || pending.size || preparing) return;
  flush();
  useIntake.setState({ running: false });
  if (watchdog) clearInterval(watchdog);
  watchdog = null;
  for (const release of locks.splice(0)) release();
  if (stateTimer) clearTimeout(stateTimer);
  const workspaces = [...touched];
  touched.clear();
  void writeStates().then(() => Promise.all(workspaces.map((w) => pruneSettled(getDb(), w).catch(() => undefined))));
  // an idle reader still holds pdf.js, the classifier and an OCR engine (100-250 MB each): end
  // them; the next batch starts fresh ones in about a second
  for (const s of slots.splice(0)) s.worker.terminate();
}

/**
 * First-page thumbnails of PDFs, made after intake (one at a time, on a worker of their own,
 * only while no batch is running) and stored as `<id>#thumb`. Returns null when none can be made.
 */
let thumbReader: ReturnType<typeof spawnReader> | null = null;
let thumbChain: Promise<unknown> = Promise.resolve();
let thumbIdle: ReturnType<typeof setTimeout> | null = null;
/** The thumbnail reader is ended after this long without work (it holds pdf.js: 100 MB and more). */
const THUMB_IDLE_MS = 4000;

let thumbJobs = 0;
/** How long thumbnails wait after a batch, for the evidence list to settle on its final rows. */
const AFTER_BATCH_MS = 1000;

/**
 * `wanted` is asked when the job's turn comes: rows shown during a batch ask for thumbnails that
 * wait for the batch to end, and by then most of those rows are long gone (a 2,000-file batch
 * left hundreds of first pages to draw, nobody looking, while the officer began to search).
 */
export function makeThumbnail(docId: string, wanted: () => boolean = () => true): Promise<Blob | null> {
  if (thumbIdle) clearTimeout(thumbIdle);
  thumbJobs++;
  const next = thumbChain.then(async () => {
    if (useIntake.getState().running) {
      while (useIntake.getState().running) await new Promise((r) => setTimeout(r, 500));
      // the list reads itself afresh when a batch ends: ask the rows that stay, not those of its last poll
      await new Promise((r) => setTimeout(r, AFTER_BATCH_MS));
    }
    if (!wanted()) return null;
    const db = getDb();
    const have = await db.blobs.get(`${docId}#thumb`);
    if (have) return have.data;
    const bytes = await db.blobs.get(docId);
    if (!bytes) return null;
    thumbReader ??= spawnReader();
    const thumb = await thumbReader.api.thumbnail(bytes.data);
    if (!thumb) return null;
    // derived data, not an edit: stored even in a read-only workspace; only if the document is
    // still there, and not into a disk that just ran full (drawn again next time)
    if (diskFullWait() > 0) return thumb;
    try {
      await db.transaction('rw', db.documents, db.blobs, async () => {
        if (await db.documents.get(docId)) await db.blobs.put({ id: `${docId}#thumb`, data: thumb });
      });
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      noteDiskFull(); // shown now, drawn again next time
    }
    return thumb;
  });
  thumbChain = next.catch(() => null);
  void thumbChain.then(() => {
    if (--thumbJobs > 0) return;
    if (thumbIdle) clearTimeout(thumbIdle);
    thumbIdle = setTimeout(() => {
      if (thumbJobs > 0) return;
      thumbReader?.worker.terminate();
      thumbReader = null;
    }, THUMB_IDLE_MS);
  });
  return next.catch(() => null);
}

/** Re-read one stored PDF with its password (the officer typed it). */
export async function readWithPassword(file: Blob, name: string, password: string): Promise<ReadResult> {
  const reader = spawnReader();
  try {
    const [ocr, ocrMaxPages] = await Promise.all([getSetting('ocr'), getSetting('ocrMaxPages')]);
    return await reader.api.read({ name, file, maxBytes: Number.MAX_SAFE_INTEGER, ocr, ocrMaxPages, password });
  } finally {
    reader.worker.terminate();
  }
}

/**
 * Read a document that came from the city hub (another user's upload), off the main thread, the
 * same way as a dropped file. A file the reader refuses is still kept (the hub holds it), marked
 * unreadable with the reason.
 */
export async function readForHub(name: string, file: Blob): Promise<ReadDocument> {
  const reader = spawnReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const [ocr, ocrMaxPages, maxFileMB, readTimeoutSec] = await Promise.all([getSetting('ocr'), getSetting('ocrMaxPages'), getSetting('maxFileMB'), getSetting('readTimeoutSec')]);
    // the same time limit as a dropped file: a document that hangs the reader is kept unread
    const limit = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(30, readTimeoutSec) * 1000 * (ocr ? 4 : 1))));
    const r = await Promise.race([reader.api.read({ name, file, maxBytes: maxFileMB * 1024 * 1024, ocr, ocrMaxPages, thumbnail: true }), limit]);
    if (r !== 'timeout' && r.ok && !r.needsOcr) return r;
    const { sha256 } = await import('hash-wasm');
    const hash = await sha256(new Uint8Array(await file.arrayBuffer()));
    const problem = r === 'timeout' ? 'read-timeout-kept' : r.ok ? 'no-text-found' : r.problem;
    return { sha256: hash, kind: 'pdf', mime: file.type || 'application/octet-stream', size: file.size, text: '', readState: 'failed', problem };
  } finally {
    clearTimeout(timer);
    reader.worker.terminate();
  }
}
