/**
 * "The demo's documents were still being made when the tab closed": a flag in localStorage, set
 * before the demo's files are made and cleared once their intake records are written
 * (features/workspace/api.ts), read at start by app/useDemoResume.ts without loading the demo's code.
 */
const key = (wsId: string) => `siap-kla.demoPending.${wsId}`;

export function setDemoPending(wsId: string, on: boolean): void {
  try {
    if (on) localStorage.setItem(key(wsId), '1');
    else localStorage.removeItem(key(wsId));
  } catch {
    // storage refused: only the resume after a very early close is lost
  }
}

export function demoPending(wsId: string): boolean {
  try {
    return localStorage.getItem(key(wsId)) === '1';
  } catch {
    return false;
  }
}
