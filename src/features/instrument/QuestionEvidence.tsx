import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useMemo, useState } from 'react';
import { DidYouMean, offerOver } from '../../shared/components/DidYouMean';
import { useContentSearch, usePendingIndex } from '../../shared/search';
import { getDb } from '../../db/client';
import { linkDocument, questionEvidence, unlinkDocument } from '../../db/evidence';
import { UncheckedMark } from '../../shared/components/UncheckedMark';
import type { EvidenceDoc } from '../../domain/model';
import { DropArea } from '../../shared/components/DropArea';
import { href } from '../../shared/route';
import { withUndo } from '../../shared/linkUndo';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { useFrozen } from '../../shared/useFrozen';
import { pageLabel } from '../../domain/evidence/pageCite';
import { officeName } from '../../domain/model';

/** Documents offered at once under the box; a longer list is said and narrowed by typing on. */
const SHOWN = 8;
/** Linked documents listed before "Tampilkan semua". */
const LINKED_SHOWN = 20;

/** Evidence of one question: linked documents (with page), link an existing one, drop new files. */
export function QuestionEvidence({ code }: { code: string }) {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const db = getDb();
  const linked = useLiveQuery(() => questionEvidence(db, ws.id, code), [ws.id, code]);
  const frozen = useFrozen();
  const [showAll, setShowAll] = useState(false);
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim());
  const searching = query.length > 1;
  const all = useLiveQuery(async (): Promise<EvidenceDoc[]> => (searching ? db.documents.where('workspaceId').equals(ws.id).toArray() : []), [ws.id, searching]);
  // the box says "name or content": the content is the search worker's, as on Bukti
  const content = useContentSearch(ws.id, searching ? query : '', usePendingIndex(ws.id, searching));
  const found = useMemo(() => {
    if (!searching || !all) return null;
    const q = query.toLowerCase();
    const have = new Set(linked?.map((x) => x.doc!.id));
    const open = all.filter((d) => !have.has(d.id));
    const named = open.filter((d) => d.name.toLowerCase().includes(q) || (d.title ?? '').toLowerCase().includes(q));
    const byName = new Set(named);
    const inText = content?.query === query ? open.filter((d) => !byName.has(d) && d.no != null && content.nos.has(d.no)) : [];
    // the offered spelling counts the documents this box would offer for it (not linked here)
    const didYouMean = content?.query === query ? offerOver(content, open) : null;
    return { list: [...named, ...inText], answered: content?.query === query || !!content?.failed, didYouMean };
  }, [query, searching, all, linked, content]);
  const candidates = found?.list.slice(0, SHOWN) ?? [];

  return (
    <section aria-label={t('evidence.evidenceFor', { count: linked?.length ?? 0 })} data-testid="question-evidence">
      <h3>{t('evidence.evidenceFor', { count: linked?.length ?? 0 })}</h3>
      <HeldAtCity code={code} />
      {linked && linked.length === 0 && !ws.agency?.held?.some((h) => h.code === code) && <p className="muted small">{t('evidence.noEvidence')}</p>}
      <ul className="plain">
        {linked?.slice(0, showAll ? undefined : LINKED_SHOWN).map(({ link, doc }) => (
          <li key={link.id} data-evidence={doc!.name}>
            <a href={href(ws.id, 'bukti', doc!.id)} title={t('evidence.open')}>
              {doc!.name}
            </a>{' '}
            {link.page ? <span className="tag">{t('evidence.pageCite', { page: pageLabel(link) })}</span> : null}
            <UncheckedMark link={link} frozen={frozen} />
            <button type="button" className="link" hidden={frozen} onClick={() => void withUndo(ws.id, unlinkDocument(db, ws.id, doc!.id, code), t('evidence.unlinked', { name: doc!.name, code }), t)}>
              {t('evidence.unlink')}
            </button>
          </li>
        ))}
      </ul>
      {linked && linked.length > LINKED_SHOWN && (
        // a question a bulk step gave hundreds of files: its link box stays within reach
        <button type="button" className="link small" aria-expanded={showAll} onClick={() => setShowAll(!showAll)} data-testid="evidence-all">
          {showAll ? t('evidence.showFewer', { count: LINKED_SHOWN }) : t('evidence.showAll', { count: linked.length })}
        </button>
      )}
      {!frozen && (
        <label className="block small">
          {t('evidence.attach')}
          <input type="search" value={search} placeholder={t('evidence.attachSearch')} onChange={(e) => setSearch(e.target.value)} />
        </label>
      )}
      {!frozen && found && found.list.length > SHOWN && (
        <p className="muted small" data-testid="attach-count">
          {t('evidence.attachMore', { count: found.list.length, shown: SHOWN })}
        </p>
      )}
      {!frozen && found?.answered && found.list.length === 0 && (
        <p className="muted small" data-testid="attach-none">
          {t('evidence.noMatch')}
          <DidYouMean suggestion={found.didYouMean} onPick={setSearch} />
        </p>
      )}
      {!frozen && candidates.length > 0 && (
        <ul className="plain candidates">
          {candidates.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                className="link"
                onClick={async () => {
                  await withUndo(ws.id, linkDocument(db, ws.id, d.id, code), t('evidence.suggest.linked', { name: d.name, code }), t);
                  setSearch('');
                }}
              >
                + {d.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!frozen && <DropArea workspaceId={ws.id} linkTo={code} compact />}
    </section>
  );
}

/** An agency's copy: the documents the city already holds for this question, by name (its pack names them; no bytes). */
function HeldAtCity({ code }: { code: string }) {
  const { ws } = useWorkspace();
  const { t, dt } = useFmt();
  const held = ws.agency?.held?.filter((h) => h.code === code) ?? [];
  if (!held.length) return null;
  return (
    <div className="small" data-testid="held-at-city">
      <p>{t('evidence.heldAtCity', { count: held.length, office: officeName(ws) })}</p>
      <ul className="plain">
        {held.map((h, i) => (
          <li key={i} data-held={h.name}>
            {h.name} <span className="muted">({dt(h.addedAt, false)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
