import { useEffect } from 'react';

/**
 * Calls `flush` when what is typed could otherwise be lost: the page is hidden or closed, or the
 * component goes (the officer leaves the question). `flush` should be stable (useCallback).
 */
export function useFlushOnLeave(flush: () => void) {
  useEffect(() => {
    const onHide = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [flush]);
}
