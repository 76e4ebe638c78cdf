import { useRef, useState } from 'react';
import type { Rules } from '../../domain/rules/load';
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
        <PickButton folder={false} onPick={(l) => void read(l)} />
        <PickButton folder onPick={(l) => void read(l)} />
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

/** The app's own button for a hidden file input: the browser's button would speak the browser's language ("Choose Files"). */
function PickButton({ folder, onPick }: { folder: boolean; onPick: (files: FileList | null) => void }) {
  const { t } = useFmt();
  const input = useRef<HTMLInputElement>(null);
  const label = folder ? t('province.pickFolder') : t('province.pickFiles');
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        aria-label={label}
        accept={folder ? undefined : '.kla'}
        data-testid={folder ? 'province-folder' : 'province-files'}
        {...(folder ? { webkitdirectory: '' } : {})}
        onChange={(e) => {
          onPick(e.target.files);
          e.target.value = '';
        }}
      />
    </>
  );
}
