/**
 * The app's words in Bahasa Indonesia (the default: the shell's and Beranda's in the start-up
 * bundle, id.ts; the other screens' in a chunk that loads with the first of them, idScreens.ts)
 * and English (a lazy chunk of the same build). Every chunk is precached, so all of this works
 * offline. The choice is kept in localStorage.
 *
 * What the app needs of an i18n library is small: nested keys, `{{name}}` placeholders, a
 * `defaultValue`, Indonesian as the fallback and an event when the language changes (the
 * dictionaries have no plural or context forms, but for English's singulars beside them; test/unit/i18n.test.ts keeps it so). i18next did
 * this until 4 Dec 2026, at 15 KB gzip of the start-up budget of 150 KB (issue 2), more than the
 * budget's overrun; `translate` below does what the app used of it, with i18next's behaviour for
 * a missing key (the key) and a missing value (the placeholder stays; undefined or null: nothing).
 */
import id from './id';

export type Lang = 'id' | 'en';
export const LANGS: Lang[] = ['id', 'en'];
const KEY = 'siap-kla.lang';

type Dict = { [key: string]: string | Dict };
export type TOptions = { defaultValue?: string } & Record<string, unknown>;
export type TFunction = (key: string, options?: TOptions) => string;

const dictionaries: Partial<Record<Lang, Dict>> = { id };
let language: Lang = 'id';
const listeners = new Set<(lang: Lang) => void>();

/** `b`'s branches and texts laid over a copy of `a`'s. */
export function mergeWords(a: Dict, b: Dict): Dict {
  const out: Dict = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const here = out[k];
    out[k] = typeof v === 'string' || typeof here !== 'object' ? v : mergeWords(here, v);
  }
  return out;
}

let screenWords: Promise<void> | null = null;
let screenWordsLoaded = false;
/** Grows each time words arrive (a screen's, English): what a component shows must be drawn again. */
let wordsVersion = 0;
export const getWordsVersion = () => wordsVersion;

/**
 * The screens' Indonesian words: App.tsx loads them beside each lazily loaded screen (but
 * Beranda), so the screen never draws before them. A failed load (a chunk missing after an
 * update) is tried again on the next call.
 */
export function loadScreenWords(): Promise<void> {
  screenWords ??= import('./idScreens').then(
    (m) => {
      dictionaries.id = mergeWords(dictionaries.id!, m.default as Dict);
      screenWordsLoaded = true;
      // only what drew a key must draw again (every component using words would, each time)
      if (missed) {
        wordsVersion++;
        for (const cb of [...listeners]) cb(language);
      }
    },
    (e) => {
      screenWords = null;
      throw e;
    },
  );
  return screenWords;
}

/**
 * A key the start-up words lack, asked for before the screens' words came: a shell file uses a
 * screen's word (test/unit/i18n-split.test.ts should have caught it). Said on the console (the
 * browser tests fail on it, test/e2e/fixtures.ts) and mended: the words load and every
 * component using them is drawn again.
 */
let missed = false;
function missedEarly(key: string): void {
  missed = true;
  console.error(`i18n: "${key}" asked for before the screens' words were loaded (move it to src/i18n/id.ts)`);
  void loadScreenWords().catch(() => undefined);
}

function lookup(dict: Dict | undefined, key: string): string | undefined {
  let node: string | Dict | undefined = dict;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A value not given keeps its placeholder; one given as undefined or null prints nothing (both as i18next). */
const grouping: Partial<Record<Lang, Intl.NumberFormat>> = {};
/** Numbers that are not counts: a year, and page numbers, written as citations write them ("hlm. 1200-1205"). */
const NOT_COUNTS = new Set(['year', 'page', 'pages', 'from', 'to']);

/**
 * A count of a thousand or more with its thousands marked as the language writes them ("4.455
 * dokumen", "4,455 documents": the ninth walk read "4455" at 5,000 documents). A year or a page
 * number is not a count, and stays "2024", "1200". Points are formatted by their callers.
 */
function shown(name: string, value: unknown, lang: Lang): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) < 1000 || NOT_COUNTS.has(name)) return String(value ?? '');
  return (grouping[lang] ??= new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 })).format(value);
}

const interpolate = (text: string, values: TOptions, lang: Lang) =>
  text.replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) => (!(name in values) ? whole : shown(name, values[name], lang)));

/** Singular texts by key (en.ts `singulars`), for a language whose nouns change with the number. */
const singulars: Partial<Record<Lang, Record<string, string>>> = {};
const plurals: Partial<Record<Lang, Intl.PluralRules>> = {};

/** English's singular: with a `count` of one, its own text when it has one ("1 document", not "1 documents"). */
function singular(lang: Lang, key: string, options: TOptions): string | undefined {
  const texts = singulars[lang];
  if (!texts || typeof options.count !== 'number' || !(key in texts)) return undefined;
  return (plurals[lang] ??= new Intl.PluralRules(lang)).select(options.count) === 'one' ? texts[key] : undefined;
}

/** The text of `key` in `lang` (Indonesian when that language lacks it; else `defaultValue`; else the key). */
export function translate(lang: Lang, key: string, options: TOptions = {}): string {
  const found = singular(lang, key, options) ?? lookup(dictionaries[lang], key) ?? lookup(dictionaries.id, key);
  if (found === undefined && !screenWordsLoaded) missedEarly(key);
  const text = found ?? options.defaultValue;
  return text === undefined ? key : interpolate(text, options, lang);
}

const i18n = {
  get language(): Lang {
    return language;
  },
  t: ((key, options) => translate(language, key, options)) as TFunction,
  getFixedT: (lang: Lang): TFunction => (key, options) => translate(lang, key, options),
  on: (_event: 'languageChanged', cb: (lang: Lang) => void) => void listeners.add(cb),
  off: (_event: 'languageChanged', cb: (lang: Lang) => void) => void listeners.delete(cb),
};

export function storedLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/** The last language asked for: a switch back while English is still loading wins. */
let requested: Lang = 'id';

async function changeLanguage(lang: Lang): Promise<void> {
  requested = lang;
  if (lang === 'en' && !dictionaries.en) {
    const en = await import('./en');
    dictionaries.en = en.default as Dict;
    singulars.en = en.singulars;
    wordsVersion++;
  }
  if (lang !== requested || lang === language) return;
  language = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const cb of [...listeners]) cb(lang);
}

export function setLang(lang: Lang): Promise<void> {
  try {
    globalThis.localStorage?.setItem(KEY, lang);
  } catch {
    /* private mode: the choice just does not persist */
  }
  return changeLanguage(lang);
}

/** At start: the stored language (English loads its chunk first; Indonesian shows meanwhile). */
export function initI18n(lang: Lang = storedLang()): Promise<void> {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return changeLanguage(lang);
}

export default i18n;
