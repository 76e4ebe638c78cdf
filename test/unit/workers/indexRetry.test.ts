// @vitest-environment node
/**
 * What the search worker does after a round of indexing failed (src/workers/indexRetry.ts): a
 * full disk backs off 1, 2, 4... minutes (at most 30); a round the browser cut off by closing the
 * database is tried again in seconds (its documents stay pending, and without a retry they would
 * wait for the next document stored); anything else waits for the next change.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CLOSED_RETRY_MS, MAX_BACKOFF_MS, roundFailure } from '../../../src/workers/indexRetry';

const closed = new DOMException('The connection was closed.', 'AbortError');

describe('after a failed round of indexing', () => {
  it('a full disk backs off, doubling up to half an hour', () => {
    const full = new DOMException('quota', 'QuotaExceededError');
    expect(roundFailure(full, 0)).toEqual({ kind: 'full', backoff: 60_000 });
    expect(roundFailure(full, 60_000)).toEqual({ kind: 'full', backoff: 120_000 });
    expect(roundFailure(full, 20 * 60_000)).toEqual({ kind: 'full', backoff: MAX_BACKOFF_MS });
  });

  it('a database closed by the browser is tried again in seconds, as Dexie wraps it or not', () => {
    expect(roundFailure(closed, 0)).toEqual({ kind: 'closed', wait: CLOSED_RETRY_MS });
    expect(roundFailure(new Dexie.AbortError('The connection was closed.', closed), 120_000)).toEqual({ kind: 'closed', wait: CLOSED_RETRY_MS });
    expect(CLOSED_RETRY_MS).toBeLessThan(60_000);
  });

  it('anything else waits for the next change', () => {
    expect(roundFailure(new Error('segment damaged'), 0)).toEqual({ kind: 'other' });
    expect(roundFailure(new DOMException('The transaction was aborted.', 'AbortError'), 0)).toEqual({ kind: 'other' });
  });
});
