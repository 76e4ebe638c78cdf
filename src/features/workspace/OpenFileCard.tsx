import { useState } from 'react';
import type { Problem, Role } from '../../domain/exchange';
import { PassphrasePrompt } from '../../shared/components/PassphrasePrompt';
import { ProblemList } from '../../shared/components/ProblemList';
import { isQuotaError } from '../../db/client';
import { importFile } from '../../shared/exchangeIo';
import { href, navigate } from '../../shared/route';
import { useFmt } from '../../shared/useFmt';

/**
 * Open a .kla file into this browser: as an evaluator (a city's file to review, fully offline) or
 * as the city (restore a workspace from its backup on a new laptop). Verified before anything is
 * written; a refused file changes nothing and says why.
 */
export function OpenFileCard() {
  const { t } = useFmt();
  const [role, setRole] = useState<Role>('evaluator');
  const [file, setFile] = useState<File | null>(null);
  const [needPass, setNeedPass] = useState(false);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(f: File, p: string) {
    setBusy(true);
    setProblems(null);
    try {
      const r = await importFile(f, role, p);
      if (!r.ok) {
        if (r.problems.some((x) => x.code === 'passphrase-required')) setNeedPass(true);
        else setProblems(r.problems);
        return;
      }
      navigate(role === 'evaluator' ? href(r.workspaceId, 'tinjauan') : href(r.workspaceId));
    } catch (e) {
      setProblems([{ code: 'unexpected' as Problem['code'], message: isQuotaError(e) ? t('errors.quota') : t('errors.unexpected', { reason: (e as Error).message }) }]);
    } finally {
      setBusy(false);
    }
  }

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
      </div>
      <input
        type="file"
        accept=".kla,application/zip"
        aria-label={t('exchange.openTitle')}
        data-testid="open-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          setFile(f);
          setNeedPass(false);
          void run(f, '');
        }}
      />
      {needPass && file && (
        <PassphrasePrompt
          fileName={file.name}
          onSubmit={(p) => {
            void run(file, p);
          }}
        />
      )}
      {busy && <p className="muted">{t('exchange.checking')}</p>}
      {problems && file && <ProblemList fileName={file.name} problems={problems} />}
    </section>
  );
}
