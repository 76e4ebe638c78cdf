import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatDateTime, formatPercent, formatPoints } from './format';
import type { LocalText } from '../domain/rules/schema';

/** Formatters bound to the current language; stable identities per language (safe in effect deps). */
export function useFmt() {
  const { t, i18n } = useTranslation();
  const lang: 'id' | 'en' = i18n.language === 'en' ? 'en' : 'id';
  return useMemo(
    () => ({
      t,
      lang,
      pts: (n: number) => formatPoints(n, lang),
      dt: (ms: number, weekday = true) => formatDateTime(ms, lang, weekday),
      bytes: (n: number) => formatBytes(n, lang),
      pct: (r: number) => formatPercent(r, lang),
      lt: (text: LocalText) => text[lang],
    }),
    [t, lang],
  );
}
