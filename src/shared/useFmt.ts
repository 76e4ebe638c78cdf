import { useMemo, useSyncExternalStore } from 'react';
import i18n from '../i18n';
import { formatBytes, formatDateTime, formatPercent, formatPoints } from './format';
import type { LocalText } from '../domain/rules/schema';

const subscribe = (cb: () => void) => {
  i18n.on('languageChanged', cb);
  return () => i18n.off('languageChanged', cb);
};
const currentLang = () => (i18n.language === 'en' ? 'en' : 'id');

/**
 * The translation function and formatters bound to the current language; stable identities per
 * language (safe in effect deps), re-rendered when the language changes (src/i18n).
 */
export function useFmt() {
  const lang: 'id' | 'en' = useSyncExternalStore(subscribe, currentLang, currentLang);
  return useMemo(
    () => ({
      t: i18n.getFixedT(lang),
      lang,
      pts: (n: number) => formatPoints(n, lang),
      dt: (ms: number, weekday = true) => formatDateTime(ms, lang, weekday),
      bytes: (n: number) => formatBytes(n, lang),
      pct: (r: number) => formatPercent(r, lang),
      lt: (text: LocalText) => text[lang],
    }),
    [lang],
  );
}
