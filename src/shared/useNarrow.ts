import { useSyncExternalStore } from 'react';

/** Below this width (a 1366 px laptop at 150 % zoom and more) the panes stack. Keep in step with styles.css. */
export const NARROW = '(max-width: 900px)';

const subscribe = (cb: () => void) => {
  const m = window.matchMedia(NARROW);
  m.addEventListener('change', cb);
  return () => m.removeEventListener('change', cb);
};

/** True while the window is narrow (zoomed in, or a small screen). */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW).matches);
}
