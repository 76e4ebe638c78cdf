import { useState } from 'react';
import { showToast, useToasts } from '../toast';
import { useFmt } from '../useFmt';

/** The notices of toast.ts; announced politely to screen readers. */
export function Toaster() {
  const { toasts, close, hold, release, disarm } = useToasts();
  const { t } = useFmt();
  const [busy, setBusy] = useState(false);
  return (
    <div className="toaster" role="status" aria-live="polite">
      {toasts.map((x) => (
        <div key={x.id} className="toast" data-testid="toast" onMouseEnter={() => hold(x.id)} onMouseLeave={() => release(x.id)} onFocus={() => hold(x.id)} onBlur={() => release(x.id)}>
          <span>{x.message}</span>
          {x.action && (
            <button
              type="button"
              disabled={busy}
              onClick={async () => {
                let failed: string | null = null;
                setBusy(true);
                disarm(x.id);
                try {
                  await x.action!.run();
                } catch (e) {
                  failed = (e as Error).message;
                } finally {
                  setBusy(false);
                  close(x.id);
                }
                if (failed) showToast({ message: t('errors.saveFailed', { reason: failed }) });
              }}
            >
              {x.action.label}
            </button>
          )}
          <button type="button" className="link" aria-label={t('common.close')} onClick={() => close(x.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
