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

function dateFormat(lang: string, withWeekday: boolean): Intl.DateTimeFormat {
  const k = `d|${lang}|${withWeekday}`;
  let f = cache.get(k) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: TIME_ZONE,
      weekday: withWeekday ? 'long' : undefined,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    cache.set(k, f);
  }
  return f;
}

export function formatPoints(n: number, lang: string): string {
  return numberFormat(lang, 'pts', { maximumFractionDigits: 2, useGrouping: false }).format(n);
}

/** "Selasa, 15 Des 2026, 14.00 WIB" / "Tuesday, 15 Dec 2026, 14:00 WIB" */
export function formatDateTime(ms: number, lang: string, withWeekday = true): string {
  return `${dateFormat(lang, withWeekday).format(ms)} WIB`;
}

export function formatBytes(n: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
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

/** A file made now, named by what it is, whose, which year and when in WIB: "jawaban-kla-kota-serang-2024-20261202-073612-wib.csv". */
export function exportFileName(what: string, city: string, year: number, ext: string, at = Date.now()): string {
  return `${what}-${citySlug(city)}-${year}-${wibStamp(at)}-wib.${ext}`;
}
