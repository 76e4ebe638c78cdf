import { useCallback, useEffect, useState } from 'react';
import type { ProvinceView } from '../../domain/province';
import { hubClient, type HubMe } from '../../shared/hubClient';
import { useHubError } from '../../shared/hubErrors';
import { useHubForm } from '../../shared/useHubForm';
import { useOnHub } from '../../shared/useOnHub';
import { useFmt } from '../../shared/useFmt';

type State = { kind: 'checking' } | { kind: 'signed-out' } | { kind: 'not-province'; me: HubMe } | { kind: 'ready'; view: ProvinceView };

/**
 * The province hub: sign in with a province account (or create it with the province's one-time
 * code) and see every city of the province as the hub holds it now.
 */
export function FromHub({ onView }: { onView: (v: ProvinceView | null) => void }) {
  const { t, dt } = useFmt();
  const say = useHubError();
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [error, setError] = useState('');

  const onHub = useOnHub();
  const load = useCallback(async () => {
    const api = hubClient();
    setError('');
    try {
      const me = await api.me();
      if (me.user.role !== 'province') return setState({ kind: 'not-province', me });
      const view = await api.province();
      setState({ kind: 'ready', view });
      onView(view);
    } catch (e) {
      if ((e as { status?: number }).status === 401) setState({ kind: 'signed-out' });
      else setError(say(e));
    }
  }, [onView, say]);
  useEffect(() => void (onHub && load()), [onHub, load]);

  if (onHub === false) return <p className="muted">{t('province.noHub')}</p>;
  if (onHub === null || state.kind === 'checking') return <p className="muted">{t('common.loading')}</p>;
  if (state.kind === 'ready')
    return (
      <div className="toolbar no-print">
        <span className="muted small" data-testid="province-hub-at">
          {t('province.hubAt', { province: state.view.province, at: dt(Date.parse(state.view.generatedAt)) })}
        </span>
        <button type="button" onClick={() => void load()}>
          {t('province.refresh')}
        </button>
        <button type="button" className="secondary" onClick={() => void hubClient().logout().then(() => (onView(null), setState({ kind: 'signed-out' })))}>
          {t('province.signOut')}
        </button>
        {error && <p role="alert" className="error">{error}</p>}
      </div>
    );
  return (
    <>
      {state.kind === 'not-province' && <p className="warn">{t('province.notProvince', { name: state.me.user.displayName })}</p>}
      <SignIn onDone={load} />
      {error && <p role="alert" className="error">{error}</p>}
    </>
  );
}

function SignIn({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useFmt();
  const [join, setJoin] = useState(false);
  const { f, field, submit, busy, errorLine } = useHubForm({ code: '', username: '', displayName: '', password: '' }, ['displayName']);
  const signIn = async () => {
    const api = hubClient();
    if (join) await api.join(f.code, f.username, f.displayName || f.username, f.password);
    else await api.login(f.username, f.password);
    await onDone();
  };
  return (
    <form className="form-grid" onSubmit={submit(signIn)} data-testid="province-sign-in">
      <label className="check">
        <input type="checkbox" checked={join} onChange={(e) => setJoin(e.target.checked)} /> {t('province.haveCode')}
      </label>
      {join && field('code', t('province.code'))}
      {field('username', join ? t('hub.usernameNew') : t('hub.username'), 'text', 'username')}
      {join && field('displayName', t('hub.displayName'))}
      {field('password', t('hub.password'), 'password', join ? 'new-password' : 'current-password')}
      <button type="submit" disabled={busy}>
        {t('hub.signIn')}
      </button>
      {errorLine}
    </form>
  );
}
