import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { getDb } from '../../db/client';
import { linkDocument, questionEvidence, unlinkDocument } from '../../db/evidence';
import type { EvidenceDoc } from '../../domain/model';
import { DropArea } from '../../shared/components/DropArea';
import { href } from '../../shared/route';
import { withUndo } from '../../shared/linkUndo';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { useFrozen } from '../../shared/useFrozen';
import { pageLabel } from '../../domain/evidence/pageCite';
import { officeName } from '../../domain/model';

/** Evidence of one question: linked documents (with page), link an existing one, drop new files. */
export function QuestionEvidence({ code }: { code: string }) {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const db = getDb();
  const linked = useLiveQuery(() => questionEvidence(db, ws.id, code), [ws.id, code]);
  const frozen = useFrozen();
  const [search, setSearch] = useState('');
  const searching = search.trim().length > 1;
  const all = useLiveQuery(async (): Promise<EvidenceDoc[]> => (searching ? db.documents.where('workspaceId').equals(ws.id).toArray() : []), [ws.id, searching]);
  const candidates = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (q.length < 2 || !all) return [];
    const have = new Set(linked?.map((x) => x.doc!.id));
    return all.filter((d) => !have.has(d.id) && (d.name.toLowerCase().includes(q) || (d.title ?? '').toLowerCase().includes(q))).slice(0, 8);
  }, [search, all, linked]);

  return (
    <section aria-label={t('evidence.evidenceFor', { count: linked?.length ?? 0 })} data-testid="question-evidence">
      <h3>{t('evidence.evidenceFor', { count: linked?.length ?? 0 })}</h3>
      <HeldAtCity code={code} />
      {linked && linked.length === 0 && !ws.agency?.held?.some((h) => h.code === code) && <p className="muted small">{t('evidence.noEvidence')}</p>}
      <ul className="plain">
        {linked?.map(({ link, doc }) => (
          <li key={link.id} data-evidence={doc!.name}>
            <a href={href(ws.id, 'bukti', doc!.id)} title={t('evidence.open')}>
              {doc!.name}
            </a>{' '}
            {link.page ? <span className="tag">{t('evidence.pageCite', { page: pageLabel(link) })}</span> : null}
            <button type="button" className="link" hidden={frozen} onClick={() => void withUndo(ws.id, unlinkDocument(db, ws.id, doc!.id, code), t('evidence.unlinked', { name: doc!.name, code }), t)}>
              {t('evidence.unlink')}
            </button>
          </li>
        ))}
      </ul>
      {!frozen && (
        <label className="block small">
          {t('evidence.attach')}
          <input type="search" value={search} placeholder={t('evidence.attachSearch')} onChange={(e) => setSearch(e.target.value)} />
        </label>
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
