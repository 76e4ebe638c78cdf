/**
 * The province view from a folder of city files (.kla), offline: each file's manifest, workspace
 * data and rules verified as an import would verify them (so a damaged or altered workspace is
 * refused, named, with the reason; the evidence and texts, which do not change a score, are not
 * read), its points and links read (nothing is stored), and scored with the rules it carries.
 */
import type { Problem } from '../../domain/exchange';
import { cityFromExchange, provinceTableByRules, type CityInput, type CityRow } from '../../domain/province';
import type { Rules } from '../../domain/rules/load';
import { verifyFile } from '../../shared/exchangeIo';

export type FileOutcome =
  /** `otherRules`: scored with rules the file carries that are not this app's (a city could alter them). */
  | { name: string; status: 'ok'; city: string; otherRules?: boolean }
  | { name: string; status: 'refused'; problems: Problem[] }
  | { name: string; status: 'needs-passphrase' }
  | { name: string; status: 'not-city'; kind: string }
  | { name: string; status: 'older'; city: string };

export interface CityFiles {
  rows: CityRow[];
  outcomes: FileOutcome[];
}

interface Found {
  name: string;
  city: CityInput;
  rules: Rules;
}

async function readOne(file: File, passphrase: string, fallback: Rules): Promise<Found | FileOutcome> {
  // the manifest, the workspace data and the rules, checked whole; the evidence bytes and texts
  // do not change a score and are not read (a gigabyte file in a moment, not in seconds)
  const report = await verifyFile(file, passphrase, 'scores');
  if (!report.ok || !report.exchange) {
    if (report.problems.some((p) => p.code === 'passphrase-required')) return { name: file.name, status: 'needs-passphrase' };
    return { name: file.name, status: 'refused', problems: report.problems };
  }
  const r = cityFromExchange(report.exchange);
  if ('notCity' in r) return { name: file.name, status: 'not-city', kind: r.notCity };
  return { name: file.name, city: r.city, rules: r.rules ?? fallback };
}

/** Only `.kla` files count; a folder's other files are skipped without a word. */
export const isCityFile = (f: File) => f.name.toLowerCase().endsWith('.kla');

/**
 * Reads the files one at a time (a city file can be a gigabyte: one verification at a time keeps
 * memory flat). Two files of one city and year: the newer is shown, the older named as such.
 */
export async function readCityFiles(files: File[], o: { passphrase: string; fallback: Rules; onProgress?: (done: number, total: number, name: string) => void }): Promise<CityFiles> {
  const outcomes: FileOutcome[] = [];
  const newest = new Map<string, Found>();
  const list = files.filter(isCityFile);
  for (const [i, file] of list.entries()) {
    o.onProgress?.(i, list.length, file.name);
    let got: Found | FileOutcome;
    try {
      got = await readOne(file, o.passphrase, o.fallback);
    } catch (e) {
      got = { name: file.name, status: 'refused', problems: [{ code: 'corrupt-zip', message: (e as Error).message }] as Problem[] };
    }
    if ('status' in got) {
      outcomes.push(got);
      continue;
    }
    const key = got.city.city.toLocaleLowerCase('id');
    const before = newest.get(key);
    const [keep, drop] = !before || (got.city.updatedAt ?? 0) > (before.city.updatedAt ?? 0) ? [got, before] : [before, got];
    newest.set(key, keep);
    if (drop) outcomes.push({ name: drop.name, status: 'older', city: drop.city.city });
  }
  o.onProgress?.(list.length, list.length, '');
  for (const f of newest.values()) outcomes.push({ name: f.name, status: 'ok', city: f.city.city, ...(f.rules.hash !== o.fallback.hash ? { otherRules: true } : {}) });
  const byRules = new Map<string, { rules: Rules; cities: CityInput[] }>();
  for (const f of newest.values()) {
    const g = byRules.get(f.rules.hash) ?? { rules: f.rules, cities: [] };
    g.cities.push(f.city);
    byRules.set(f.rules.hash, g);
  }
  outcomes.sort((a, b) => a.name.localeCompare(b.name, 'id'));
  return { rows: provinceTableByRules(byRules.values()), outcomes };
}
