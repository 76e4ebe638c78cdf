import { useEffect, useState } from 'react';
import { hubClient } from './hubClient';

/** Was the app opened from a Siap KLA hub? null while asking; false on a plain static server. */
export function useOnHub(): boolean | null {
  const [onHub, setOnHub] = useState<boolean | null>(null);
  useEffect(() => {
    hubClient()
      .hub()
      .then(
        (h) => setOnHub(h?.name === 'siap-kla-hub'),
        () => setOnHub(false),
      );
  }, []);
  return onHub;
}
