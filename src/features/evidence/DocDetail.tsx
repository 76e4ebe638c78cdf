import { UncheckedMark } from '../../shared/components/UncheckedMark';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { getDb } from '../../db/client';
import { fromStored } from '../../db/texts';
import { linkDocument, setDocumentAgency, unlinkDocument, updateReading } from '../../db/evidence';
import type { EvidenceDoc } from '../../domain/model';
import { clipWords } from '../../shared/format';
import { DocPreview } from '../../shared/components/DocPreview';
import { FlagCard } from '../../shared/components/FlagCard';
import { useClassifier, useFlags, forgetClassification } from '../../shared/flags';
import { certaintyOf, linkSuggestion } from '../../domain/evidence/linkSuggestion';
import { linkWithUndo } from './BulkLink';
import { PageRuns } from './PageRuns';
import { deleteWithUndo } from './deleteUndo';
import { withUndo } from '../../shared/linkUndo';
import { readWithPassword } from '../../shared/intake';
import { href } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';
import { useTypedCode } from '../../shared/typedCode';
import { useWorkspace } from '../../shared/workspace';
import { useEvidenceReadOnly, useFrozen } from '../../shared/useFrozen';
import { useSetting } from '../../shared/settings';
import { pageLabel, readPageBox, type PageBox, type PageCite } from '../../domain/evidence/pageCite';
import { saveErrorMessage } from '../../shared/saveError';
import { ownSuggestion, useOwnCodes } from '../../shared/ownCodes';

/** The preview pane: what the document is, its reading problems, its links, and its content. */
/** `found`: the page where the list's search found its first match (the preview opens there). */
export function DocDetail({ doc, found }: { doc: EvidenceDoc; found?: { page: number; query: string } }) {
  const { ws, rules, agencies } = useWorkspace();
  const { t, dt, day, bytes, lt } = useFmt();
  const db = getDb();
  const links = useLiveQuery(() => db.links.where('documentId').equals(doc.id).toArray(), [doc.id]);
  const text = useLiveQuery(async () => fromStored(await db.texts.get(doc.id)), [doc.id]);
  const [code, setCode] = useState('');
  const [page, setPage] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  // which box the message is about: the page's own mistakes mark the page box, not the code's
  const [pageWrong, setPageWrong] = useState(false);
  const [password, setPassword] = useState('');
  const [pwError, setPwError] = useState<string | null>(null);
  const flags = useFlags()?.byDocument.get(doc.id) ?? [];
  const c = useLiveQuery(async () => (await db.classifications.get(doc.id))?.classification, [doc.id]);
  const frozen = useEvidenceReadOnly();
  // an evaluator may open a protected PDF to read it (the city gives the password)
  const windowClosed = useFrozen();
  const model = useClassifier(rules).data?.model ?? null;
  const own = useOwnCodes();
  const sugg = model && c && links && !links.some((l) => l.documentId === doc.id) ? ownSuggestion(linkSuggestion(model, c), own) : null;
  const ocrMaxPages = useSetting('ocrMaxPages');

  // the question a typed code names, in its words, before the link is made
  const checkCode = useTypedCode(rules);
  const typed = checkCode(code);
  const typedPrompt = typed && 'code' in typed ? `${typed.code}: ${lt(rules.questionByCode.get(typed.code)!.prompt)}` : null;

  async function addLink(e: FormEvent) {
    e.preventDefault();
    const checked = typed ?? { error: t('evidence.unknownCode', { code }) };
    if ('error' in checked) return setPageWrong(false), setLinkError(checked.error);
    const c = checked.code;
    const box = readPageBox(page, doc.pages);
    if (!('cite' in box)) return setPageWrong(true), setLinkError(pageBoxMessage(box));
    const { cite } = box;
    // refused by the data layer (another agency's question in an agency's copy, revision closed): said here
    const done = await linkDocument(db, ws.id, doc.id, c, cite).then(
      (change) => ({ change, failed: null }),
      (err: unknown) => ({ change: null, failed: saveErrorMessage(err, t) }),
    );
    if (!done.change) return setPageWrong(false), setLinkError(done.failed);
    // a typed link says what it did and offers Urungkan, as every other link step does
    const linked = cite.page ? t('evidence.pageRuns.linked', { name: doc.name, code: c, page: pageLabel(cite) }) : t('evidence.suggest.linked', { name: doc.name, code: c });
    void withUndo(ws.id, Promise.resolve(done.change), linked, t);
    setCode('');
    setPage('');
    setLinkError(null);
    setPageWrong(false);
  }

  /** Why the page box cannot be cited, in the officer's words, with the run to write instead. */
  function pageBoxMessage(box: Exclude<PageBox, { cite: PageCite }>): string {
    if (box.problem === 'pastEnd') return t('evidence.pagePastEnd', { page, pages: doc.pages });
    if (box.problem === 'bad') return t('evidence.badPage', { page });
    const run = `${box.run.from}-${box.run.to}`;
    return box.problem === 'reversed' ? t('evidence.reversedPages', { page, fixed: run }) : t('evidence.pageList', { page, span: run });
  }

  async function unlock(e: FormEvent) {
    e.preventDefault();
    const blob = await db.blobs.get(doc.id);
    if (!blob) return;
    const r = await readWithPassword(blob.data, doc.name, password);
    if (!r.ok || r.readState === 'encrypted') {
      setPwError(t(`evidence.problems.${r.ok ? (r.problem ?? 'pdf-wrong-password') : r.problem}`));
      return;
    }
    await updateReading(db, doc.id, r);
    forgetClassification(doc.id);
    setPwError(null);
    setPassword('');
  }

  const problemKey = doc.problem ? `evidence.problems.${doc.problem}` : null;
  // a suggested code shows its question's words: codes alone say little to a new officer
  const promptOf = (qc: string) => {
    const q = rules.questionByCode.get(qc);
    return q ? lt(q.prompt) : '';
  };
  return (
    <article className="doc-detail" aria-label={doc.name} data-testid="doc-detail">
      <h2 className="doc-name">{doc.name}</h2>
      <p className="muted small">
        {t(`evidence.kinds.${doc.kind}`)} · {bytes(doc.size)}
        {doc.pages ? ` · ${t('evidence.pages', { count: doc.pages })}` : ''} · {t('evidence.added', { when: dt(doc.addedAt) })}
        {doc.docDate && ` · ${t('evidence.docDate', { date: day(doc.docDate) })}`}
      </p>
      {problemKey && (
        <p className={doc.readState === 'failed' ? 'error' : 'warn'} role="status" data-testid="doc-problem">
          {t(problemKey, { limit: ocrMaxPages })}
        </p>
      )}
      {doc.hasScripts && <p className="warn">{t('evidence.scripts')}</p>}
      {c && (
        <p className="small" data-testid="classified">
          {t('flags.classified', { group: lt(rules.groupById.get(c.group)!.short), indicator: c.indicator, pct: t(`evidence.certainty.${certaintyOf(c.confidence)}`) })}
          {c.evidence.length > 0 && <span className="muted"> · {t('flags.words')} {c.evidence.slice(0, 5).join(', ')}</span>}
        </p>
      )}
      {flags.map((f) => (
        <FlagCard key={f.code} flag={f} docName={doc.name} showFiled />
      ))}
      {doc.readState === 'encrypted' && !windowClosed && (
        <form onSubmit={unlock} className="inline-form">
          <label>
            {t('evidence.password')} <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
          </label>
          <button type="submit">{t('evidence.unlock')}</button>
          {pwError && <span className="error">{pwError}</span>}
        </form>
      )}
      <label className="inline-form">
        {t('evidence.agency')}{' '}
        <select value={doc.agency ?? ''} disabled={frozen} onChange={(e) => void setDocumentAgency(db, doc.id, e.target.value || undefined)}>
          <option value="">{t('evidence.noAgency')}</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      {doc.agencyGuessed && (
        <p className="muted small" data-testid="agency-guessed">
          {t('evidence.agencyGuessed')}{' '}
          {!frozen && (
            <button type="button" className="link" onClick={() => void setDocumentAgency(db, doc.id, doc.agency)}>
              {t('evidence.agencyConfirm')}
            </button>
          )}
        </p>
      )}

      <section>
        <h3>{t('evidence.links')}</h3>
        {links && links.length === 0 && <p className="muted small">{t('evidence.noLinks')}</p>}
        <ul className="plain" data-testid="doc-links">
          {links?.map((l) => {
            const q = rules.questionByCode.get(l.code);
            return (
              <li key={l.id} data-link={l.code}>
                <a href={q ? href(ws.id, 'instrumen', q.indicator, l.code) : undefined}>
                  <strong>{l.code}</strong>
                </a>{' '}
                {l.page ? <span className="tag">{t('evidence.pageCite', { page: pageLabel(l) })}</span> : null}
                <UncheckedMark link={l} frozen={frozen} />
                <span className="muted small">{q ? clipWords(lt(q.prompt), 90) : ''}</span>{' '}
                <button type="button" className="link" hidden={frozen} onClick={() => void withUndo(ws.id, unlinkDocument(db, ws.id, doc.id, l.code), t('evidence.unlinked', { name: doc.name, code: l.code }), t)}>
                  {t('evidence.unlink')}
                </button>
              </li>
            );
          })}
        </ul>
        {sugg && !frozen && (
          <div className="small" data-testid="doc-suggestions">
            <p className="doc-suggestions-head">
              {t('evidence.suggest.questions')} <span className={`certainty ${sugg.certainty}`}>({t(`evidence.certainty.${sugg.certainty}`)})</span>
            </p>
            <ul className="plain suggestion-list">
              {sugg.questions.map((code) => (
                <li key={code} data-suggested={code}>
                  <button type="button" className="link" aria-label={t('evidence.suggest.linkOne', { name: doc.name, code })} onClick={() => void linkWithUndo(ws.id, [{ documentId: doc.id, code }], t('evidence.suggest.linked', { name: doc.name, code }), t)}>
                    {code}
                  </button>
                  <span className="muted">{promptOf(code)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {model && c && links && <PageRuns workspaceId={ws.id} doc={doc} c={c} model={model} linked={new Set(links.map((l) => l.code))} frozen={frozen} />}
        <form onSubmit={addLink} className="inline-form" aria-label={t('evidence.linkTo')} hidden={frozen}>
          <label>
            {t('evidence.code')}{' '}
            <input
              value={code}
              onChange={(e) => (setCode(e.target.value), setLinkError(null), setPageWrong(false))}
              size={7}
              placeholder="1.2f"
              aria-describedby={typedPrompt ? 'typed-prompt' : linkError && !pageWrong ? 'link-error' : undefined}
              aria-invalid={linkError && !pageWrong ? true : undefined}
            />
          </label>
          <label>
            {t('evidence.page')}{' '}
            <input
              value={page}
              onChange={(e) => (setPage(e.target.value), pageWrong && (setLinkError(null), setPageWrong(false)))}
              size={6}
              placeholder="12-15"
              aria-describedby={pageWrong ? 'link-error' : undefined}
              aria-invalid={pageWrong || undefined}
            />
          </label>
          <button type="submit">{t('evidence.link')}</button>
          {linkError && (
            <span className="error" id="link-error" role="alert">
              {linkError}
            </span>
          )}
        </form>
        {!frozen && typedPrompt && (
          <p className="muted small typed-prompt" id="typed-prompt" data-testid="typed-prompt">
            {typedPrompt}
          </p>
        )}
      </section>

      <section>
        {found && doc.kind === 'pdf' && (
          <p className="small muted" data-testid="found-page">
            {t('evidence.foundOnPage', { query: found.query, page: found.page })}
          </p>
        )}
        <DocPreview doc={doc} page={found?.page} />
      </section>
      <details>
        <summary>{t('evidence.text')}</summary>
        <pre className="doc-text" data-testid="doc-text">
          {text?.text || t('evidence.noText')}
        </pre>
      </details>
      {/* the content hash identifies the exact file (support, duplicates): not for every day */}
      <details data-testid="doc-technical">
        <summary>{t('evidence.technical')}</summary>
        <p className="muted small mono">
          {t('evidence.sha')} {doc.sha256}
        </p>
      </details>
      <p hidden={frozen}>
        <button
          type="button"
          className="danger"
          onClick={() => void deleteWithUndo(ws.id, doc, t)}
        >
          {t('evidence.delete')}
        </button>
      </p>
    </article>
  );
}
