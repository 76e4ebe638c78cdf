import { getDb } from '../../db/client';
import { workspaceForHub } from '../../db/hubJoin';
import { hubClient } from '../../shared/hubClient';
import { syncNow } from '../../shared/hubRunner';
import { rememberReviewer, storedReviewer } from '../../shared/reviewer';
import { href, navigate } from '../../shared/route';
import { useBuiltinRules } from '../../shared/rules';
import { useFmt } from '../../shared/useFmt';
import { useHubForm } from '../../shared/useHubForm';
import { useOnHub } from '../../shared/useOnHub';

/**
 * Opened from a city hub: join with the invitation code and nothing else. An agency gets its
 * copy (its questions only), an evaluator a review copy (it reads everything and sends notes),
 * the officer on a new laptop the city's workspace; the first sync round fills it. A province
 * code leads to Tampilan provinsi.
 */
export function JoinHubCard() {
  const { t } = useFmt();
  const builtin = useBuiltinRules();
  const onHub = useOnHub();
  const { f, field, submit, busy, errorLine } = useHubForm({ code: '', username: '', displayName: '', password: '' }, ['displayName']);
  if (!onHub) return null;

  const join = async () => {
    if (!builtin.data) return;
    const api = hubClient();
    await api.join(f.code, f.username, f.displayName || f.username, f.password);
    const me = await api.me();
    if (me.user.role === 'province') return navigate('#/provinsi');
    const assignments = me.user.role === 'agency' ? await api.getAssignments() : [];
    const ws = await workspaceForHub(getDb(), { ...me, assignments }, builtin.data.rules, builtin.data.text);
    // the evaluator's name on its notes: the hub account's, until it types another
    if (me.user.role === 'evaluator' && !storedReviewer()) rememberReviewer(me.user.displayName);
    navigate(href(ws, me.user.role === 'agency' ? 'instrumen' : me.user.role === 'evaluator' ? 'tinjauan' : 'home'));
    void syncNow();
  };
  return (
    <section className="card" data-testid="join-hub">
      <h2>{t('hub.joinTitle')}</h2>
      <p className="muted">{t('hub.joinIntro')}</p>
      <form className="form-grid" onSubmit={submit(join)}>
        {field('code', t('hub.inviteCode'))}
        {field('username', t('hub.usernameNew'), 'text', 'username')}
        {field('displayName', t('hub.displayName'))}
        {field('password', t('hub.password'), 'password', 'new-password')}
        <button type="submit" disabled={busy || !builtin.data}>
          {t('hub.join')}
        </button>
        {errorLine}
      </form>
    </section>
  );
}
