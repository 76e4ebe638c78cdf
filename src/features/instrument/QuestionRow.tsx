import type { Answer, RevisionItem } from '../../domain/model';
import type { Question } from '../../domain/rules/schema';
import { disagreement } from '../../domain/progress';
import { RowPrompt } from '../../shared/components/RowPrompt';
import { StatusBadge } from '../../shared/components/StatusBadge';
import { useFmt } from '../../shared/useFmt';

/**
 * One question in Instrumen's list: its code, its words (`shown`: a run of questions with one
 * long opening reads by what differs, shared/promptStems.ts; the whole prompt is its accessible name),
 * its points, and what is owed on it. In an agency's copy (`agencyCopy`) the points are the
 * city's: nothing is said about them, and a question marked ready asks for evidence alone.
 */
export function QuestionRow(p: {
  question: Question;
  shown: string;
  answer: Answer | undefined;
  selected: boolean;
  evidence: number;
  /** Its only evidence is links from the app's suggestions, not checked (EvidenceLink.suggested). */
  unchecked?: boolean;
  flag: string | null;
  review: RevisionItem | undefined;
  agencyCopy: boolean;
  /** An agency's copy: documents the city already holds for the question (its pack names them). */
  held?: number;
  /** Who holds them: the city's name for its KLA office. */
  office?: string;
  onPick: () => void;
}) {
  const { t, lt, outOf } = useFmt();
  const { question: q, answer: a } = p;
  const st = a?.status ?? 'not-started';
  const disagree = p.agencyCopy ? null : disagreement(a, q.maxPoints);
  return (
    <li role="option" aria-selected={p.selected} data-code={q.code} className={`q-row${p.selected ? ' selected' : ''}`} onClick={p.onPick}>
      <span className="code">{q.code}</span>
      <RowPrompt whole={lt(q.prompt)} shown={p.shown} />
      <span className="num q-points">{outOf(a?.points, q.maxPoints)}</span>
      <span className="q-meta small">
        <StatusBadge status={st} />
        <span className="muted" data-evidence-count={p.evidence}>
          {' '}
          · {t('instrument.evidenceCount', { count: p.evidence })}
          {p.unchecked ? <span data-testid="row-unchecked">{` (${t('evidence.unchecked')})`}</span> : null}
          {p.held ? ` ${t('instrument.heldAtCity', { count: p.held, office: p.office })}` : ''}
        </span>
        {p.flag ? (
          <span className="q-flag" data-flag="misfiled">
            {' '}
            ⚑ {t(p.flag)}
          </span>
        ) : null}
        {disagree ? (
          <span className="q-flag" data-flag="disagree">
            {' '}
            ⚠ {t(`instrument.disagree.${disagree}Short`)}
          </span>
        ) : null}
        {p.review ? (
          <span className="q-flag" data-flag="review" data-verdict={p.review.verdict}>
            {' '}
            ✎ {t(`review.verdicts.${p.review.verdict}`)}
          </span>
        ) : null}
        {!p.evidence && !p.held && (a?.points || st === 'ready') ? (
          <span className="q-flag" data-flag="no-evidence">
            {' '}
            ⚠ {t(p.agencyCopy ? 'evidence.readyNoEvidence' : 'evidence.answeredNoEvidence')}
          </span>
        ) : null}
      </span>
    </li>
  );
}
