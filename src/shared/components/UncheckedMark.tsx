import { getDb } from '../../db/client';
import { checkLinks } from '../../db/evidence';
import type { EvidenceLink } from '../../domain/model';
import { useFmt } from '../useFmt';

/**
 * A link made from the app's suggestion and not checked since: said beside it ("dari saran,
 * belum diperiksa"), with the button that checks it. Where the officer reads the document (Bukti's
 * open document) and where she grades the question (its evidence list).
 */
export function UncheckedMark({ link, frozen }: { link: Pick<EvidenceLink, 'id' | 'workspaceId' | 'suggested'>; frozen: boolean }) {
  const { t } = useFmt();
  if (!link.suggested) return null;
  return (
    <>
      <span className="tag warn-tag" data-testid="unchecked" title={t('evidence.uncheckedHint')}>
        {t('evidence.unchecked')}
      </span>{' '}
      <button type="button" className="link" hidden={frozen} onClick={() => void checkLinks(getDb(), link.workspaceId, [link.id])}>
        {t('evidence.check')}
      </button>{' '}
    </>
  );
}
