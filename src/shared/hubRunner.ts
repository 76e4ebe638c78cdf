/**
 * Runs sync rounds (src/db/hubSync.ts) for the open workspace when it is connected to a city hub:
 * soon after a change, every 15 s otherwise, at once when the network comes back. Never blocks
 * work: a round runs in the background and a failed one is simply tried again later.
 */
import { create } from 'zustand';
import { getDb } from '../db/client';
import { OtherUserError, getBinding, pendingCount, syncOnce, type SyncReport } from '../db/hubSync';
import { HubHttpError, hubClient } from './hubClient';
import { readForHub } from './intake';
import type { Rules } from '../domain/rules/load';
import { loadRulesByHash } from './rules';

export type HubSyncStatus = 'off' | 'syncing' | 'synced' | 'pending' | 'offline' | 'signed-out' | 'error';

export interface HubSyncState {
  status: HubSyncStatus;
  lastSyncAt?: number;
  lastReport?: SyncReport;
  error?: string;
}

export const useHubSync = create<HubSyncState>(() => ({ status: 'off' }));

const EVERY_MS = 15_000;
let current: string | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> | null = null;
let again = false;

function schedule(ms: number) {
  clearTimeout(timer);
  timer = setTimeout(() => void syncNow(), ms);
}

/** One round now (or right after the one running). */
export async function syncNow(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = round().finally(() => {
    running = null;
    if (again) {
      again = false;
      void syncNow();
    } else if (current) schedule(EVERY_MS);
  });
  return running;
}

async function round(): Promise<void> {
  const ws = current;
  if (!ws) return;
  const db = getDb();
  if (!(await getBinding(db, ws))) return void useHubSync.setState({ status: 'off' });
  if (!navigator.onLine) return void useHubSync.setState({ status: 'offline' });
  useHubSync.setState({ status: 'syncing' });
  try {
    const rules = await rulesOf(ws);
    const report = await syncOnce(db, ws, hubClient(), readForHub, { rules });
    if (current !== ws) return;
    const left = await pendingCount(db, ws);
    useHubSync.setState({ status: left ? 'pending' : 'synced', lastSyncAt: Date.now(), lastReport: report, error: undefined });
  } catch (e) {
    if (current !== ws) return;
    if (e instanceof HubHttpError && e.status === 401) useHubSync.setState({ status: 'signed-out' });
    else if (e instanceof OtherUserError) useHubSync.setState({ status: 'signed-out', error: 'other-user' });
    else if (e instanceof HubHttpError) useHubSync.setState({ status: 'error', error: e.code });
    else useHubSync.setState({ status: 'offline' }); // fetch failed: no network or the hub is down
  }
}

/** The workspace's rules, parsed once (not every 15 s round: the file is large). */
let rulesCache: { hash: string; rules: Promise<Rules> } | null = null;
async function rulesOf(ws: string): Promise<Rules | undefined> {
  const w = await getDb().workspaces.get(ws);
  if (!w) return undefined;
  if (rulesCache?.hash !== w.rulesHash) {
    const entry = { hash: w.rulesHash, rules: loadRulesByHash(w.rulesHash) };
    entry.rules.catch(() => rulesCache === entry && (rulesCache = null)); // a failure is tried again next round
    rulesCache = entry;
  }
  return rulesCache.rules;
}

const onOnline = () => void syncNow();

/** Follow this workspace (null: none open). */
export function followWorkspace(ws: string | null): void {
  if (ws === current) return;
  current = ws;
  clearTimeout(timer);
  useHubSync.setState({ status: 'off' });
  window.removeEventListener('online', onOnline);
  if (!ws) return;
  window.addEventListener('online', onOnline);
  void syncNow();
}

/** After a local change: a round shortly (changes made together go in one round). */
export function changed(): void {
  if (current) schedule(1500);
}
