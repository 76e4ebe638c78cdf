import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { getDb } from '../../db/client';
import { listWorkspaces, markWorkspaceDeleted, purgeDeletedWorkspaces, undeleteWorkspace } from '../../db/queries';
import { showToast } from '../../shared/toast';
import { href, navigate } from '../../shared/route';
import { useBuiltinRules } from '../../shared/rules';
import { useFmt } from '../../shared/useFmt';
import { addDemoEvidence, createWorkspaceFromForm } from './api';
import { JoinHubCard } from './JoinHubCard';
import { OpenFileCard } from './OpenFileCard';
import type { Workspace } from '../../domain/model';

export function WorkspacesPage({ currentId }: { currentId: string | null }) {
  const { t, dt, lt } = useFmt();
  const workspaces = useLiveQuery(() => listWorkspaces(getDb()), []);
  const builtin = useBuiltinRules();
  const [city, setCity] = useState('');
  const [province, setProvince] = useState('');
  const [demo, setDemo] = useState(false);
  const [demoDocs, setDemoDocs] = useState(true);
  // a second workspace for the same city and year is usually a mistake: say so first
  const [twin, setTwin] = useState<(Workspace & { changedAt: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!city.trim()) {
      setError(t('workspace.cityRequired'));
      return;
    }
    if (!builtin.data) return;
    const same = workspaces?.find((w) => w.city.trim().toLowerCase() === city.trim().toLowerCase() && w.year === builtin.data!.rules.year);
    if (same && twin?.id !== same.id) {
      setTwin(same);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ws = await createWorkspaceFromForm({ city, province, demo }, builtin.data);
      navigate(href(ws.id));
      if (demo && demoDocs) void addDemoEvidence(ws, builtin.data.rules);
    } catch (err) {
      setError(t('errors.saveFailed', { reason: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page workspaces-page">
      <section className="card">
        <h1>{t('workspace.createTitle')}</h1>
        <p className="muted">{t('workspace.intro')}</p>
        <form onSubmit={submit} className="form-grid" noValidate>
          <label>
            {t('workspace.city')}
            <input name="city" value={city} onChange={(e) => (setCity(e.target.value), setTwin(null))} placeholder={t('workspace.cityPlaceholder')} autoFocus required aria-invalid={!!error && !city.trim()} />
          </label>
          <label>
            {t('workspace.province')}
            <input name="province" value={province} onChange={(e) => setProvince(e.target.value)} placeholder={t('workspace.provincePlaceholder')} />
          </label>
          <label>
            {t('workspace.rules')}
            <select disabled value="kla-2024">
              <option value="kla-2024">{builtin.data ? lt(builtin.data.rules.title) : t('common.loading')}</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={demo} onChange={(e) => setDemo(e.target.checked)} /> {t('workspace.demo')}
          </label>
          {demo && (
            <label className="check">
              <input type="checkbox" checked={demoDocs} onChange={(e) => setDemoDocs(e.target.checked)} /> {t('workspace.demoDocs')}
            </label>
          )}
          {twin && (
            <div className="warn" role="alert" data-testid="twin-warning">
              <p>{t('workspace.twin', { city: twin.city, year: twin.year, when: dt(twin.changedAt, false) })}</p>
              <p className="row-gap">
                <a href={href(twin.id)}>{t('workspace.twinOpen', { city: twin.city, year: twin.year })}</a> · <span>{t('workspace.twinAnyway')}</span>
              </p>
            </div>
          )}
          {builtin.error && (
            <p className="error" role="alert">
              {t('errors.rulesLoad', { reason: (builtin.error as Error).message })}
            </p>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div>
            <button type="submit" className="primary" disabled={busy || !builtin.data}>
              {twin ? t('workspace.createAnyway') : t('workspace.create')}
            </button>
          </div>
        </form>
      </section>
      <JoinHubCard />
      <OpenFileCard />
      <section className="card">
        <h2>{t('workspace.list')}</h2>
        {workspaces && workspaces.length === 0 && <p className="muted">{t('workspace.none')}</p>}
        <ul className="ws-list">
          {workspaces?.map((w) => (
            <li key={w.id}>
              <a href={href(w.id)} className="ws-link">
                <strong>
                  {w.city} {w.year}
                </strong>{' '}
                <span className="muted">
                  {w.province} · {t(`stage.${w.stage}`)} · {t('workspace.updated', { when: dt(w.changedAt, false) })}
                </span>
              </a>
              {w.id === currentId && <span className="tag">{t('workspace.current')}</span>}
              <button
                type="button"
                className="link danger"
                onClick={async () => {
                  if (!confirm(t('workspace.deleteConfirm', { city: w.city, year: w.year }))) return;
                  await markWorkspaceDeleted(getDb(), w.id);
                  if (w.id === currentId) navigate('#/');
                  showToast({
                    message: t('workspace.deleted', { city: w.city, year: w.year }),
                    action: {
                      label: t('common.undo'),
                      run: async () => {
                        const back = await undeleteWorkspace(getDb(), w.id);
                        showToast({ message: t(back ? 'workspace.restored' : 'workspace.restoreFailed', { city: w.city, year: w.year }) });
                      },
                    },
                    // the rows go for good once Urungkan is no longer offered
                    onExpire: () => void purgeDeletedWorkspaces(getDb(), { id: w.id }),
                  });
                }}
              >
                {t('workspace.delete')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>{t('province.title')}</h2>
        <p className="muted">{t('province.entry')}</p>
        <a href="#/provinsi" data-testid="open-province">
          {t('province.open')}
        </a>
      </section>
    </div>
  );
}
