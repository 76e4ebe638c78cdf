/**
 * A failed save in the user's language: the disk is full, the revision window has closed, an
 * agency's copy was asked to link another agency's question, or the reason.
 */
import { isQuotaError } from '../db/client';
import type { useFmt } from './useFmt';

export function saveErrorMessage(e: unknown, t: ReturnType<typeof useFmt>['t']): string {
  if (isQuotaError(e)) return t('errors.quota');
  if ((e as Error)?.name === 'FrozenError') return t('revision.frozen');
  if ((e as Error)?.name === 'NotAssignedError') {
    const { code, agency } = e as { code: string; agency: string };
    return t('evidence.notAssigned', { code, agency });
  }
  return t('errors.saveFailed', { reason: (e as Error)?.message ?? String(e) });
}
