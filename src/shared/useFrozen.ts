import { isFrozen } from '../domain/revision';
import { useNow } from './useNow';
import { useWorkspace } from './workspace';

/** Is the open workspace read-only because its revision window has closed? */
export function useFrozen(): boolean {
  const { ws } = useWorkspace();
  const now = useNow(5000);
  return isFrozen(ws, now);
}

/**
 * The city's evidence and its links change nothing here: the revision window has closed, or this
 * is an evaluator's copy of the city's file (the evaluator reads the city's evidence and gives
 * verdicts in Tinjauan; the ninth walk saw an evaluator's Bukti offer the drop area, tick boxes,
 * one-click links and the misfile flag's moves).
 */
export function useEvidenceReadOnly(): boolean {
  const frozen = useFrozen();
  const { ws } = useWorkspace();
  return frozen || ws.role === 'evaluator';
}
