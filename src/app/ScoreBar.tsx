import { useMemo } from 'react';
import { useFmt } from '../shared/useFmt';
import { useWorkspace } from '../shared/workspace';
import { useBandChange } from './useBandChange';

/** The slim bar on every screen: total, predicate, points to the next one, seven group bars. */
export function ScoreBar() {
  const { score, rules } = useWorkspace();
  const { t, pts, lt } = useFmt();
  // 'none' (no predicate yet) is below every band
  const order = useMemo(() => ['none', ...rules.bands.items.map((b) => b.id)], [rules]);
  const moved = useBandChange(score.band, order);
  return (
    <div className="score-bar" role="status" aria-live="polite" aria-label={t('score.total')}>
      <span className="sb-total">
        <span className="muted small">{t('score.total')}</span>{' '}
        <strong className="num" data-testid="total">
          {pts(score.total)}
        </strong>
        <span className="muted num"> / {pts(score.max)}</span>
      </span>
      <span className={`predicate predicate-${score.band.id}`} data-testid="predicate" data-band={score.band.id}>
        {lt(score.band.label)}
      </span>
      {moved && (
        <span className={`sb-moved small ${moved.up ? 'up' : 'down'}`} data-testid="band-moved">
          {t(moved.up ? 'score.bandUp' : 'score.bandDown', { band: lt(moved.from.label) })}
        </span>
      )}
      <span className="sb-next small" data-testid="next-band">
        {score.nextBand ? t('score.toNext', { points: pts(score.nextBand.pointsNeeded), band: lt(score.nextBand.label) }) : t('score.top')}
      </span>
      <span className="sb-groups" aria-hidden="true">
        {score.groups.map((g) => (
          <span key={g.id} className="sb-group" title={`${lt(rules.groupById.get(g.id)!.short)}: ${pts(g.score)} / ${pts(g.max)}`}>
            <span className="sb-g-label">{g.id}</span>
            <span className="sb-g-bar">
              <span style={{ height: `${(g.score / g.max) * 100}%` }} />
            </span>
          </span>
        ))}
      </span>
    </div>
  );
}
