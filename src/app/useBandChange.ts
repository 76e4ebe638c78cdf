import { useEffect, useRef, useState } from 'react';
import type { BandRef } from '../domain/scoring';

/** How long the score bar says the predicate moved. */
export const BAND_CHANGE_MS = 15_000;

/**
 * The predicate the workspace had before its last change, while the change is fresh: an edit that
 * crosses a boundary (zeroing a question drops Nindya to Madya) was once shown only by the new
 * word in the bar (an officer's walk, 6 Dec 2026). Not a toast: a toast would replace the step's
 * Urungkan. Opening another workspace is not a change: the workspace's provider is keyed by it,
 * so the bar starts afresh.
 */
export function useBandChange(band: BandRef, order: string[]): { from: BandRef; up: boolean } | null {
  const last = useRef(band);
  const [change, setChange] = useState<{ from: BandRef; up: boolean } | null>(null);
  useEffect(() => {
    const was = last.current;
    last.current = band;
    if (was.id === band.id) return;
    setChange({ from: was, up: order.indexOf(band.id) > order.indexOf(was.id) });
  }, [band, order]);
  useEffect(() => {
    if (!change) return;
    const h = setTimeout(() => setChange(null), BAND_CHANGE_MS);
    return () => clearTimeout(h);
  }, [change]);
  return change;
}
