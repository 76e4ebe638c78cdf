/**
 * Deleting a document asks nothing and can be taken back: the toast says what went (the file
 * and how many links) and offers Urungkan, which puts the file, its reading and its links back.
 */
import { getDb } from '../../db/client';
import { deleteDocument, restoreDocument } from '../../db/evidence';
import type { EvidenceDoc } from '../../domain/model';
import { showToast } from '../../shared/toast';
import type { useFmt } from '../../shared/useFmt';

export async function deleteWithUndo(workspaceId: string, doc: EvidenceDoc, t: ReturnType<typeof useFmt>['t']): Promise<void> {
  const removed = await deleteDocument(getDb(), workspaceId, doc.id);
  if (!removed) return;
  showToast({
    message: t('evidence.deleted', { name: doc.name, count: removed.links.length }),
    action: {
      label: t('common.undo'),
      run: async () => {
        const outcome = await restoreDocument(getDb(), workspaceId, removed);
        showToast({ message: t(outcome === 'restored' ? 'evidence.restored' : outcome === 'present' ? 'evidence.restorePresent' : 'evidence.restoreFailed', { name: doc.name }) });
      },
    },
  });
}
