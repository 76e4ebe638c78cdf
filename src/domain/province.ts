/**
 * The province view (issue 12): every city's provisional score, predicate, group bars and missing
 * evidence side by side. Built from what a city hub holds or from a folder of `.kla` files (the
 * `kla province` command), with the same scoring as the app.
 */
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
  return cities.map((c) => cityRow(rules, c)).sort((a, b) => b.total - a.total || a.city.localeCompare(b.city, 'id'));
}
