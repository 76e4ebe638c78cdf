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

/** The countdown's step; a longer gap between two steps (a frozen or hidden tab) counts as two. */
const TICK_MS = 250;

/**
 * Closes the toast after TOAST_MS of time the page could show it: a tab frozen by the big step
 * the toast is about (3,887 links, then every screen catching up) does not spend the time the
 * officer has to reach Urungkan (the eighth walk found the notice gone when the tab came back).
 */
function countDown(id: number, close: (id: number) => void) {
  let left = TOAST_MS;
  let last = Date.now();
  const tick = () => {
    const now = Date.now();
    left -= Math.min(now - last, 2 * TICK_MS);
    last = now;
    if (left <= 0) close(id);
    else timers.set(id, setTimeout(tick, TICK_MS));
  };
  clearTimeout(timers.get(id));
  timers.set(id, setTimeout(tick, TICK_MS));
}

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show: (t) => {
    const id = next++;
    // one notice at a time: a new step replaces the last one's undo (it may no longer apply)
    for (const old of get().toasts) get().close(old.id);
    set({ toasts: [{ ...t, id }] });
    countDown(id, get().close);
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
    countDown(id, get().close);
  },
}));

export const showToast = (t: Omit<Toast, 'id'>) => useToasts.getState().show(t);
