/**
 * Short notices at the foot of the screen, with one action (Urungkan): every step that takes
 * something away or changes many things at once says what it did and offers to undo it.
 */
import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  /** The undo (or other) action; the toast closes when it has run. */
  action?: { label: string; run: () => Promise<void> | void };
  /** Called when the toast goes without its action having run (timed out, closed, replaced): the step becomes final. */
  onExpire?: () => void;
}

/** Long enough to read a sentence and reach the button; an action left alone expires with it. */
export const TOAST_MS = 12_000;

interface ToastState {
  toasts: Toast[];
  show: (t: Omit<Toast, 'id'>) => number;
  close: (id: number) => void;
  /** The action is being run: closing the toast now does not make the step final. */
  disarm: (id: number) => void;
  /** Hold the toast while the pointer or the focus is on it (someone is reaching for Urungkan). */
  hold: (id: number) => void;
  release: (id: number) => void;
}

let next = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show: (t) => {
    const id = next++;
    // one notice at a time: a new step replaces the last one's undo (it may no longer apply)
    for (const old of get().toasts) get().close(old.id);
    set({ toasts: [{ ...t, id }] });
    timers.set(id, setTimeout(() => get().close(id), TOAST_MS));
    return id;
  },
  close: (id) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
    const gone = get().toasts.find((x) => x.id === id);
    set({ toasts: get().toasts.filter((x) => x.id !== id) });
    gone?.onExpire?.();
  },
  disarm: (id) => set({ toasts: get().toasts.map((x) => (x.id === id ? { ...x, onExpire: undefined } : x)) }),
  hold: (id) => clearTimeout(timers.get(id)),
  release: (id) => {
    if (!get().toasts.some((x) => x.id === id)) return;
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => get().close(id), TOAST_MS));
  },
}));

export const showToast = (t: Omit<Toast, 'id'>) => useToasts.getState().show(t);
