/**
 * i18next (well kept, pluralisation and interpolation built in). Indonesian, the default, is in
 * the start-up bundle; English is a lazy chunk of the same build (precached, so switching works
 * offline). The choice is kept in localStorage.
 */
import i18n from 'i18next';
import id from './id';

export type Lang = 'id' | 'en';
export const LANGS: Lang[] = ['id', 'en'];
const KEY = 'siap-kla.lang';

export function storedLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function setLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(KEY, lang);
  } catch {
    /* private mode: the choice just does not persist */
  }
  void loadLanguage(lang).then(() => i18n.changeLanguage(lang));
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

async function loadLanguage(lang: Lang): Promise<void> {
  if (lang === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    i18n.addResourceBundle('en', 'translation', (await import('./en')).default);
  }
}

export function initI18n(lang: Lang = storedLang()) {
  if (!i18n.isInitialized) {
    void i18n.init({
      resources: { id: { translation: id } },
      lng: 'id',
      fallbackLng: 'id',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  if (lang !== 'id') void loadLanguage(lang).then(() => i18n.changeLanguage(lang));
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return i18n;
}

export default i18n;
