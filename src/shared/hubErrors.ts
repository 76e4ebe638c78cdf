import { useCallback } from 'react';
import { HubHttpError } from './hubClient';
import { useFmt } from './useFmt';

/** A hub refusal in the user's words (Hub kota, Tampilan provinsi). */
export function useHubError() {
  const { t } = useFmt();
  return useCallback(
    (e: unknown) => {
    if (!(e instanceof HubHttpError)) return t('hub.errors.network');
    const known = ['bad-login', 'too-many-requests', 'bad-invite-code', 'bad-setup-code', 'username-taken', 'password-too-short:10'];
    if (known.includes(e.code)) return t(`hub.errors.${e.code}`);
    if (e.code === 'bad-request' && e.detail.startsWith('username')) return t('hub.errors.bad-username');
    return t('hub.errors.other', { code: e.detail || e.code });
    },
    [t],
  );
}
