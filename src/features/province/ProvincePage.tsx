import { useCallback, useState } from 'react';
import type { CityRow, ProvinceView } from '../../domain/province';
import { useBuiltinRules } from '../../shared/rules';
import { useFmt } from '../../shared/useFmt';
import { FromFiles } from './FromFiles';
import { FromHub } from './FromHub';
import { ProvinceTable } from './ProvinceTable';
import type { CityFiles } from './readCities';

/**
 * Tampilan provinsi (issue 12): the province's evaluators see every city side by side, from the
 * province hub (live) or from a folder of city files (offline). Opens from the workspace list;
 * nothing here is stored in the browser.
 */
export function ProvincePage() {
  const { t } = useFmt();
  const builtin = useBuiltinRules();
  const [shown, setShown] = useState<{ from: 'hub' | 'files'; rows: CityRow[] } | null>(null);
  const onView = useCallback((v: ProvinceView | null) => setShown((s) => (v ? { from: 'hub', rows: v.cities } : s?.from === 'hub' ? null : s)), []);
  const onFiles = useCallback((r: CityFiles | null) => setShown((s) => (r ? { from: 'files', rows: r.rows } : s?.from === 'files' ? null : s)), []);
  return (
    <div className="page province-page">
      <section className="card no-print">
        <h1>{t('province.title')}</h1>
        <p className="muted">{t('province.intro')}</p>
      </section>
      <div className="province-sources no-print">
        <section className="card">
          <h2>{t('province.fromHub')}</h2>
          <FromHub onView={onView} />
        </section>
        <section className="card">
          <h2>{t('province.fromFiles')}</h2>
          <FromFiles fallback={builtin.data?.rules} onRead={onFiles} />
        </section>
      </div>
      {shown && (
        <section className="card" data-source={shown.from}>
          <h2>{shown.from === 'hub' ? t('province.tableHub') : t('province.tableFiles')}</h2>
          <div className="toolbar">
            <button type="button" onClick={() => window.print()}>
              {t('province.print')}
            </button>
          </div>
          {shown.rows.length ? <ProvinceTable rows={shown.rows} rules={builtin.data?.rules} /> : <p className="muted">{t('province.empty')}</p>}
        </section>
      )}
    </div>
  );
}
