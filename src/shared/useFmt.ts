import { useMemo, useSyncExternalStore } from 'react';
import i18n from '../i18n';
import { formatBytes, formatDateTime, formatDay, formatPercent, formatPoints } from './format';
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
      day: (isoDay: string) => formatDay(isoDay, lang),
      bytes: (n: number) => formatBytes(n, lang),
      pct: (r: number) => formatPercent(r, lang),
      /** A question's points beside its maximum ("3 / 12", "– / 12" before grading); a question worth 0 says so ("tanpa poin"), not "– / 0". */
      outOf: (points: number | null | undefined, max: number) => (max === 0 ? i18n.getFixedT(lang)('instrument.noPoints') : `${points == null ? '–' : formatPoints(points, lang)} / ${formatPoints(max, lang)}`),
      lt: (text: LocalText) => text[lang],
    }),
    [lang],
  );
}
