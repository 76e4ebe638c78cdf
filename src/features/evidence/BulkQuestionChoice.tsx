import { useId } from 'react';
import type { Rules } from '../../domain/rules/load';
import { useTypedCode } from '../../shared/typedCode';
import { useFmt } from '../../shared/useFmt';

const OTHER = '';

/**
 * The question one file of the bulk review goes to: one of its suggestions, or any other code
 * typed in ("Kode lain…", the only way for a file with no readable text), checked as typed and
 * shown in its words. The three suggestions are not always right (a Perwal on smoke-free areas
 * was offered 17.2 but not 1.2q).
 */
export function BulkQuestionChoice(p: {
  name: string;
  suggested: string[];
  code: string;
  /** The code being typed, when "Kode lain…" is chosen. */
  typed: string | undefined;
  rules: Rules;
  /** A question's words on one line (what sets it apart from its neighbours). */
  promptOf: (code: string) => string;
  onChange: (change: { code: string; typed: string | undefined; on?: boolean }) => void;
}) {
  const { t, lt } = useFmt();
  const check = useTypedCode(p.rules);
  const typing = p.typed !== undefined || !p.suggested.length;
  const typed = p.typed ?? '';
  const state = typing ? check(typed) : null;
  const describedBy = useId();
  return (
    <>
      {p.suggested.length > 0 && (
        <select
          aria-label={t('evidence.bulk.questionFor', { name: p.name })}
          value={typing ? OTHER : p.code}
          onChange={(e) => (e.target.value === OTHER ? p.onChange({ code: '', typed: '' }) : p.onChange({ code: e.target.value, typed: undefined }))}
        >
          {p.suggested.map((c) => (
            <option key={c} value={c}>
              {c} {p.promptOf(c)}
            </option>
          ))}
          <option value={OTHER}>{t('evidence.bulk.otherCode')}</option>
        </select>
      )}
      {typing && (
        <span className="bulk-other">
          {!p.suggested.length && <span className="muted">{t('evidence.bulk.noSuggestion')} </span>}
          <input
            size={7}
            placeholder="1.2q"
            aria-label={t('evidence.bulk.otherCodeFor', { name: p.name })}
            aria-describedby={state ? describedBy : undefined}
            aria-invalid={state && 'error' in state ? true : undefined}
            value={typed}
            autoFocus={p.suggested.length > 0}
            onChange={(e) => {
              const next = check(e.target.value);
              const ok = !!next && 'code' in next;
              // a code becoming valid ticks the row once; typing on in a valid code leaves the tick alone
              p.onChange({ code: ok ? next.code : '', typed: e.target.value, ...(ok && !p.code ? { on: true } : {}) });
            }}
          />{' '}
          {state && (
            <span id={describedBy} className={'code' in state ? 'muted small' : 'error small'}>
              {'code' in state ? lt(p.rules.questionByCode.get(state.code)!.prompt) : state.error}
            </span>
          )}
        </span>
      )}
    </>
  );
}
