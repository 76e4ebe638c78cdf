/**
 * Numbers and dates as the users read them: points with up to two decimals and the language's
 * decimal mark (73,16 / 73.16); times in WIB (Asia/Jakarta) with the zone written out.
 * Intl does both with no library: the IANA zone data ships in every browser and in Node.
 */
export const TIME_ZONE = 'Asia/Jakarta';

const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatPoints(n: number, lang: string): string {
  const key = lang;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: 2, useGrouping: false });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

/** "Selasa, 15 Des 2026 14.00 WIB" / "Tuesday, 15 Dec 2026 14:00 WIB" */
export function formatDateTime(ms: number, lang: string, withWeekday = true): string {
  const f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: TIME_ZONE,
    weekday: withWeekday ? 'long' : undefined,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return `${f.format(ms)} WIB`;
}

export function formatBytes(n: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: i ? 1 : 0 }).format(v)} ${units[i]}`;
}

export function formatPercent(ratio: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}
