/**
 * Numbers and dates as the users read them: points with up to two decimals and the language's
 * decimal mark (73,16 / 73.16); times in WIB (Asia/Jakarta) with the zone written out.
 * Intl does both with no library: the IANA zone data ships in every browser and in Node.
 * Formatter objects are costly to create (tens of microseconds): they are made once per
 * language and option set and reused (a list of 200 files re-rendering used to spend seconds here).
 */
import { citySlug, wibStamp } from '../domain/backup';

export const TIME_ZONE = 'Asia/Jakarta';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const locale = (lang: string) => (lang === 'en' ? 'en-US' : 'id-ID');

function numberFormat(lang: string, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `n|${lang}|${key}`;
  let f = cache.get(k) as Intl.NumberFormat | undefined;
  if (!f) cache.set(k, (f = new Intl.NumberFormat(locale(lang), opts)));
  return f;
}

function dateFormat(lang: string, withWeekday: boolean, withTime = true): Intl.DateTimeFormat {
  const k = `d|${lang}|${withWeekday}|${withTime}`;
  let f = cache.get(k) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: TIME_ZONE,
      weekday: withWeekday ? 'long' : undefined,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    });
    cache.set(k, f);
  }
  return f;
}

/**
 * Points as stored, never rounded: a quarter of 4.5 is 1.125 and of 1.25 is 0.3125 (the quick
 * buttons), and a button that said 1,13 stored 1,125 (the officer's walk, 6 Dec 2026).
 */
export function formatPoints(n: number, lang: string): string {
  return numberFormat(lang, 'pts', { maximumFractionDigits: 4, useGrouping: false }).format(n);
}

/** "Selasa, 15 Des 2026, 14.00 WIB" / "Tuesday, 15 Dec 2026, 14:00 WIB" */
/** A count as the language writes it: "4.455" in Indonesian, "4,455" in English (src/i18n does the same for counts in words). */
export function formatCount(n: number, lang: string): string {
  return n.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 0 });
}

export function formatDateTime(ms: number, lang: string, withWeekday = true): string {
  return `${dateFormat(lang, withWeekday).format(ms)} WIB`;
}

/**
 * A calendar day as documents state it (ISO "2026-11-03", as `findDocumentDate` stores it) in the
 * same words as every other date: "3 Nov 2026". A day has no time, so no time and no zone are
 * written; it is read as that day in WIB. Anything that is not such a day is shown as it is.
 */
export function formatDay(isoDay: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return isoDay;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  // noon in WIB (05:00 UTC) of that day: the same day in Asia/Jakarta
  const at = new Date(Date.UTC(y, mo, d, 5));
  // a day that does not exist (2026-02-31) is shown as written, never rolled into the next month
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo || at.getUTCDate() !== d) return isoDay;
  return dateFormat(lang, false, false).format(at);
}

export function formatBytes(n: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  // the next unit from 1000 on: "1.003,8 MB" (a export's progress, the eleventh walk) reads as "1 GB"
  while (v >= 1000 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${numberFormat(lang, i ? 'bytes1' : 'bytes0', { maximumFractionDigits: i ? 1 : 0 }).format(v)} ${units[i]}`;
}

export function formatPercent(ratio: number, lang: string): string {
  return numberFormat(lang, 'pct', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** Points typed by a person: "0,75" or "0.75"; null when it is not a plain non-negative number. */
export function parsePointsInput(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** A city's name that says what kind of place it is ("Kota Serang", "Kabupaten Serang", "Kab. Lebak"). */
const PLACE = /^(kota|kabupaten|kab)-/;

/**
 * A file made now, named by what it is, whose, which year and when in WIB:
 * "jawaban-kla-kota-serang-2024-20261202-073612-wib.csv". The word `kota` in `what` names the
 * city's own file; when the city's name already says Kota or Kabupaten, the name takes its place,
 * so the word is never doubled ("kota-kota-serang") nor wrong ("kota-kabupaten-serang"):
 * "kota-terlindungi" for Kota Serang gives "kota-serang-terlindungi-2024-...".
 */
export function exportFileName(what: string, city: string, year: number, ext: string, at = Date.now()): string {
  const slug = citySlug(city);
  const words = what.split('-');
  // only a leading "kota" names the city's own file; a later one (an agency's id) is a word like any other
  const i = PLACE.test(slug) && words[0] === 'kota' ? 0 : -1;
  const head = i < 0 ? [...words, slug] : [...words.slice(0, i), slug, ...words.slice(i + 1)];
  return `${head.join('-')}-${year}-${wibStamp(at)}-wib.${ext}`;
}

/** `text` cut to at most `max` characters at a word's end, with "…" when cut (a question's words in a short line). */
export function clipWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.(–-]+$/, '')}…`;
}

/**
 * A long file name cut in its middle, keeping its end: names of one batch often share a long
 * beginning and differ at the end ("SK Bupati tentang Pembentukan Gugus Tugas … revisi ke-10.pdf";
 * the eleventh walk saw four rows read alike when cut at the end).
 */
export function clipMiddle(name: string, max: number): string {
  if (name.length <= max) return name;
  const tail = Math.floor((max - 1) * 0.4);
  return `${name.slice(0, max - 1 - tail).trimEnd()}…${name.slice(name.length - tail).trimStart()}`;
}
