/** The document's own date, when its text states one ("Ditetapkan di ... pada tanggal 12 Januari 2024"). */
const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, pebruari: 2, feb: 2, maret: 3, mar: 3, april: 4, apr: 4, mei: 5,
  juni: 6, jun: 6, juli: 7, jul: 7, agustus: 8, agu: 8, agt: 8, ags: 8, september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, november: 11, nov: 11, nopember: 11, desember: 12, des: 12,
};

const iso = (y: number, m: number, d: number) => (y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : null);

/** Prefers a date after "tanggal"/"ditetapkan"; else the first date in the text. */
export function findDocumentDate(text: string): string | undefined {
  const head = text.slice(0, 20000);
  const named = /\b(\d{1,2})\s+(januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|nov|des)\.?\s+((?:19|20)\d{2})\b/gi;
  const numeric = /\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})\b/g;
  const found: { at: number; date: string; preferred: boolean }[] = [];
  for (const m of head.matchAll(named)) {
    const d = iso(+m[3], MONTHS[m[2].toLowerCase()], +m[1]);
    if (d) found.push({ at: m.index!, date: d, preferred: /(tanggal|tgl\.?|ditetapkan|pada)\s*:?\s*$/i.test(head.slice(Math.max(0, m.index! - 25), m.index)) });
  }
  for (const m of head.matchAll(numeric)) {
    const d = iso(+m[3], +m[2], +m[1]);
    if (d) found.push({ at: m.index!, date: d, preferred: /(tanggal|tgl\.?)\s*:?\s*$/i.test(head.slice(Math.max(0, m.index! - 15), m.index)) });
  }
  if (!found.length) return undefined;
  found.sort((a, b) => Number(b.preferred) - Number(a.preferred) || a.at - b.at);
  return found[0].date;
}
