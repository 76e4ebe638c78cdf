import { useFlags, useFlagsComputedIn } from '../shared/flags';
import { useFmt } from '../shared/useFmt';

/**
 * Beside "Salah klaster" in the menu: how many flags are open, so an officer on any screen sees
 * there is evidence to look at. The flags are computed once for every screen (flagsSource.ts);
 * nothing is shown until they are, or when none is open.
 */
export function FlagsBadge() {
  const flags = useFlags();
  const computedIn = useFlagsComputedIn();
  const { t } = useFmt();
  const open = flags?.open.length ?? 0;
  if (!open) return null;
  return (
    <span className="nav-badge" data-testid="flags-badge" data-computed-in={computedIn ?? undefined}>
      {/* three digits would push the language switch to a second line at 1280 px */}
      <span aria-hidden="true">{open > 99 ? '99+' : open}</span>
      <span className="sr-only">{t('flags.navCount', { count: open })}</span>
    </span>
  );
}
