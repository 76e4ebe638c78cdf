import { useCallback, useEffect, useRef, useState } from 'react';
import { parsePointsInput } from '../../shared/format';
import { useFlushOnLeave } from '../../shared/useFlushOnLeave';

/**
 * The typed points of a question, saved as the notes are: after a pause in typing (600 ms), on
 * Enter, on leaving the field, and when the question is left or the tab closed or hidden. Points
 * were once saved only on Enter or leaving the field, so a score typed and then reloaded was lost
 * without a word (an officer's walk, 6 Dec 2026). A pause never shows an error (the officer may
 * be halfway through "2,5"); leaving the field or Enter does.
 */
export function usePointsField(o: {
  stored: number | null;
  max: number;
  format: (v: number) => string;
  save: (points: number | null) => void;
}) {
  const { stored, max, format, save } = o;
  const [text, setText] = useState(stored == null ? '' : format(stored));
  const [error, setError] = useState(false);
  const dirty = useRef(false);
  const latest = useRef(text);
  latest.current = text;
  const storedNow = useRef(stored);
  storedNow.current = stored;
  // what this field saved last (its write may still be on its way); undefined: nothing since the
  // field last took the stored value
  const saved = useRef<number | null | undefined>(undefined);

  // A stored value shows unless the officer is typing; one this field did not save (a fraction
  // button, another tab, the hub) shows even then, so that a later commit cannot write the older
  // typed value over it.
  useEffect(() => {
    if (dirty.current) {
      const own = saved.current !== undefined ? stored === saved.current : stored === typedValue(latest.current);
      if (own) return;
    }
    dirty.current = false;
    saved.current = undefined;
    setError(false);
    setText(stored == null ? '' : format(stored));
  }, [stored, format]);

  /** Saves what is typed if it is a valid score; `final` (leaving, Enter) also shows an error and clears an emptied field. */
  const commit = useCallback(
    (final: boolean) => {
      const typed = latest.current;
      const v = typed.trim() ? parsePointsInput(typed) : null;
      if (typed.trim() && (v == null || v > max)) {
        if (final) setError(true);
        return;
      }
      // a pause never empties the score: the officer may be retyping it
      if (v == null && !final) return;
      setError(false);
      const current = saved.current !== undefined ? saved.current : storedNow.current;
      if (v !== current) {
        saved.current = v;
        save(v);
      }
      if (final) {
        dirty.current = false;
        // "2.5" typed and saved during a pause reads "2,5" once the field is left
        setText(v == null ? '' : format(v));
      }
    },
    [max, save, format],
  );
  const flush = useCallback(() => {
    if (dirty.current) commit(true);
  }, [commit]);

  useEffect(() => {
    if (!dirty.current) return;
    // a commit by Enter or leaving the field since (or a value from elsewhere) ends the wait
    const h = setTimeout(() => dirty.current && commit(false), 600);
    return () => clearTimeout(h);
  }, [text, commit]);

  useFlushOnLeave(flush);

  return {
    text,
    error,
    onChange: (value: string) => {
      dirty.current = true;
      setText(value);
    },
    /** Enter or leaving the field: only what was typed is committed (tabbing through saves nothing). */
    onCommit: () => {
      if (dirty.current) commit(true);
    },
  };
}

/** The score a field's text stands for: null when empty, undefined when not a number. */
function typedValue(text: string): number | null | undefined {
  return text.trim() ? (parsePointsInput(text) ?? undefined) : null;
}
