import { memo, type KeyboardEvent } from 'react';
import type { EvidenceDoc } from '../../domain/model';
import type { LinkSuggestion } from '../../domain/evidence/linkSuggestion';
import { clipMiddle } from '../../shared/format';
import { useFmt } from '../../shared/useFmt';
import { Thumbnail } from './Thumbnail';

export interface DocRowProps {
  doc: EvidenceDoc;
  index: number;
  start: number;
  isSelected: boolean;
  codes: string[];
  /** An open misfile flag on one of its links, in the flag card's words (the list shows it too). */
  flagged?: 'flags.misfiled' | 'flags.misfiledIndicator' | null;
  suggestion: LinkSuggestion | null;
  /** The suggested question's words, what sets it apart from its neighbours (a code alone says little to a new officer). */
  suggestionPrompt?: string;
  excerpt?: { page?: number; parts: string[] };
  /**
   * A search is shown: the row keeps room for its excerpt from the start (two lines, whether the
   * excerpt has come yet or the match is in the name only), so the excerpts arriving a moment
   * after the rows do not make them taller and draw them over the next (the eighth walk).
   */
  searching?: boolean;
  problem: string | null;
  /** Whose file it is (an agency's name; a guess from the letterhead says so): the list sorted by agency shows where each run begins. Plain values: the row is memoised. */
  agencyName?: string;
  agencyGuessed?: boolean;
  /** The list is sorted by agency and this row begins an agency's run: its heading ("Dinkes: 287 dokumen"). */
  runHead?: string;
  /** Ticked for a bulk step. */
  ticked?: boolean;
  /** False when the workspace cannot be edited (no tick box, no one-click link). */
  editable: boolean;
  /**
   * An evaluator's copy: the suggestion says it is the app's reading of a document the city has
   * not linked, so that it is not taken for the city's claim (the tenth walk).
   */
  evaluator?: boolean;
  /** The list's handlers: one object for every row, stable across renders (the row is memoised). */
  actions: DocRowActions;
  measure: (el: HTMLElement | null) => void;
}

/**
 * What the row says went wrong in reading (keys of `evidence.problems`), none when nothing did.
 * Every document "Hanya yang bermasalah saat dibaca" lists says its problem: a PDF with scripts
 * said nothing (the tenth walk).
 */
export function problemKeys(d: Pick<EvidenceDoc, 'readState' | 'problem' | 'hasScripts'>): string[] {
  const keys: string[] = [];
  if (d.problem) keys.push(d.problem);
  else if (d.readState === 'encrypted') keys.push('pdf-encrypted');
  else if (d.readState === 'pending') keys.push('not-read');
  else if (d.readState !== 'done') keys.push('no-text-found');
  if (d.hasScripts) keys.push('has-scripts');
  return keys;
}

/**
 * What two lines of a row's title hold at 1280 px beside an agency's name (~235 px): a longer name
 * is cut in its middle, so that its end is never the part the two lines hide.
 */
const NAME_MAX = 44;

export interface DocRowActions {
  open: (d: EvidenceDoc) => void;
  tick: (id: string, on: boolean) => void;
  linkSuggested: (d: EvidenceDoc, code: string) => void;
  keyDown: (e: KeyboardEvent, index: number) => void;
}

/**
 * One document in the evidence list: open it, tick it, or link it to its suggestion in one click.
 * Memoised: typing a query re-renders the page, and at 5,000 documents re-rendering every row
 * shown (and its translations) was a good part of search's p95.
 */
export const DocRow = memo(function DocRow(p: DocRowProps) {
  const { t, bytes } = useFmt();
  const d = p.doc;
  const best = p.suggestion?.questions[0];
  const shownName = clipMiddle(d.name, NAME_MAX);
  return (
    <div
      role="listitem"
      data-doc={d.name}
      className={`doc-row${p.isSelected ? ' selected' : ''}${p.runHead ? ' run-start' : ''}`}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${p.start}px)` }}
      ref={p.measure}
      data-index={p.index}
      onClick={() => p.actions.open(d)}
      onKeyDown={(e) => p.actions.keyDown(e, p.index)}
    >
      {p.runHead && (
        <div className="run-head" data-testid="run-head">
          {p.runHead}
        </div>
      )}
      <Thumbnail doc={d} />
      {p.editable && (
        <input
          type="checkbox"
          className="doc-tick"
          aria-label={t('evidence.bulk.tick', { name: d.name })}
          checked={!!p.ticked}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => p.actions.tick(d.id, e.target.checked)}
        />
      )}
      <div className="doc-row-main">
        <span className="doc-kind">{t(`evidence.kinds.${d.kind}`)}</span>
        <button type="button" className="doc-title doc-open" title={d.name} aria-label={shownName === d.name ? undefined : d.name} aria-current={p.isSelected || undefined}>
          {shownName}
        </button>
        <span className="muted small num">
          {p.agencyName && (
            <>
              {/* the name is cut, never the mark that it is a guess (the eleventh walk: "Forum Anak Daerah (…") */}
              <span className="doc-agency" data-testid="row-agency" title={p.agencyGuessed ? t('evidence.rowAgencyGuessed', { name: p.agencyName }) : p.agencyName}>
                <span className="doc-agency-name">{p.agencyName}</span>
                {p.agencyGuessed && ` ${t('evidence.guessMark')}`}
              </span>
              {' · '}
            </>
          )}
          {bytes(d.size)}
        </span>
      </div>
      <div className="doc-row-sub small">
        {p.codes.length ? <span className="tag">{p.codes.slice(0, 4).join(', ') + (p.codes.length > 4 ? ' …' : '')}</span> : <span className="muted nowrap">{t('evidence.filters.linkedNo')}</span>}
        {p.flagged && (
          <span className="row-flag" data-testid="row-flag">
            {' '}⚑ {t(p.flagged)}
          </span>
        )}
        {!p.codes.length && p.suggestion && best && (
          <span className="suggest" data-testid="row-suggestion" data-code={best} data-certainty={p.suggestion.certainty}>
            {' · '}
            <span className="nowrap">{t(p.evaluator ? 'evidence.suggest.appReading' : 'evidence.suggest.label', { code: best })}</span>
            {p.suggestionPrompt && (
              <span className="suggest-prompt muted" data-testid="row-suggestion-prompt">
                {p.suggestionPrompt}
              </span>
            )}
            <span className={`certainty ${p.suggestion.certainty}`}>{t(`evidence.certainty.${p.suggestion.certainty}`)}</span>
            {p.editable && (
              <button
                type="button"
                className="link"
                aria-label={t('evidence.suggest.linkOne', { name: d.name, code: best })}
                onClick={(e) => {
                  e.stopPropagation();
                  p.actions.linkSuggested(d, best);
                }}
              >
                {t('evidence.suggest.link')}
              </button>
            )}
          </span>
        )}
        {p.problem && (
          <span className={`row-problem ${d.readState === 'failed' ? 'error' : 'warn'}`} data-testid="row-problem">
            {p.problem}
          </span>
        )}
      </div>
      {p.excerpt ? (
        <div className={`snippet small${p.searching ? ' snippet-room' : ''}`} data-testid="snippet">
          {p.excerpt.page && <span className="muted">{t('evidence.snippetPage', { page: p.excerpt.page })} </span>}
          {p.excerpt.parts.map((x, j) => (j % 2 === 1 ? <mark key={j}>{x}</mark> : <span key={j}>{x}</span>))}
        </div>
      ) : (
        p.searching && <div className="snippet small snippet-room" aria-hidden="true" />
      )}
    </div>
  );
});
