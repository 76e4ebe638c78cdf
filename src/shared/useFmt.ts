import { useMemo, useSyncExternalStore } from 'react';
import i18n, { getWordsVersion } from '../i18n';
import { formatBytes, formatCount, formatDateTime, formatDay, formatPercent, formatPoints } from './format';
import type { LocalText } from '../domain/rules/schema';

const subscribe = (cb: () => void) => {
  i18n.on('languageChanged', cb);
  return () => i18n.off('languageChanged', cb);
};
/** The language, and how many times words arrived (a screen's words drawn again once they come). */
const snapshot = () => `${i18n.language === 'en' ? 'en' : 'id'}|${getWordsVersion()}`;

/**
 * The translation function and formatters bound to the current language; stable identities per
 * language (safe in effect deps), re-rendered when the language changes (src/i18n).
 */
export function useFmt() {
  const current = useSyncExternalStore(subscribe, snapshot, snapshot);
  const lang: 'id' | 'en' = current.startsWith('en') ? 'en' : 'id';
  return useMemo(
    () => ({
      t: i18n.getFixedT(lang),
      lang,
      pts: (n: number) => formatPoints(n, lang),
      dt: (ms: number, weekday = true) => formatDateTime(ms, lang, weekday),
      day: (isoDay: string) => formatDay(isoDay, lang),
      bytes: (n: number) => formatBytes(n, lang),
      count: (n: number) => formatCount(n, lang),
      pct: (r: number) => formatPercent(r, lang),
      /** A question's points beside its maximum ("3 / 12", "– / 12" before grading); a question worth 0 says so ("tanpa poin"), not "– / 0". */
      outOf: (points: number | null | undefined, max: number) => (max === 0 ? i18n.getFixedT(lang)('instrument.noPoints') : `${points == null ? '–' : formatPoints(points, lang)} / ${formatPoints(max, lang)}`),
      lt: (text: LocalText) => text[lang],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- new words (the version) make new functions: their users draw again
    [current],
  );
}
