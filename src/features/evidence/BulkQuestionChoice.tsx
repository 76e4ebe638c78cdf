import { normalizeCode } from '../../domain/search';
import type { Rules } from '../../domain/rules/load';
import { useFmt } from '../../shared/useFmt';

const OTHER = '';

/**
 * The question one file of the bulk review goes to: one of its suggestions, or any other code
 * typed in ("Kode lain…"), checked against the instrument and shown in its words. The three
 * suggestions are not always right (a Perwal on smoke-free areas offered 17.2 but not 1.2q).
 */
export function BulkQuestionChoice(p: {
  name: string;
  suggested: string[];
  code: string;
  /** The code being typed, when "Kode lain…" is chosen. */
  typed: string | undefined;
  rules: Rules;
  onChange: (change: { code: string; typed: string | undefined; on?: boolean }) => void;
}) {
  const { t, lt } = useFmt();
  const promptOf = (c: string, n = 60) => {
    const q = p.rules.questionByCode.get(c);
    return q ? lt(q.prompt).slice(0, n) : '';
  };
  const typing = p.typed !== undefined;
  const typedCode = typing ? normalizeCode(p.typed!) : '';
  const known = typing && p.rules.questionByCode.has(typedCode);
  return (
    <>
      <select
        aria-label={t('evidence.bulk.questionFor', { name: p.name })}
        value={typing ? OTHER : p.code}
        onChange={(e) => (e.target.value === OTHER ? p.onChange({ code: '', typed: '' }) : p.onChange({ code: e.target.value, typed: undefined }))}
      >
        {p.suggested.map((c) => (
          <option key={c} value={c}>
            {c} {promptOf(c)}
          </option>
        ))}
        <option value={OTHER}>{t('evidence.bulk.otherCode')}</option>
      </select>
      {typing && (
        <span className="bulk-other">
          <input
            size={7}
            placeholder="1.2q"
            aria-label={t('evidence.bulk.otherCodeFor', { name: p.name })}
            value={p.typed}
            autoFocus
            onChange={(e) => {
              const c = normalizeCode(e.target.value);
              const ok = p.rules.questionByCode.has(c);
              p.onChange({ code: ok ? c : '', typed: e.target.value, ...(ok ? { on: true } : {}) });
            }}
          />{' '}
          {known ? <span className="muted small">{promptOf(typedCode, Infinity)}</span> : p.typed!.trim() ? <span className="error small">{t('evidence.unknownCode', { code: p.typed!.trim() })}</span> : null}
        </span>
      )}
    </>
  );
}
