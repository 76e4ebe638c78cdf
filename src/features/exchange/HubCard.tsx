import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { getDb } from '../../db/client';
import { bindWorkspace, getBinding, unbindWorkspace, type HubBinding } from '../../db/hubSync';
import { hubClient } from '../../shared/hubClient';
import { useHubError } from '../../shared/hubErrors';
import { useHubForm } from '../../shared/useHubForm';
import { useOnHub } from '../../shared/useOnHub';
import { syncNow, useHubSync } from '../../shared/hubRunner';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

type Mode = 'signIn' | 'join' | 'setup';

/** Hub kota: connect this workspace to the city hub (sign in, join with a code, or set it up). */
export function HubCard() {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const available = useOnHub();
  const binding = useLiveQuery(() => getBinding(getDb(), ws.id), [ws.id], null);
  if (available === null || binding === null) return null;
  return (
    <section className="card" data-testid="hub-card">
      <h2>{t('hub.title')}</h2>
      <p className="muted small">{t('hub.intro')}</p>
      {binding ? <Connected /> : available ? <ConnectForms /> : <p className="muted">{t('hub.unavailable')}</p>}
    </section>
  );
}

function ConnectForms() {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const [mode, setMode] = useState<Mode>(ws.role === 'agency' ? 'join' : 'signIn');
  const { f, field, submit, busy, setError, errorLine } = useHubForm({ code: '', username: '', displayName: ws.role === 'agency' ? (ws.agency?.name ?? '') : '', password: '' }, ['displayName']);
  const modes: Mode[] = ws.role === 'city' || !ws.role ? ['signIn', 'join', 'setup'] : ['signIn', 'join'];

  const connect = async () => {
    const api = hubClient();
    if (mode === 'signIn') await api.login(f.username, f.password);
    else if (mode === 'join') await api.join(f.code, f.username, f.displayName || f.username, f.password);
    else await api.setup(f.code, { name: ws.city, province: ws.province, office: ws.office?.trim() ?? '' }, f.username, f.displayName || f.username, f.password);
    const me = await api.me();
    // a province account reads scores on Tampilan provinsi; it has no workspace to sync
    if (me.user.role === 'province') {
      await api.logout(); // its cookie must not stay: the other workspaces' sync is signed in as theirs
      return setError(t('hub.errors.province-account'));
    }
    await bindWorkspace(getDb(), ws.id, { userId: me.user.id, displayName: me.user.displayName, role: me.user.role });
    void syncNow();
  };
  return (
    <>
      <div role="radiogroup" aria-label={t('hub.title')} className="choice-row">
        {modes.map((m) => (
          <label key={m}>
            <input type="radio" name="hub-mode" checked={mode === m} onChange={() => setMode(m)} /> {t(`hub.${m}`)}
          </label>
        ))}
      </div>
      <form className="form-grid" onSubmit={submit(connect)}>
        {mode === 'join' && field('code', t('hub.inviteCode'))}
        {mode === 'setup' && field('code', t('hub.setupCode'))}
        {field('username', mode === 'signIn' ? t('hub.username') : t('hub.usernameNew'), 'text', 'username')}
        {mode !== 'signIn' && field('displayName', t('hub.displayName'))}
        {field('password', t('hub.password'), 'password', mode === 'signIn' ? 'current-password' : 'new-password')}
        <button type="submit" disabled={busy}>
          {t('hub.connect')}
        </button>
        {errorLine}
      </form>
    </>
  );
}

function Connected() {
  const { ws } = useWorkspace();
  const { t, dt } = useFmt();
  const binding = useLiveQuery(() => getBinding(getDb(), ws.id), [ws.id]);
  const { status, lastSyncAt, lastReport } = useHubSync();
  if (!binding) return null;
  return (
    <>
      <p data-testid="hub-connected">{t('hub.connectedAs', { name: binding.displayName, role: t(`hub.roles.${binding.role}`) })}</p>
      {status === 'signed-out' && <SignInAgain />}
      {lastSyncAt && lastReport && (
        <p className="muted small">{t('hub.lastSync', { at: dt(lastSyncAt), pushed: lastReport.pushed, uploaded: lastReport.uploaded, applied: lastReport.applied })}</p>
      )}
      <NotSent refused={binding.refused ?? []} unsent={binding.unsent ?? []} office={binding.officeRefused} />
      <div className="toolbar">
        <button type="button" onClick={() => void syncNow()}>
          {t('hub.syncNow')}
        </button>
        <button type="button" className="secondary" onClick={() => void unbindWorkspace(getDb(), ws.id)}>
          {t('hub.disconnect')}
        </button>
      </div>
      {binding.role === 'admin' && <InviteForm />}
    </>
  );
}

/** What the hub refused or could not take: said, not dropped; tried again on every round. */
export function NotSent({ refused, unsent, office }: { refused: NonNullable<HubBinding['refused']>; unsent: NonNullable<HubBinding['unsent']>; office?: HubBinding['officeRefused'] }) {
  const { t } = useFmt();
  const n = refused.length + unsent.length + (office ? 1 : 0);
  if (!n) return null;
  return (
    <div className="warn small" role="status" data-testid="hub-not-sent">
      <p>{t('hub.notSent', { n })}</p>
      <ul>
        {office && <li data-testid="hub-office-refused">{t('hub.refusedOffice', { reason: t(`hub.reasons.${office.reason}`, { defaultValue: office.reason }) })}</li>}
        {refused.slice(0, 20).map((r) => (
          <li key={r.op.opId}>{refusal(t, r)}</li>
        ))}
        {unsent.slice(0, 20).map((u) => (
          <li key={u.documentId}>{t('hub.unsentDoc', { name: u.name, reason: t(`hub.reasons.${u.reason}`, { defaultValue: u.reason }) })}</li>
        ))}
      </ul>
    </div>
  );
}

function refusal(t: ReturnType<typeof useFmt>['t'], r: NonNullable<HubBinding['refused']>[number]): string {
  const reason = t(`hub.reasons.${r.reason}`, { defaultValue: r.reason });
  if (r.op.kind === 'send-reviews') return t('hub.refusedSend', { reason });
  if (r.op.kind === 'office') return t('hub.refusedOffice', { reason });
  if ('questionCode' in r.op) return t('hub.refusedOp', { code: r.op.questionCode, reason });
  return t(r.op.removed ? 'hub.refusedDelete' : 'hub.refusedRestore', { id: r.op.documentId, reason });
}

/** The session ended (14 days, or another user signed in on this PC): sign in again, same account. */
function SignInAgain() {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const say = useHubError();
  const [f, setF] = useState({ username: '', password: '' });
  const [error, setError] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError('');
    try {
      const api = hubClient();
      await api.login(f.username, f.password);
      const b = await getBinding(getDb(), ws.id);
      if ((await api.me()).user.id !== b?.userId) {
        await api.logout(); // the cookie must not stay another account's
        return setError(t('hub.errors.other-user', { name: b?.displayName ?? '' }));
      }
      void syncNow();
    } catch (err) {
      setError(say(err));
    }
  }
  return (
    <form className="form-grid" onSubmit={submit} data-testid="hub-sign-in-again">
      <p className="warn">{t('hub.signInAgain')}</p>
      <label>
        {t('hub.username')}
        <input value={f.username} autoComplete="username" required onChange={(e) => setF({ ...f, username: e.target.value })} />
      </label>
      <label>
        {t('hub.password')}
        <input type="password" value={f.password} autoComplete="current-password" required onChange={(e) => setF({ ...f, password: e.target.value })} />
      </label>
      <button type="submit">{t('hub.signIn')}</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

function InviteForm() {
  const { agencies, agencyName } = useWorkspace();
  const { t, dt } = useFmt();
  const say = useHubError();
  const [who, setWho] = useState(agencies[0]?.id ?? 'evaluator');
  const [made, setMade] = useState('');
  async function invite(e: FormEvent) {
    e.preventDefault();
    setMade('');
    try {
      const r = await hubClient().invite(who === 'evaluator' ? 'evaluator' : 'agency', who === 'evaluator' ? undefined : who);
      const name = who === 'evaluator' ? t('hub.roles.evaluator') : agencyName(who);
      setMade(t('hub.inviteMade', { who: name, code: r.code, until: dt(Date.parse(r.expiresAt)) }));
    } catch (err) {
      setMade(say(err));
    }
  }
  return (
    <form className="form-grid" onSubmit={invite}>
      <label>
        {t('hub.invite')}
        <select value={who} onChange={(e) => setWho(e.target.value)}>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          <option value="evaluator">{t('hub.inviteEvaluator')}</option>
        </select>
      </label>
      <button type="submit">{t('hub.invite')}</button>
      {made && (
        <p data-testid="hub-invite" role="status">
          {made}
        </p>
      )}
    </form>
  );
}
