import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getDb } from '../../db/client';
import { href } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

/**
 * Beranda's lines about the evidence among what to do next: how many files in Bukti are linked to
 * no question, and how many questions rest on links from the app's suggestions nobody has checked
 * (the eighth walk: Beranda said nothing of 5,000 files, 3,889 of them unlinked).
 */
export function EvidenceLines() {
  const { ws, rules, codesByDocument, unchecked } = useWorkspace();
  const { t } = useFmt();
  // keys only: a few bytes a document, not the rows
  const ids = useLiveQuery(() => getDb().documents.where('workspaceId').equals(ws.id).primaryKeys(), [ws.id]);
  const unlinked = useMemo(() => ids?.filter((id) => !codesByDocument.has(String(id))).length ?? 0, [ids, codesByDocument]);
  // the first of them in the instrument's order: the officer opens it, checks, and goes on from there
  const first = useMemo(() => [...rules.questionByCode.values()].find((q) => unchecked.has(q.code)), [rules, unchecked]);
  if (!ids?.length) return null;
  return (
    <>
      {unlinked > 0 && (
        <p data-testid="home-unlinked">
          <a href={href(ws.id, 'bukti')}>{t('home.unlinked', { count: unlinked, total: ids.length })}</a>
        </p>
      )}
      {first && (
        <p data-testid="home-unchecked">
          <a href={href(ws.id, 'instrumen', first.indicator, first.code)}>{t('home.unchecked', { count: unchecked.size })}</a>
        </p>
      )}
    </>
  );
}
