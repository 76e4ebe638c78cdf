/**
 * i18next (well kept, pluralisation and interpolation built in) with both dictionaries bundled:
 * nothing is fetched at run time. Indonesian is the default; the choice is kept in localStorage.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en';
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
  void i18n.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export function initI18n(lang: Lang = storedLang()) {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { id: { translation: id }, en: { translation: en } },
      lng: lang,
      fallbackLng: 'id',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return i18n;
}

export default i18n;
