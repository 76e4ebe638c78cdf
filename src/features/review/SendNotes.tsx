import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '../../db/client';
import { getBinding } from '../../db/hubSync';
import { getNotesSent, hasNote, sendNotes } from '../../db/review';
import type { Review } from '../../domain/model';
import { syncNow, useHubSync } from '../../shared/hubRunner';
import { storedReviewer } from '../../shared/reviewer';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { sendState } from './sendState';

/**
 * Kirim catatan (an evaluator's copy connected to the city hub): the notes go to the city in one
 * delivery, and the city's 2 x 24-hour revision period starts when they reach the hub. Until then
 * the reviews are the evaluator's drafts. Says how many notes go, when they were last sent, whether
 * the hub has them, and how many changed since.
 */
export function SendNotes({ reviews }: { reviews: Review[] }) {
  const { ws } = useWorkspace();
  const { t, dt } = useFmt();
  const db = getDb();
  const binding = useLiveQuery(() => getBinding(db, ws.id), [ws.id]);
  const sent = useLiveQuery(() => getNotesSent(db, ws.id), [ws.id]);
  const { status } = useHubSync();
  const [error, setError] = useState('');
  if (binding?.role !== 'evaluator') return null;

  const notes = reviews.filter(hasNote);
  const changedSince = sent ? reviews.filter((r) => r.updatedAt > sent.at).length : 0;
  const { delivered, refusedReviews } = sendState(binding, sent);
  const send = async () => {
    setError('');
    if (!confirm(t('review.send.confirm', { count: notes.length, hours: ws.revisionHours }))) return;
    try {
      await sendNotes(db, ws.id, storedReviewer() || binding.displayName);
      void syncNow();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="send-notes" data-testid="send-notes">
      <button type="button" onClick={() => void send()} disabled={!notes.length}>
        {t('review.send.button', { count: notes.length })}
      </button>{' '}
      <span className="muted small" data-testid="send-notes-state" role="status">
        {!sent
          ? t(notes.length ? 'review.send.notYet' : 'review.send.none')
          : t(delivered ? 'review.send.delivered' : status === 'offline' ? 'review.send.waitingOffline' : 'review.send.waiting', { count: sent.count, at: dt(sent.at) })}
        {sent && changedSince > 0 && ` · ${t('review.send.changedSince', { count: changedSince })}`}
      </span>
      {refusedReviews > 0 && (
        <p className="warn small" data-testid="send-notes-refused">
          {t('review.send.refusedReviews', { count: refusedReviews })}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
