import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A native modal <dialog>: the page behind is inert, focus stays inside, Escape closes it (calls
 * onClose). Used where a step needs the whole width (the bulk link review was once squeezed into
 * the evidence list's column, its apply button below the fold).
 */
export function ModalDialog(props: { className?: string; labelledBy: string; onClose: () => void; testId?: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    const cancel = (e: Event) => {
      e.preventDefault();
      onClose.current();
    };
    d.addEventListener('cancel', cancel);
    return () => {
      d.removeEventListener('cancel', cancel);
      if (d.open) d.close();
    };
  }, []);
  return (
    <dialog ref={ref} className={`modal ${props.className ?? ''}`} aria-labelledby={props.labelledBy} data-testid={props.testId}>
      {props.children}
    </dialog>
  );
}
