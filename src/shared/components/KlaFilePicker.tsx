import { useState } from 'react';
import { isQuotaError } from '../../db/client';
import type { Problem, Role } from '../../domain/exchange';
import type { ImportOptions } from '../../db/exchange';
import { importFile } from '../exchangeIo';
import { noteDiskFull } from '../../db/diskFull';
import { useFmt } from '../useFmt';
import { FileButton } from './FileButton';
import { PassphrasePrompt } from './PassphrasePrompt';
import { ProblemList } from './ProblemList';

export type ImportOk = Extract<Awaited<ReturnType<typeof importFile>>, { ok: true }>;

/**
 * Choose a .kla file and import it: verified first, the passphrase asked for when the file is
 * protected, and every refusal or failure shown with the file's name. `onImported` gets the
 * successful result; `onChosen` says another file was chosen, so a result shown for the last one
 * goes (a refusal once sat above the previous file's result and its seal warning).
 */
export function KlaFilePicker({ label, testId, role, forWorkspace, onImported, onChosen }: { label: string; testId: string; role: Role; forWorkspace?: ImportOptions['forWorkspace']; onImported: (r: ImportOk) => void | Promise<void>; onChosen?: () => void }) {
  const { t } = useFmt();
  const [file, setFile] = useState<File | null>(null);
  const [needPass, setNeedPass] = useState(false);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(f: File, passphrase: string) {
    setBusy(true);
    setProblems(null);
    setNeedPass(false);
    try {
      const r = await importFile(f, role, passphrase, forWorkspace);
      if (r.ok) await onImported(r);
      else if (r.problems.some((x) => x.code === 'passphrase-required')) setNeedPass(true);
      else if (r.problems.every((x) => x.code === 'wrong-passphrase')) {
        // a typo is not a bad file: ask again, with the reason, the file still chosen
        setNeedPass(true);
        setProblems(r.problems);
      } else setProblems(r.problems);
    } catch (e) {
      if (isQuotaError(e)) noteDiskFull();
      setProblems([{ code: 'unexpected' as Problem['code'], message: isQuotaError(e) ? t('errors.quota') : t('errors.unexpected', { reason: (e as Error).message }) }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <FileButton
        label={label}
        testId={testId}
        accept=".kla,application/zip"
        disabled={busy}
        onFiles={(files) => {
          const f = files?.[0];
          if (!f) return;
          onChosen?.();
          setFile(f);
          void run(f, '');
        }}
      >
        {t('exchange.chooseKla')}
      </FileButton>{' '}
      <span className="muted small wrap-anywhere">{file ? file.name : t('exchange.noFileChosen')}</span>
      {needPass && file && <PassphrasePrompt key={problems ? 'again' : 'first'} fileName={file.name} onSubmit={(p) => void run(file, p)} />}
      {busy && <p className="muted">{t('exchange.checking')}</p>}
      {problems && file && <ProblemList fileName={file.name} problems={problems} />}
    </>
  );
}
