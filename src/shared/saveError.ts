/** A failed save in the user's language: the disk is full, the revision window has closed, or the reason. */
import { isQuotaError } from '../db/client';
import type { useFmt } from './useFmt';

export function saveErrorMessage(e: unknown, t: ReturnType<typeof useFmt>['t']): string {
  if (isQuotaError(e)) return t('errors.quota');
  if ((e as Error)?.name === 'FrozenError') return t('revision.frozen');
  return t('errors.saveFailed', { reason: (e as Error)?.message ?? String(e) });
}
