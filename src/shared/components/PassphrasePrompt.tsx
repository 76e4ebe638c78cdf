import { useState } from 'react';
import { useFmt } from '../useFmt';

/** Asks for the passphrase of a protected .kla file, then hands it over. */
export function PassphrasePrompt({ fileName, onSubmit }: { fileName: string; onSubmit: (passphrase: string) => void }) {
  const { t } = useFmt();
  const [pass, setPass] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(pass);
      }}
    >
      <label className="wrap-anywhere">
        {t('exchange.passphraseFor', { file: fileName })} <input type="password" value={pass} onChange={(e) => setPass(e.target.value)} autoFocus />
      </label>
      <button type="submit">{t('exchange.open')}</button>
    </form>
  );
}
