import { isFrozen } from '../domain/revision';
import { useNow } from './useNow';
import { useWorkspace } from './workspace';

/** Is the open workspace read-only because its revision window has closed? */
export function useFrozen(): boolean {
  const { ws } = useWorkspace();
  const now = useNow(5000);
  return isFrozen(ws, now);
}
