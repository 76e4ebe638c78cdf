import { isConnectionClosed, isQuotaError } from '../db/client';

/** The longest wait between tries while the disk stays full. */
export const MAX_BACKOFF_MS = 30 * 60_000;
/** After the browser closed the database under a round (Dexie reopens it on the next use). */
export const CLOSED_RETRY_MS = 5_000;

export type RoundFailure =
  /** the disk is full: try again after `backoff` (1, 2, 4... minutes, at most 30), and tell the others */
  | { kind: 'full'; backoff: number }
  /** the browser closed the database: try again shortly, nothing else is wrong with the round */
  | { kind: 'closed'; wait: number }
  /** anything else: wait for the next change (a retry at once would fail the same way, for ever) */
  | { kind: 'other' };

/** What a failed round of indexing does next, given the wait after the last full disk. */
export function roundFailure(e: unknown, lastBackoff: number): RoundFailure {
  if (isQuotaError(e)) return { kind: 'full', backoff: Math.min(Math.max(2 * lastBackoff, 60_000), MAX_BACKOFF_MS) };
  // the documents of a round cut off that way stay pending: without a retry they would wait for
  // the next document stored, and the search would miss them until then
  if (isConnectionClosed(e)) return { kind: 'closed', wait: CLOSED_RETRY_MS };
  return { kind: 'other' };
}
