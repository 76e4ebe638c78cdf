import { isUnfinished } from '../domain/model';
import { useIntake } from '../shared/intakeStore';
import { useFmt } from '../shared/useFmt';

/**
 * Beside "Bukti" in the menu while files are being taken in: how far the queue is, on any screen.
 * The sixth walk made a demo workspace and read a full score on Beranda with no sign that 19 of
 * its 24 documents were still being added.
 */
export function IntakeBadge() {
  const { t } = useFmt();
  const done = useIntake((s) => (s.running ? s.items.filter((i) => !isUnfinished(i.state)).length : -1));
  const total = useIntake((s) => s.items.length);
  if (done < 0 || !total) return null;
  return (
    <span className="nav-progress small" data-testid="intake-badge">
      {/* a kabupaten's batch is thousands of files: a share, not "1234/5000", beside the menu's words */}
      <span aria-hidden="true">{total > 99 ? `${Math.floor((done / total) * 100)}%` : `${done}/${total}`}</span>
      <span className="sr-only">{t('evidence.intake.overall', { done, total })}</span>
    </span>
  );
}
