import { useState } from 'react';
import type { Role } from '../../domain/exchange';
import { KlaFilePicker, type ImportOk } from '../../shared/components/KlaFilePicker';
import { href, navigate } from '../../shared/route';
import { showToast } from '../../shared/toast';
import { useFmt } from '../../shared/useFmt';

/**
 * Open a .kla file into this browser: as an evaluator (a city's file to review, fully offline), as
 * the city (restore a workspace from its backup on a new laptop), or as an agency (the question
 * pack the DP3AKB made for it, issue 12). Verified before anything is
 * written; a refused file changes nothing and says why. A pack opens as the agency's copy
 * whichever role is chosen (db/exchange.ts), and says so when another one was.
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
      <KlaFilePicker
        label={t('exchange.openTitle')}
        testId="open-file"
        role={role}
        onImported={(r) => {
          if (r.kind === 'agency-pack' && role !== 'agency') showToast({ message: t('exchange.packOpenedAsAgency') });
          navigate(landing(r, role));
        }}
      />
    </section>
  );
}

/** Where an opened file lands: the agency's questions, the evaluator's review, or Beranda. */
function landing(r: ImportOk, role: Role): string {
  if (r.kind === 'agency-pack') return href(r.workspaceId, 'instrumen');
  return role === 'evaluator' ? href(r.workspaceId, 'tinjauan') : href(r.workspaceId);
}
