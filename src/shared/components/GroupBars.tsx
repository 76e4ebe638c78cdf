import type { Rules } from '../../domain/rules/load';
import type { ScoreResult } from '../../domain/scoring';
import { useFmt } from '../useFmt';

/** One bar per group: score against maximum, with the numbers written (never colour alone). */
export function GroupBars({ rules, score, onPick }: { rules: Rules; score: ScoreResult; onPick?: (groupId: string) => void }) {
  const { pts, lt } = useFmt();
  return (
    <ul className="group-bars">
      {score.groups.map((g) => {
        const group = rules.groupById.get(g.id)!;
        const ratio = g.max ? g.score / g.max : 0;
        const body = (
          <>
            <span className="gb-name">{lt(group.short)}</span>
            <span className="gb-bar" aria-hidden="true">
              <span style={{ width: `${ratio * 100}%` }} />
            </span>
            <span className="gb-num num">
              {pts(g.score)} / {pts(g.max)}
            </span>
          </>
        );
        return (
          <li key={g.id} data-group={g.id}>
            {onPick ? (
              <button type="button" className="gb-row" onClick={() => onPick(g.id)} title={lt(group.name)}>
                {body}
              </button>
            ) : (
              <div className="gb-row" title={lt(group.name)}>
                {body}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
