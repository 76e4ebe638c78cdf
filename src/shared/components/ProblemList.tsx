import type { Problem } from '../../domain/exchange';
import { useFmt } from '../useFmt';

/** Why a file was refused, in the user's language, naming the file and the part. */
export function ProblemList({ fileName, problems }: { fileName: string; problems: Problem[] }) {
  const { t } = useFmt();
  return (
    <div className="error-box wrap-anywhere" role="alert" data-testid="exchange-problems">
      <p>
        <strong>{t('exchange.refused', { file: fileName })}</strong> {t('exchange.nothingChanged')}
      </p>
      <ul>
        {problems.slice(0, 12).map((p, i) => (
          <li key={i} data-problem={p.code}>
            {t(`exchange.problems.${p.code}`, { defaultValue: p.message, ...p.params })}
            {p.part ? <span className="muted small mono"> ({p.part})</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
