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

  // a value stored elsewhere (a button, another tab) shows unless the officer is typing
  useEffect(() => {
    if (!dirty.current) setText(stored == null ? '' : format(stored));
  }, [stored, format]);

  /** Saves what is typed if it is a valid score; `final` (leaving, Enter) also shows an error. */
  const commit = useCallback(
    (final: boolean) => {
      const typed = latest.current;
      if (!typed.trim()) {
        setError(false);
        if (storedNow.current != null) save(null);
      } else {
        const v = parsePointsInput(typed);
        if (v == null || v > max) {
          if (final) setError(true);
          return;
        }
        setError(false);
        if (v !== storedNow.current) save(v);
        // "2.5" typed and saved during a pause reads "2,5" once the field is left
        if (final) setText(format(v));
      }
      if (final) dirty.current = false;
    },
    [max, save, format],
  );
  const flush = useCallback(() => {
    if (dirty.current) commit(true);
  }, [commit]);

  useEffect(() => {
    if (!dirty.current) return;
    const h = setTimeout(() => commit(false), 600);
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
    onCommit: () => commit(true),
  };
}
