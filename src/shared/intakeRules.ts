/**
 * The rules file the reader workers classify with. Kept apart from the intake queue so the
 * workspace shell can set it without loading the queue (and comlink) at start-up.
 */
export interface IntakeRules {
  text: string;
  hash: string;
}

let current: IntakeRules | null = null;
const listeners = new Set<(r: IntakeRules) => void>();

export function setIntakeRules(text: string, hash: string): void {
  if (current?.hash === hash) return;
  current = { text, hash };
  for (const l of listeners) l(current);
}

export function getIntakeRules(): IntakeRules | null {
  return current;
}

export function onIntakeRules(l: (r: IntakeRules) => void): void {
  listeners.add(l);
}
