import { useCallback, useState } from 'react';
import { getDb } from '../../db/client';
import { updateAnswer, setAssignment, type AnswerPatch } from '../../db/queries';
import { saveErrorMessage } from '../../shared/saveError';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

/** Save answer changes; failures become a message in the user's language, stored data untouched. */
export function useSaveAnswer(code: string) {
  const { ws, rules } = useWorkspace();
  const { t } = useFmt();
  const [error, setError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const wrap = useCallback(
    async (fn: () => Promise<unknown>) => {
      try {
        await fn();
        setError(null);
        setSavedAt(Date.now());
        return true;
      } catch (e) {
        setError(saveErrorMessage(e, t));
        return false;
      }
    },
    [t],
  );
  const save = useCallback((patch: AnswerPatch) => wrap(() => updateAnswer(getDb(), rules, ws.id, code, patch)), [wrap, rules, ws.id, code]);
  const assign = useCallback((agencies: string[]) => wrap(() => setAssignment(getDb(), ws.id, code, agencies)), [wrap, ws.id, code]);
  return { save, assign, error, savedAt };
}
