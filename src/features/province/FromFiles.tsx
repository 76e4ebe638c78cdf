import { useRef, useState } from 'react';
import type { Rules } from '../../domain/rules/load';
import { FileButton } from '../../shared/components/FileButton';
import { ProblemList } from '../../shared/components/ProblemList';
import { useFmt } from '../../shared/useFmt';
import { readCityFiles, type CityFiles } from './readCities';

/** Pick city files (or a whole folder of them): verified, scored, nothing stored. */
export function FromFiles({ fallback, onRead }: { fallback: Rules | undefined; onRead: (r: CityFiles | null) => void }) {
  const { t } = useFmt();
  const [passphrase, setPassphrase] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number; name: string } | null>(null);
  const [result, setResult] = useState<CityFiles | null>(null);

  const run = useRef(0);
  async function read(list: FileList | null) {
    const files = [...(list ?? [])];
    if (!files.length || !fallback) return;
    const mine = ++run.current; // a second pick supersedes a first still being read
    onRead(null);
    setResult(null);
    const r = await readCityFiles(files, { passphrase, fallback, onProgress: (done, total, name) => mine === run.current && setProgress({ done, total, name }) });
    if (mine !== run.current) return;
    setProgress(null);
    setResult(r);
    onRead(r);
  }
  return (
    <div className="form-grid">
      <p className="muted small">{t('province.filesIntro')}</p>
      <div className="inline-form">
        <FileButton label={t('province.pickFiles')} testId="province-files" accept=".kla" multiple onFiles={(l) => void read(l)}>
          {t('province.pickFiles')}
        </FileButton>
        <FileButton label={t('province.pickFolder')} testId="province-folder" multiple folder onFiles={(l) => void read(l)}>
          {t('province.pickFolder')}
        </FileButton>
      </div>
      <label>
        {t('province.passphrase')}
        <input type="password" value={passphrase} autoComplete="off" onChange={(e) => setPassphrase(e.target.value)} />
      </label>
      {progress && progress.total > 0 && (
        <p role="status" className="muted">
          {t('province.reading', { done: progress.done + 1 > progress.total ? progress.total : progress.done + 1, total: progress.total, name: progress.name })}
        </p>
      )}
      {result && <Outcomes result={result} />}
    </div>
  );
}

function Outcomes({ result }: { result: CityFiles }) {
  const { t } = useFmt();
  const read = result.outcomes.filter((o) => o.status === 'ok').length;
  if (!result.outcomes.length) return <p className="warn">{t('province.noFiles')}</p>;
  return (
    <div data-testid="province-outcomes">
      <p className="muted small">{t('province.readCount', { n: read, total: result.outcomes.length })}</p>
      {result.outcomes.map((o, i) =>
        o.status === 'refused' ? (
          <ProblemList key={i} fileName={o.name} problems={o.problems} />
        ) : o.status === 'ok' && !o.otherRules ? null : (
          <p key={i} className="warn small" data-file={o.name}>
            {o.status === 'ok'
              ? t('province.otherRules', { file: o.name, city: o.city })
              : o.status === 'older'
                ? t('province.older', { file: o.name, city: o.city })
                : o.status === 'not-city'
                  ? t('province.notCity', { file: o.name, kind: t(`province.kinds.${o.kind}`) })
                  : t('province.needsPassphrase', { file: o.name })}
          </p>
        ),
      )}
    </div>
  );
}
