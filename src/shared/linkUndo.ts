/**
 * A link step (link, unlink, move, bulk link) that says what it did and offers Urungkan: the
 * officer can take back a click on the wrong row without hunting for the link.
 */
import { getDb } from '../db/client';
import { undoLinkChange, type LinkChange } from '../db/evidence';
import type { useFmt } from './useFmt';
import { saveErrorMessage } from './saveError';
import { showToast } from './toast';

export async function withUndo(workspaceId: string, step: Promise<LinkChange>, message: string, t: ReturnType<typeof useFmt>['t']): Promise<void> {
  let change: LinkChange;
  try {
    change = await step;
  } catch (e) {
    // refused (revision closed, disk full, another agency's question): said, not lost in the console
    showToast({ message: saveErrorMessage(e, t) });
    return;
  }
  if (!change.added.length && !change.removed.length) return;
  showToast({
    message,
    action: {
      label: t('common.undo'),
      run: async () => {
        const n = await undoLinkChange(getDb(), workspaceId, change);
        showToast({ message: t('evidence.bulk.undone', { count: n }) });
      },
    },
  });
}
