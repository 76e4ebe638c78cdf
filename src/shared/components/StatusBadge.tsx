import type { AnswerStatus } from '../../domain/model';
import { useFmt } from '../useFmt';

const ICON: Record<AnswerStatus, string> = { 'not-started': '○', 'in-progress': '◐', ready: '●' };

export function StatusBadge({ status }: { status: AnswerStatus }) {
  const { t } = useFmt();
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true">{ICON[status]}</span> {t(`status.${status}`)}
    </span>
  );
}
