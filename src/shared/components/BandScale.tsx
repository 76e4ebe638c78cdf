import type { Bands } from '../../domain/rules/schema';
import { useFmt } from '../useFmt';

/**
 * The predicate scale 0..max with band segments and a marker at the score. Works in black and white.
 * The part below the first band is labelled (`bands.none`). `rule={false}` leaves out the line on
 * the boundary rule, for a page that says the next threshold in words instead (the summary).
 */
export function BandScale({ bands, max, score, compact = false, rule = true }: { bands: Bands; max: number; score: number; compact?: boolean; rule?: boolean }) {
  const { t, pts, lt } = useFmt();
  const start = Math.max(0, bands.items[0].min - 100);
  const at = (v: number) => (Math.min(Math.max(v, start), max) - start) / (max - start);
  const pos = (v: number) => `${at(v) * 100}%`;
  // at either end the score's label is held inside the track: centred on the marker it was cut by
  // the page's edge in print ("66" read as "6", the seventh walk)
  const edge = at(score) < 0.1 ? ' at-start' : at(score) > 0.9 ? ' at-end' : '';
  return (
    <figure className={`band-scale${compact ? ' compact' : ''}`} aria-label={t('score.scale')}>
      <div className="band-track">
        <div className="band-seg band-none" style={{ left: 0, width: pos(bands.items[0].min) }}>
          {!compact && <span>{lt(bands.none.label)}</span>}
        </div>
        {bands.items.map((b, i) => {
          const from = i === 0 ? b.min : bands.items[i - 1].max;
          return (
            <div key={b.id} className={`band-seg band-${b.id}`} style={{ left: pos(from), width: `calc(${pos(b.max)} - ${pos(from)})` }}>
              <span>{lt(b.label)}</span>
            </div>
          );
        })}
        <div className={`band-marker${edge}`} style={{ left: pos(score) }} role="img" aria-label={pts(score)}>
          <span>{pts(score)}</span>
        </div>
      </div>
      {!compact && (
        <div className="band-ticks">
          {bands.items.map((b, i) => (
            <span key={b.id} style={{ left: pos(i === 0 ? b.min : bands.items[i - 1].max) }}>
              {i === 0 ? b.min : bands.items[i - 1].max}
            </span>
          ))}
          <span style={{ left: '100%', transform: 'translateX(-100%)' }}>{max}</span>
        </div>
      )}
      {!compact && rule && <figcaption className="muted small">{t('score.rule', { rule: t(`score.rules.${bands.rule}`) })}</figcaption>}
    </figure>
  );
}
