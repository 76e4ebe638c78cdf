/** A small ring: share of questions ready. The label carries the numbers for screen readers. */
export function ProgressRing({ value, total, size = 22, label }: { value: number; total: number; size?: number; label: string }) {
  const r = size / 2 - 3;
  const c = 2 * Math.PI * r;
  const ratio = total ? value / total : 0;
  return (
    <svg className="ring" width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label}>
      <circle cx={size / 2} cy={size / 2} r={r} className="ring-bg" />
      <circle
        cx={size / 2}
        cy={size / 2}
        r={r}
        className="ring-fg"
        strokeDasharray={`${c * ratio} ${c}`}
        transform={`rotate(-90 ${size / 2} ${size / 2})`}
      />
    </svg>
  );
}
