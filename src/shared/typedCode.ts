import { normalizeCode } from '../domain/search';
import type { Rules } from '../domain/rules/load';
import { useFmt } from './useFmt';
import { useWorkspace } from './workspace';

export type TypedCode = { code: string } | { error: string } | null;

/**
 * What a question code typed by the officer is, as it is typed ("4 ,1", "1.2Q"): a question this
 * workspace may link to, or why not, in the officer's words (not in the instrument; an
 * indicator's code, naming its first question; in an agency's copy, a question not given to
 * it, which the data layer would refuse). Null for an empty box.
 */
export function useTypedCode(rules: Rules): (typed: string) => TypedCode {
  const { t } = useFmt();
  const { ws } = useWorkspace();
  const own = ws.role === 'agency' ? ws.agency?.codes : undefined;
  return (typed) => {
    if (!typed.trim()) return null;
    const code = normalizeCode(typed);
    if (!rules.questionByCode.has(code)) {
      const ind = rules.indicatorByCode.get(code);
      return { error: ind ? t('evidence.indicatorNotQuestion', { code: ind.code, first: ind.questions[0].code }) : t('evidence.unknownCode', { code: typed.trim() }) };
    }
    if (own && !own.includes(code)) return { error: t('evidence.notAssigned', { code, agency: ws.agency?.name ?? '' }) };
    return { code };
  };
}
