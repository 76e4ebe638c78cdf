import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/client';
import { getActivity } from '../../db/queries';
import { href } from '../../shared/route';
import { activityKind, useActivityWords } from '../../shared/activityWords';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

export function ActivityPage() {
  const { ws, rules } = useWorkspace();
  const { t, dt } = useFmt();
  const entries = useLiveQuery(() => getActivity(getDb(), ws.id, 500), [ws.id]);
  const say = useActivityWords(entries);
  return (
    <div className="page">
      <h1>{t('activity.title')}</h1>
      <table className="table" data-testid="activity-table">
        <tbody>
          {entries?.map((a) => (
            <tr key={a.seq} data-kind={a.kind}>
              <td className="nowrap muted">{dt(a.at)}</td>
              <td>{activityKind(a, t)}</td>
              <td>{a.code && rules.questionByCode.has(a.code) ? <a href={href(ws.id, 'instrumen', rules.questionByCode.get(a.code)!.indicator, a.code)}>{a.code}</a> : a.code}</td>
              <td className="small" data-testid="activity-detail">{say(a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
