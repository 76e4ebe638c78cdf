import { useState } from 'react';
import type { Role } from '../../domain/exchange';
import { KlaFilePicker } from '../../shared/components/KlaFilePicker';
import { href, navigate } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';

/**
 * Open a .kla file into this browser: as an evaluator (a city's file to review, fully offline), as
 * the city (restore a workspace from its backup on a new laptop), or as an agency (the question
 * pack the DP3AKB made for it, issue 12). Verified before anything is
 * written; a refused file changes nothing and says why.
 */
export function OpenFileCard() {
  const { t } = useFmt();
  const [role, setRole] = useState<Role>('evaluator');
  return (
    <section className="card">
      <h2>{t('exchange.openTitle')}</h2>
      <div role="radiogroup" aria-label={t('exchange.openAs')}>
        <label className="radio">
          <input type="radio" name="open-as" checked={role === 'evaluator'} onChange={() => setRole('evaluator')} /> {t('exchange.asEvaluator')}
        </label>
        <label className="radio">
          <input type="radio" name="open-as" checked={role === 'city'} onChange={() => setRole('city')} /> {t('exchange.asCity')}
        </label>
        <label className="radio">
          <input type="radio" name="open-as" checked={role === 'agency'} onChange={() => setRole('agency')} /> {t('exchange.asAgency')}
        </label>
      </div>
      <KlaFilePicker label={t('exchange.openTitle')} testId="open-file" role={role} onImported={(r) => navigate(role === 'evaluator' ? href(r.workspaceId, 'tinjauan') : role === 'agency' ? href(r.workspaceId, 'instrumen') : href(r.workspaceId))} />
    </section>
  );
}
