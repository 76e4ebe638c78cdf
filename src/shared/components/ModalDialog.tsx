import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  className?: string;
  labelledBy: string;
  onClose: () => void;
  /** While true (a step it started is still being written), Escape does not close it. */
  locked?: boolean;
  /** Where the focus goes when it closes and the element that opened it is gone (or disabled). */
  returnFocus?: () => HTMLElement | null;
  testId?: string;
  children: ReactNode;
}

/** The element to give the focus back to: the one that had it before, while it can take it. */
function focusBack(opener: Element | null, fallback: (() => HTMLElement | null) | undefined) {
  const usable = opener instanceof HTMLElement && opener.isConnected && opener !== document.body && !opener.matches(':disabled');
  (usable ? opener : fallback?.())?.focus();
}

/**
 * A native modal <dialog>: the page behind is inert, focus stays inside, Escape closes it (calls
 * onClose) unless it is locked. Used where a step needs the whole width (the bulk link review was
 * once squeezed into the evidence list's column, its apply button below the fold). When it goes,
 * the focus goes back to what opened it, or to `returnFocus` when that is gone: the browser would
 * leave it on the page's body and a keyboard user would start again from the top.
 */
export function ModalDialog(props: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const latest = useRef(props);
  latest.current = props;
  // before the browser can paint or take a key: shown from a passive effect, it sat in the page
  // closed for a moment after its rows appeared, and an Escape pressed then was lost (CI, 6 Dec)
  const opener = useRef<Element | null>(null);
  useLayoutEffect(() => {
    const d = ref.current;
    if (!d) return;
    opener.current = document.activeElement;
    if (!d.open) d.showModal();
    const close = () => !latest.current.locked && latest.current.onClose();
    const cancel = (e: Event) => (e.preventDefault(), close());
    // Chromium closes it on a second Escape with no click between, whatever cancel says: locked, it opens again
    const closed = () => d.isConnected && (latest.current.locked ? d.showModal() : close());
    d.addEventListener('cancel', cancel);
    d.addEventListener('close', closed);
    return () => {
      d.removeEventListener('cancel', cancel);
      d.removeEventListener('close', closed);
      if (d.open) d.close();
    };
  }, []);
  // given back once the page behind is as it will be: a layout cleanup runs before the opener is
  // taken out of the page (the links made, its button goes) and would focus what then disappears
  useEffect(() => () => focusBack(opener.current, latest.current.returnFocus), []);
  return (
    <dialog ref={ref} className={`modal ${props.className ?? ''}`} aria-labelledby={props.labelledBy} data-testid={props.testId}>
      {props.children}
    </dialog>
  );
}
