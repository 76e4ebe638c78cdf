import { useEffect, useRef, useState } from 'react';
import { normalizeCode } from '../../domain/search';
import { useFmt } from '../useFmt';
import { useWorkspace } from '../workspace';

/**
 * "Lompat ke kode" (the g key): a question's code goes to it, an indicator's to its first
 * question; an unknown code is said, and the box stays for another try. Escape or leaving closes it.
 */
export function JumpBox({ onGo, onClose }: { onGo: (questionCode: string) => void; onClose: () => void }) {
  const { rules } = useWorkspace();
  const { t } = useFmt();
  const ref = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => ref.current?.focus(), []);
  const jump = (text: string) => {
    const code = normalizeCode(text);
    const to = rules.questionByCode.has(code) ? code : rules.indicatorByCode.get(code)?.questions[0].code;
    if (!to) return setError(t('instrument.jumpNotFound', { code: text }));
    onClose();
    onGo(to);
  };
  return (
    <form
      className="jump"
      onSubmit={(e) => {
        e.preventDefault();
        jump(ref.current?.value ?? '');
      }}
    >
      <label>
        {t('instrument.jump')} <input ref={ref} name="jump" aria-label={t('instrument.jump')} onKeyDown={(e) => e.key === 'Escape' && onClose()} onBlur={() => setTimeout(onClose, 150)} />
      </label>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
