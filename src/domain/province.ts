/**
 * The province view (issue 12): every city's provisional score, predicate, group bars and missing
 * evidence side by side. Built from what a city hub holds or from a folder of `.kla` files (the
 * `kla province` command), with the same scoring as the app.
 */
import { pointsOf, type VerifiedExchange } from './exchange';
import type { Rules } from './rules/load';
import { scoreAnswers, type GroupScore } from './scoring';

export interface CityInput {
  city: string;
  /** Points per question code. */
  points: ReadonlyMap<string, number>;
  /** Question codes with at least one linked document. */
  withEvidence: ReadonlySet<string>;
  /** When the data was last changed (ms), if known. */
  updatedAt?: number;
}

export interface CityRow {
  city: string;
  total: number;
  max: number;
  band: { id: string; label: string };
  nextBand: { label: string; pointsNeeded: number } | null;
  groups: GroupScore[];
  /** Questions with no document linked, and how many points they carry. */
  missingEvidence: { questions: number; points: number };
  updatedAt?: number;
}

/** What the hub's GET /api/province answers. */
export interface ProvinceView {
  province: string;
  generatedAt: string;
  cities: CityRow[];
}

export function cityRow(rules: Rules, c: CityInput): CityRow {
  const s = scoreAnswers(rules, c.points);
  const missing = [...rules.questionByCode.values()].filter((q) => !c.withEvidence.has(q.code));
  return {
    city: c.city,
    total: s.total,
    max: s.max,
    band: { id: s.band.id, label: s.band.label.id },
    nextBand: s.nextBand && { label: s.nextBand.label.id, pointsNeeded: s.nextBand.pointsNeeded },
    groups: s.groups,
    missingEvidence: { questions: missing.length, points: missing.reduce((n, q) => n + q.maxPoints, 0) },
    updatedAt: c.updatedAt,
  };
}

/** Highest score first; equal scores by city name. */
export function provinceTable(rules: Rules, cities: CityInput[]): CityRow[] {
  return cities.map((c) => cityRow(rules, c)).sort(byScore);
}

/** Why a verified `.kla` file is not one city's whole workspace (an evaluator's file, a pack...). */
export type NotACity = { notCity: 'evaluator' | 'agency-pack' | 'agency-response' };

/** One city's row input from a verified `.kla` file, or why the file is not a city's. */
export function cityFromExchange(ex: VerifiedExchange): { city: CityInput; rules: Rules | null } | NotACity {
  // what the file is (a pack is made by the city too, so the maker's role does not say)
  const kind = ex.data.kind;
  if (kind !== 'city') return { notCity: kind };
  const s = ex.snapshot();
  const points = new Map(Object.entries(pointsOf(s, 'city')));
  const city = `${s.workspace.city} ${s.workspace.year}`.trim();
  return { city: { city, points, withEvidence: new Set(s.links.map((l) => l.code)), updatedAt: s.workspace.updatedAt }, rules: ex.rules };
}

/** Rows of cities that may carry different rules (instrument years): each scored with its own. */
export function provinceTableByRules(groups: Iterable<{ rules: Rules; cities: CityInput[] }>): CityRow[] {
  const rows = [...groups].flatMap((g) => g.cities.map((c) => cityRow(g.rules, c)));
  return rows.sort(byScore);
}

/** The table's group columns: every group any city has, in order of appearance, so cities on
 *  different instrument years side by side each fill the columns they have. */
export const groupColumns = (rows: Pick<CityRow, 'groups'>[]): string[] => [...new Set(rows.flatMap((r) => r.groups.map((g) => g.id)))];

const byScore = (a: CityRow, b: CityRow) => b.total - a.total || a.city.localeCompare(b.city, 'id');
