/**
 * What *Kirim catatan* says of the last sending (SendNotes.tsx): delivered only when the sending
 * was pushed, the hub did not refuse it, and no review of this copy waits refused (a refused
 * review did not go with the notes, so the city has an older note, or none).
 */
import type { HubBinding } from '../../db/hubSync';
import type { NotesSent } from '../../db/review';

export interface SendState {
  delivered: boolean;
  /** Reviews the hub refused (their reasons are on Hub kota). */
  refusedReviews: number;
}

export function sendState(binding: Pick<HubBinding, 'pushedSeq' | 'refused' | 'deviceId'>, sent: NotesSent | undefined): SendState {
  const refused = binding.refused ?? [];
  const refusedReviews = refused.filter((r) => r.op.kind === 'review').length;
  // the sending's op id names its log entry
  const sendRefused = !!sent && refused.some((r) => r.op.opId === `${binding.deviceId}-${sent.seq}-0`);
  return { delivered: !!sent && !refusedReviews && !sendRefused && binding.pushedSeq >= sent.seq, refusedReviews };
}
