import { ExportProgress, type ExportProgressState } from './ExportProgress';
import { useEffect, useState, type FormEvent } from 'react';
import { getDb, isQuotaError } from '../../db/client';
import { beginRevision } from '../../db/review';
import type { Problem } from '../../domain/exchange';
import { exportToFile, scanPersonalData } from '../../shared/exchangeIo';
import { KlaFilePicker, type ImportOk } from '../../shared/components/KlaFilePicker';
import { href } from '../../shared/route';
import { useSetting } from '../../shared/settings';
import { exportFileName } from '../../shared/format';
import { storedReviewer } from '../../shared/reviewer';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { useOwnCodes } from '../../shared/ownCodes';
import { sayRequired } from '../../shared/validity';
import { BackupCard } from './BackupCard';
import { HubCard } from './HubCard';
import { ProblemList } from '../../shared/components/ProblemList';
import { officeName } from '../../domain/model';

type Found = Awaited<ReturnType<typeof scanPersonalData>>;

/** Berkas .kla: hand the workspace over (city) or the review back (evaluator), and take files in. */
export function ExchangePage() {
  const { ws, rules } = useWorkspace();
  const { t, bytes, dt } = useFmt();
  const own = useOwnCodes();
  // Klaster V's victims are named only to whoever holds its questions (the sixth walk's Dispora was
  // warned of them); 'K5' is Klaster V's group id in the rules files (kla-2024.json)
  const holdsVictims = !own || [...own].some((c) => rules.questionByCode.get(c)?.group === 'K5');
  const evaluator = ws.role === 'evaluator';
  const agency = ws.role === 'agency' ? (ws.agency ?? { id: 'opd', name: 'OPD' }) : null;
  const city = !evaluator && !agency;
  const lastBackup = useSetting('lastBackup')[ws.id];
  const [name, setName] = useState(() => (evaluator ? storedReviewer() : agency ? agency.name : `${officeName(ws)} ${ws.city}`));
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [scanFailed, setScanFailed] = useState(false);
  const [omit, setOmit] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<ExportProgressState | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ file: string; list: Problem[] } | null>(null);
  const [busy, setBusy] = useState(false);

  // the city's file and an agency's response carry documents: warn about personal data in them
  const carriesDocuments = !evaluator;
  useEffect(() => {
    // no warning must not read as "nothing found": a failed check says so
    // the most sensitive first: a NIK before a name
    if (carriesDocuments) void scanPersonalData(ws.id).then((f) => setFound([...f].sort((a, b) => b.nik - a.nik || b.names - a.names)), () => setScanFailed(true));
  }, [ws.id, carriesDocuments]);

  // the check of a kabupaten's documents takes seconds: the export waits for it, or a file could
  // leave with a victim's name before the warning showed (the ninth walk exported at 1.5 s, the
  // warning for 809 documents came at 9.4 s)
  const scanning = carriesDocuments && !found && !scanFailed;

  async function doExport(e: FormEvent) {
    e.preventDefault();
    if (pass !== pass2 || scanning) return;
    setBusy(true);
    setDone(null);
    setProblems(null);
    try {
      // WIB time in the name; a protected file says so, so it never takes an unprotected one's name
      const what = evaluator ? 'tanggapan' : agency ? `tanggapan-${agency.id}` : 'kota';
      const base = exportFileName(`${what}${pass ? '-terlindungi' : ''}`, ws.city, ws.year, 'kla').replace(/\.kla$/, '');
      const role = evaluator ? 'evaluator' : agency ? 'agency' : 'city';
      const r = await exportToFile({ workspaceId: ws.id, fileBase: base, role, name: name.trim() || (evaluator ? 'Evaluator' : (agency?.name ?? ws.city)), passphrase: pass, omit: [...omit], onProgress: (step, d, tot) => setProgress({ step, done: d, total: tot }) });
      if (r.ok) setDone(t('exchange.exported', { file: r.fileName, size: bytes(r.bytes), parts: r.parts }) + (r.encrypted ? ` ${t('exchange.encrypted')}` : ''));
      else if (!r.cancelled) setProblems({ file: base, list: r.problems });
    } catch (err) {
      setProblems({ file: 'export', list: [{ code: 'unexpected' as Problem['code'], message: isQuotaError(err) ? t('errors.quota') : t('errors.saveFailed', { reason: (err as Error).message }) }] });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const exportLabel = evaluator ? t('exchange.exportResponse') : agency ? t('exchange.exportAgency') : t('exchange.exportCity');

  return (
    <div className="page">
      <h1>{t('exchange.title')}</h1>
      <p className="muted">{evaluator ? t('exchange.introEvaluator') : agency ? t('exchange.introAgency', { office: officeName(ws) }) : t('exchange.introCity')}</p>
      <section className="card">
        <h2>{exportLabel}</h2>
        {city && <p className="muted small">{lastBackup ? t('storage.lastBackup', { when: dt(lastBackup) }) : t('storage.noBackup')}</p>}
        <form className="form-grid" onSubmit={doExport}>
          <label>
            {evaluator ? t('exchange.reviewerName') : t('exchange.madeBy')}
            <input value={name} onChange={(e) => setName(e.target.value)} required {...sayRequired(t(evaluator ? 'exchange.reviewerRequired' : 'exchange.madeByRequired'))} />
          </label>
          <label>
            {t('exchange.passphrase')}
            <input type="password" value={pass} onChange={(e) => setPass(e.target.value)} autoComplete="new-password" />
            <span className="muted small">{t(holdsVictims ? 'exchange.passphraseHelp' : 'exchange.passphraseHelpPersonal')}</span>
            {!pass && (
              <span className="warn small" data-testid="unsealed-note">
                {t('exchange.unsealedNote')}
              </span>
            )}
          </label>
          {pass && (
            <label>
              {t('exchange.passphraseAgain')}
              <input type="password" value={pass2} onChange={(e) => setPass2(e.target.value)} autoComplete="new-password" aria-invalid={pass !== pass2} />
              {pass !== pass2 && <span className="error small">{t('exchange.passphraseMismatch')}</span>}
            </label>
          )}
          {scanning && (
            <p className="small" role="status" data-testid="privacy-scanning">
              {t('exchange.privacyScanning')}
            </p>
          )}
          {carriesDocuments && scanFailed && (
            <p className="warn small" role="alert" data-testid="privacy-failed">
              {t('exchange.privacyFailed')}
            </p>
          )}
          {carriesDocuments && found && found.length > 0 && (
            <fieldset className="privacy" data-testid="privacy">
              <legend>{t('exchange.privacyTitle', { count: found.length })}</legend>
              <p className="small">{t('exchange.privacyHelp')}</p>
              <PrivacyAll found={found} omit={omit} setOmit={setOmit} />
              <div className="privacy-list">
              {found.map((f) => (
                <label key={f.documentId} className="check">
                  <input
                    type="checkbox"
                    checked={omit.has(f.documentId)}
                    onChange={(e) => {
                      const next = new Set(omit);
                      if (e.target.checked) next.add(f.documentId);
                      else next.delete(f.documentId);
                      setOmit(next);
                    }}
                  />
                  {t('exchange.leaveOut', { name: f.name })} <span className="muted small">({t('exchange.findings', { nik: f.nik, names: f.names })})</span>
                </label>
              ))}
              </div>
            </fieldset>
          )}
          <div>
            <button type="submit" className="primary" disabled={busy || scanning || (!!pass && pass !== pass2)}>
              {exportLabel}
            </button>
          </div>
          {progress && <ExportProgress p={progress} />}
          {done && (
            <p className="ok" role="status" data-testid="export-done">
              ✓ {done}
            </p>
          )}
          {problems && <ProblemList fileName={problems.file} problems={problems.list} />}
        </form>
      </section>
      <ImportCard />
      {city && <BackupCard />}
      <HubCard />
    </div>
  );
}

/** Take in a file for this workspace: the evaluator's response (city) or a revised city file (evaluator). */
function ImportCard() {
  const { ws } = useWorkspace();
  const { t, dt } = useFmt();
  const evaluator = ws.role === 'evaluator';
  const agency = ws.role === 'agency';
  const [result, setResult] = useState<ImportOk | null>(null);
  const label = evaluator ? t('exchange.importRevised') : agency ? t('exchange.importNewerPack') : t('exchange.importAgencyResponse');

  async function imported(r: ImportOk) {
    // the countdown runs on the workspace the response is for
    if (r.kind === 'response' && r.latestNotedAt && r.needsWork.length) await beginRevision(getDb(), r.workspaceId, r.latestNotedAt);
    setResult(r);
  }

  return (
    <section className="card">
      <h2>{label}</h2>
      <KlaFilePicker label={label} testId="import-file" role={evaluator ? 'evaluator' : agency ? 'agency' : 'city'} forWorkspace={{ id: ws.id, city: ws.city, year: ws.year }} onImported={imported} onChosen={() => setResult(null)} />
      {result && (
        <p className={result.report.format?.sealed ? 'small' : 'warn small'} data-testid="seal-status">
          {result.report.format?.sealed ? t('exchange.sealed') : t('exchange.notSealed')}
        </p>
      )}
      {result?.kind === 'response' && (
        <div role="status" data-testid="import-result">
          <p>{t('exchange.responseImported', { added: result.added.length, unchanged: result.unchanged, work: result.needsWork.length })}</p>
          {result.latestNotedAt && <p>{t('exchange.notesAt', { when: dt(result.latestNotedAt) })}</p>}
          {result.basedOnCurrent === false && <p className="warn">{t('exchange.changedSince')}</p>}
          {result.conflicts.length > 0 && <Conflicts conflicts={result.conflicts} />}
          <a href={href(ws.id, 'revisi')}>{t('exchange.toRevision')}</a>
        </div>
      )}
      {result?.kind === 'agency-response' && (
        <div role="status" data-testid="import-result">
          <p>
            {result.unchanged
              ? t('exchange.agencyResponseSame', { agency: result.agency.name })
              : t('exchange.agencyResponseImported', { agency: result.agency.name, docs: result.documentsAdded, links: result.linksAdded, answers: result.answersChanged.length })}
            {result.answersKept.length > 0 && ` ${t('exchange.agencyResponseKept', { codes: result.answersKept.join(', ') })}`}
          </p>
          {result.setAside.length > 0 && (
            <p className="warn" data-testid="import-set-aside">
              {t('exchange.agencyResponseSetAside', { agency: result.agency.name, codes: result.setAside.join(', ') })}
            </p>
          )}
        </div>
      )}
      {result?.kind === 'agency-pack' && (
        <p role="status" data-testid="import-result">
          {t('exchange.agencyPackOpened', { count: result.questions })}
        </p>
      )}
      {result?.kind === 'workspace' && (
        <div role="status" data-testid="import-result">
          <p>{result.unchanged ? t('exchange.sameFile') : t('exchange.updated')}</p>
          {result.changes && !result.changes.empty && <p>{t('exchange.changesCount', { count: result.changes.questions.length })}</p>}
          <a href={`${href(ws.id, 'tinjauan')}?berubah=1`}>{t('exchange.toReview')}</a>
        </div>
      )}
    </section>
  );
}

function Conflicts({ conflicts }: { conflicts: Extract<ImportOk, { kind: 'response' }>['conflicts'] }) {
  const { t } = useFmt();
  const [resolved, setResolved] = useState<Set<string>>(new Set());
  return (
    <div className="conflicts" data-testid="conflicts">
      <h3>{t('exchange.conflicts', { count: conflicts.length })}</h3>
      {conflicts.map((c) => (
        <div key={c.id} className="conflict" data-conflict={c.code}>
          <p>
            <strong>{c.code}</strong> · {c.reviewer}
          </p>
          <p className="small">
            {t('exchange.conflictHave')}: “{c.existing.note}” {c.answered && <em>({t('exchange.conflictAnswered')})</em>}
          </p>
          <p className="small">
            {t('exchange.conflictNew')}: “{c.incoming.note}”
          </p>
          {resolved.has(c.id) ? (
            <p className="muted small">✓</p>
          ) : (
            <div className="inline-form">
              <button type="button" onClick={() => setResolved(new Set(resolved).add(c.id))}>
                {t('exchange.keep')}
              </button>
              <button
                type="button"
                onClick={async () => {
                  const { resolveConflict } = await import('../../db/exchange');
                  await resolveConflict(getDb(), c, 'take-incoming');
                  setResolved(new Set(resolved).add(c.id));
                }}
              >
                {t('exchange.takeNew')}
              </button>
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/**
 * Leaving out many at once: a kabupaten's check finds hundreds of documents (827 in the eighth
 * walk, most with one name): those holding a NIK first, or all of them, or none.
 */
function PrivacyAll({ found, omit, setOmit }: { found: { documentId: string; nik: number }[]; omit: Set<string>; setOmit: (s: Set<string>) => void }) {
  const { t } = useFmt();
  if (found.length < 2) return null;
  const withNik = found.filter((f) => f.nik > 0);
  return (
    <p className="row-gap small" data-testid="privacy-all">
      {withNik.length > 0 && withNik.length < found.length && (
        <button type="button" onClick={() => setOmit(new Set([...omit, ...withNik.map((f) => f.documentId)]))}>
          {t('exchange.leaveOutNik', { count: withNik.length })}
        </button>
      )}{' '}
      <button type="button" onClick={() => setOmit(new Set(found.map((f) => f.documentId)))}>
        {t('exchange.leaveOutAll', { count: found.length })}
      </button>{' '}
      <button type="button" className="link" disabled={!omit.size} onClick={() => setOmit(new Set())}>
        {t('exchange.includeAll')}
      </button>{' '}
      <span className="muted">{t('exchange.leftOut', { count: omit.size })}</span>
    </p>
  );
}
