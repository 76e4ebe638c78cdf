import type { Virtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef } from 'react';
import type { EvidenceDoc } from '../../domain/model';

/**
 * While the pointer is over the list, rows that arrive above the ones in view (a batch being
 * stored: newest first) do not push those down: the list scrolls by what was added, so the row
 * under the pointer stays where it is (the eighth walk: a row moved 3.5 s after 30 files were
 * added, and a click could open or tick the wrong file). Away from the list, new rows show at the top.
 */
export function useRowsStayUnderPointer(list: React.RefObject<HTMLDivElement | null>, rows: EvidenceDoc[], virtual: Virtualizer<HTMLDivElement, Element>, shownBy: string) {
  const anchor = useRef<{ id: string; start: number; shownBy: string; count: number } | null>(null);
  useLayoutEffect(() => {
    const el = list.current;
    const was = anchor.current;
    // only documents arriving move the rows this way: a search or a filter shows another list, from its top
    if (el?.dataset.pointer && was && was.shownBy === shownBy && rows.length > was.count) {
      const at = rows.findIndex((d) => d.id === was.id);
      const now = at >= 0 ? virtual.measurementsCache[at]?.start : undefined;
      if (now !== undefined && now !== was.start) el.scrollTop += now - was.start;
    }
  }, [rows, list, virtual, shownBy]);
  // the first row drawn, after every render: what the next change is measured against
  useLayoutEffect(() => {
    const first = virtual.getVirtualItems()[0];
    anchor.current = first && rows[first.index] ? { id: rows[first.index].id, start: first.start, shownBy, count: rows.length } : null;
  });
}
