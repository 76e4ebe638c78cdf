import { useMemo } from 'react';
import { useIntake } from '../intake';
import { useFmt } from '../useFmt';

const DONE = new Set(['stored', 'duplicate']);
const REFUSED = new Set(['rejected', 'failed']);

/**
 * The files dropped on one question, in this tab: each one's state and, when it was refused,
 * why, in the officer's words (the same as Bukti's queue). Without it a refusal on a question's
 * drop area was said only on Bukti.
 */
export function DroppedHere({ workspaceId, code }: { workspaceId: string; code: string }) {
  const { t } = useFmt();
  const items = useIntake((s) => s.items);
  const mine = useMemo(() => items.filter((i) => i.workspaceId === workspaceId && i.linkTo?.includes(code)), [items, workspaceId, code]);
  // always there (empty at first), so a screen reader hears the first file's news too
  return (
    <ul className="plain dropped-here small" aria-live="polite" data-testid="dropped-here">
      {mine.map((i) => (
        <li key={i.id} data-state={i.state} data-name={i.name} className={REFUSED.has(i.state) ? 'error' : DONE.has(i.state) ? '' : 'muted'}>
          <strong className="wrap-anywhere">{i.name}</strong>: {t(`evidence.intake.states.${i.state}`)}
          {DONE.has(i.state) && ` · ${t('evidence.linkedTo', { code })}`}
          {i.message && ` · ${t(i.message.key, i.message.params)}`}
        </li>
      ))}
    </ul>
  );
}
