import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `ms` and whenever the page becomes visible again (a laptop
 * waking from sleep): remaining times are always recomputed from the clock, never counted down.
 */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const h = setInterval(tick, ms);
    document.addEventListener('visibilitychange', tick);
    window.addEventListener('focus', tick);
    return () => {
      clearInterval(h);
      document.removeEventListener('visibilitychange', tick);
      window.removeEventListener('focus', tick);
    };
  }, [ms]);
  return now;
}
