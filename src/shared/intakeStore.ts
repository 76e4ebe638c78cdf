/**
 * What the menu's intake badge and the start-up check of interrupted batches need of the intake,
 * without the intake itself (its readers, schedule and worker glue load with the first batch or
 * the evidence screen: the start-up budget, docs/benchmarks.md).
 */
import { create } from 'zustand';
import type { IntakeState } from '../domain/model';
import type { IntakeMessage, ReadProgress } from '../workers/reader.worker';

export type ItemState = IntakeState;

export interface IntakeItem {
  id: string;
  name: string;
  size: number;
  state: ItemState;
  progress?: ReadProgress;
  /** i18n key under evidence.problems / evidence.intake plus params. */
  message?: IntakeMessage;
  documentId?: string;
  /** The questions it was dropped on, and in which workspace (a question's own drop area shows how it went). */
  linkTo?: string[];
  workspaceId?: string;
}

interface IntakeStore {
  items: IntakeItem[];
  running: boolean;
  update: (id: string, patch: Partial<IntakeItem>) => void;
  clearFinished: () => void;
}

/**
 * Item updates are applied in batches, at most every FLUSH_MS (every second once the queue holds
 * more files than a screen shows, every two past 200): a folder of hundreds of files would
 * otherwise re-render and re-layout the list thousands of times and starve the main thread.
 */
export const FLUSH_MS = 250;
const FLUSH_MS_LONG = 1000;
/** A batch of hundreds of files runs for minutes: every two seconds is news enough. */
const FLUSH_MS_BIG = 2000;
const flushDelay = () => {
  const n = useIntake.getState().items.length;
  return n > 200 ? FLUSH_MS_BIG : n > 20 ? FLUSH_MS_LONG : FLUSH_MS;
};
const queued = new Map<string, Partial<IntakeItem>>();
let flushTimer: ReturnType<typeof setTimeout> | null = null;

/** Applies the item updates queued since the last flush, at once. */
export function flush() {
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
    if (!flushTimer) flushTimer = setTimeout(flush, flushDelay());
  },
  clearFinished: () => {
    flush();
    useIntake.setState((s) => ({ items: s.items.filter((i) => i.state === 'queued' || i.state === 'reading' || i.state === 'storing') }));
  },
}));

/** The prefix of the Web Lock a tab holds while it runs a batch (`${prefix}${batchId}`). */
export const BATCH_LOCK = 'kla-intake:';

/** Batches some tab is running right now (it holds their Web Lock): their files are not lost. */
export async function heldBatches(): Promise<Set<string>> {
  const state = await globalThis.navigator?.locks?.query().catch(() => null);
  const names = (state?.held ?? []).map((l) => l.name ?? '');
  return new Set(names.filter((n) => n.startsWith(BATCH_LOCK)).map((n) => n.slice(BATCH_LOCK.length)));
}

