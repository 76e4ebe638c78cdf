/** What Kirim catatan says of the last sending (src/features/review/sendState.ts). */
import { describe, expect, it } from 'vitest';
import { sendState } from '../../../src/features/review/sendState';
import type { HubOp } from '../../../src/domain/hubProtocol';

const sent = { at: 1, count: 2, seq: 7 };
const review = (n: number): HubOp => ({ opId: `dev-${n}-0`, kind: 'review', questionCode: '12.3', verdict: 'sesuai', note: '', points: null, markForReview: false, editedAt: '2026-12-03T00:00:00Z' });

describe('the state of the last Kirim catatan', () => {
  it('is delivered once pushed, with nothing refused', () => {
    expect(sendState({ deviceId: 'dev', pushedSeq: 6, refused: [] }, sent)).toEqual({ delivered: false, refusedReviews: 0 });
    expect(sendState({ deviceId: 'dev', pushedSeq: 7, refused: [] }, sent)).toEqual({ delivered: true, refusedReviews: 0 });
    expect(sendState({ deviceId: 'dev', pushedSeq: 7 }, undefined)).toEqual({ delivered: false, refusedReviews: 0 });
  });

  it('is not delivered while the sending itself or any review waits refused, and counts the refused reviews', () => {
    const sendOp: HubOp = { opId: 'dev-7-0', kind: 'send-reviews', editedAt: '2026-12-03T00:00:00Z' };
    expect(sendState({ deviceId: 'dev', pushedSeq: 9, refused: [{ op: sendOp, reason: 'no-reviews', at: 2 }] }, sent).delivered).toBe(false);
    const two = [review(3), review(4)].map((op) => ({ op, reason: 'bad-text', at: 2 }));
    expect(sendState({ deviceId: 'dev', pushedSeq: 9, refused: two }, sent)).toEqual({ delivered: false, refusedReviews: 2 });
    // a refused sending of another device's id, or an older one, does not count against this one
    expect(sendState({ deviceId: 'dev', pushedSeq: 9, refused: [{ op: { ...sendOp, opId: 'dev-5-0' }, reason: 'no-reviews', at: 2 }] }, sent).delivered).toBe(true);
  });
});
