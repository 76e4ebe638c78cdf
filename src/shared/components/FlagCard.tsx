import { useState } from 'react';
import { getDb } from '../../db/client';
import { moveLink, unlinkDocument } from '../../db/evidence';
import type { MisfileFlag } from '../../domain/flags';
import { dismissFlag, misfileWording, undismissFlag } from '../flags';
import { showToast } from '../toast';
import { withUndo } from '../linkUndo';
import { certaintyOf } from '../../domain/evidence/linkSuggestion';
import { href } from '../route';
import { useFmt } from '../useFmt';
import { useWorkspace } from '../workspace';
import { useEvidenceReadOnly } from '../useFrozen';

/**
 * One misfile flag: where the document seems to belong, the words that convinced the classifier,
 * and one-click actions: move the link, add a link (keep both), or dismiss with a reason.
 */
export function FlagCard({ flag, docName, showFiled = false }: { flag: MisfileFlag; docName: string; showFiled?: boolean }) {
  const { ws, rules } = useWorkspace();
  const { t, lt, pct } = useFmt();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const ind = rules.indicatorByCode.get(flag.suggested.indicator)!;
  const group = rules.groupById.get(flag.suggested.group)!;
  const target = flag.suggested.questions[0];
  // the question's own cluster, named beside the one the document seems to belong to
  const filedInd = rules.indicatorByCode.get(rules.questionByCode.get(flag.code)?.indicator ?? '');
  const filedGroup = filedInd ? rules.groupById.get(filedInd.group) : undefined;
  const db = getDb();
  const frozen = useEvidenceReadOnly();
  const elsewhere = useElsewhere(flag, rules);
  if (flag.dismissed) {
    return (
      <div className="flag dismissed small" data-testid="flag-dismissed">
        <span className="muted">
          {t('flags.dismissedNote', { name: docName, reason: flag.dismissed.reason })}
        </span>
      </div>
    );
  }
  return (
    <div className="flag" role="status" data-testid="flag" data-document={docName} data-suggested={flag.suggested.indicator}>
      <p>
        <strong>⚑ {t(misfileWording(rules, [flag]) ?? 'flags.misfiled')}</strong>{' '}
        {t('flags.looksLike', { name: docName, group: lt(group.short), indicator: ind.code, title: lt(ind.title) })}{' '}
        <span className="muted small" title={pct(flag.confidence)}>({t(`evidence.certainty.${certaintyOf(flag.confidence)}`)})</span>
      </p>
      {showFiled && (
        <p className="small">
          {t('flags.filedUnder')}{' '}
          <a href={href(ws.id, 'instrumen', rules.questionByCode.get(flag.code)!.indicator, flag.code)}>{flag.code}</a>
          {filedInd && filedGroup && <> {t('flags.filedIn', { group: lt(filedGroup.short), indicator: filedInd.code })}</>}
        </p>
      )}
      {flag.evidence.length > 0 && (
        <p className="small">
          {t('flags.words')} <span className="words">{flag.evidence.slice(0, 6).join(', ')}</span>
        </p>
      )}
      {elsewhere.codes.length > 0 && (
        <p className="small" data-testid="flag-also-linked">
          {t(elsewhere.fitting ? 'flags.alsoLinkedFitting' : 'flags.alsoLinked', { codes: elsewhere.codes.join(', '), code: flag.code })}
        </p>
      )}
      <div className="flag-actions" hidden={frozen}>
        {elsewhere.fitting && <UnlinkButton flag={flag} docName={docName} primary />}
        {/* already where it belongs: moving it there again is not the step (the sixth walk) */}
        {!elsewhere.fitting && flag.suggested.questions.map((code, i) => (
          <span key={code} className="flag-target">
            <button
              type="button"
              className={i === 0 ? 'primary' : ''}
              onClick={() => void withUndo(ws.id, moveLink(db, ws.id, flag.documentId, flag.code, code, { reason: `misfile:${flag.suggested.indicator}` }), t('flags.moved', { name: docName, from: flag.code, to: code }), t)}
            >
              {t('flags.moveTo', { code })}
            </button>
            <button type="button" className="link" onClick={() => void withUndo(ws.id, moveLink(db, ws.id, flag.documentId, flag.code, code, { keep: true, reason: `misfile:${flag.suggested.indicator}` }), t('flags.added', { name: docName, code }), t)}>
              {t('flags.alsoAdd', { code })}
            </button>
            <span className="muted small flag-target-prompt">{lt(rules.questionByCode.get(code)!.prompt)}</span>
          </span>
        ))}
        {!elsewhere.fitting && <UnlinkButton flag={flag} docName={docName} />}
        {!dismissing ? (
          <button type="button" className="link" onClick={() => setDismissing(true)}>
            {t('flags.dismiss')}
          </button>
        ) : (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!reason.trim()) return;
              void dismissFlag(ws.id, flag.documentId, flag.code, reason.trim()).then(
                () => {
                  setDismissing(false);
                  showToast({ message: t('flags.dismissedToast', { name: docName }), action: { label: t('common.undo'), run: () => undismissFlag(ws.id, flag.documentId, flag.code) } });
                },
                (e: Error) => showToast({ message: t('errors.saveFailed', { reason: e.message }) }),
              );
            }}
          >
            <label>
              {t('flags.reason')} <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus required />
            </label>
            <button type="submit" disabled={!reason.trim()}>
              {t('flags.dismissConfirm')}
            </button>
          </form>
        )}
      </div>
      {target && <span hidden data-testid="flag-target">{target}</span>}
    </div>
  );
}

/**
 * The document's other links, and whether one is where its content belongs (the suggested
 * indicator). The fifth walk's officer had a file on 4.3 (right) and 13.1 (wrong): the flag
 * offered only moves and "Abaikan", and the obvious click added a second link to indicator 4.
 */
function useElsewhere(flag: MisfileFlag, rules: ReturnType<typeof useWorkspace>['rules']): { codes: string[]; fitting: boolean } {
  // from the workspace's links, already in memory: Salah klaster draws a card per flag, and a query each was one per card
  const linked = useWorkspace().codesByDocument.get(flag.documentId) ?? [];
  const codes = [...new Set(linked.filter((c) => c !== flag.code))].sort();
  return { codes, fitting: codes.some((c) => rules.questionByCode.get(c)?.indicator === flag.suggested.indicator) };
}

/** "Lepas dari 13.1": the link the flag is about, removed (with Urungkan). */
function UnlinkButton({ flag, docName, primary = false }: { flag: MisfileFlag; docName: string; primary?: boolean }) {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  return (
    <button type="button" className={primary ? 'primary' : 'link'} onClick={() => void withUndo(ws.id, unlinkDocument(getDb(), ws.id, flag.documentId, flag.code), t('evidence.unlinked', { name: docName, code: flag.code }), t)}>
      {t('flags.unlinkFrom', { code: flag.code })}
    </button>
  );
}
