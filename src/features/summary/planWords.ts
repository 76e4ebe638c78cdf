/**
 * The sentence over the plan to the next predicate, on the sheet, its annex and the PDF: one place,
 * so the three never say different things, and true in every case.
 * - The whole plan closes the gap: "N questions are enough to close it".
 * - A group's or an agency's summary lists only its part of that plan, and says so: "N questions
 *   are enough, M of them in this scope" (its M alone do not close the gap).
 * - When even every open question at full points cannot reach the band, it says the band is out
 *   of reach and names the best score (and predicate) still possible; never "enough to close it".
 *   With a valid rules file the whole instrument can always reach the next band (the loader
 *   refuses bands above the maximum and indicators their questions cannot fill), so this is the
 *   guard for a plan computed on anything else.
 */
import { dec, toNumber } from '../../domain/decimal';
import { CITY_OFFICE, cityAgencies } from '../../domain/progress';
import type { Rules } from '../../domain/rules/load';
import { bandFor } from '../../domain/scoring';
import type { Summary } from '../../domain/summary';
import type { useFmt } from '../../shared/useFmt';

export type PlanWords = Pick<ReturnType<typeof useFmt>, 't' | 'pts' | 'lt'>;

/**
 * The intro over the plan table: `brief` on page 1 (leads into the week's five), `annex` over the
 * whole plan (with the threshold and the order of the list). Null when there is no next band.
 */
export function planIntro(s: Summary, rules: Rules, w: PlanWords, part: 'brief' | 'annex'): string | null {
  const target = s.plan.target;
  if (!target) return null;
  const band = w.lt(rules.bands.items.find((b) => b.id === target.id)!.label);
  const points = w.pts(s.plan.pointsNeeded);
  const lead = part === 'brief' && s.plan.items.length > 0 ? ` ${w.t(s.scope.kind === 'agency' ? 'summary.brief.leadAgency' : 'summary.brief.lead')}` : '';
  if (!s.plan.reachable) {
    const best = toNumber(dec(s.total).plus(s.plan.totalGain));
    return w.t('summary.plan.outOfReach', { band, points, gain: w.pts(s.plan.totalGain), best: w.pts(best), bestBand: w.lt(bandFor(rules.bands, best).label) }) + lead;
  }
  const scoped = s.scope.kind !== 'all';
  const key = !scoped ? 'intro' : !s.plan.items.length ? 'noneInScope' : part === 'annex' && s.scope.kind === 'agency' ? 'introAgency' : 'introScoped';
  const params = { band, points, count: s.plan.items.length, all: s.planSize, threshold: w.pts(target.threshold) };
  return w.t(`summary.${part === 'brief' ? 'brief' : 'plan'}.${key}`, params) + lead;
}

type PlanItem = Summary['plan']['items'][number];

/** Agencies a page-1 row names before "+N lainnya" (a list one longer is named whole). */
const NAMED = 2;

/** An agency's name on the sheet; the city's own office by the name the city gave it (Pengaturan), when it did. */
export const agencyName = (rules: Rules, id: string, office?: string): string => cityAgencies(rules.agencies, office).find((a) => a.id === id)?.name || id;

/** "Petugas DP3A": the officer, by the city's own name for its office (Pengaturan), else the name the rules give it (the agency tables' name). */
export function officer(rules: Rules, t: PlanWords['t'], office?: string): string {
  return t('summary.officer', { office: office || (rules.agencies.some((a) => a.id === CITY_OFFICE) ? agencyName(rules, CITY_OFFICE) : t('summary.office')) });
}

/**
 * Who acts on a plan item (`PlanItem.step`): the officer where only the answer and its points are
 * left (or a suggested link to check first), the agencies where documents are owed. `short` (page 1) names the first two and counts
 * the rest ("UPTD PPA, Dinsos +8 lainnya"); the annex names every one.
 */
export function whoActs(i: PlanItem, rules: Rules, t: PlanWords['t'], short: boolean, office?: string): string {
  if (i.step !== 'evidence') return officer(rules, t, office);
  const names = i.agencies.map((id) => agencyName(rules, id, office));
  if (!names.length) {
    // questions the kecamatan or village answer have no agency in the rules; any other one is simply not assigned yet
    const q = rules.questionByCode.get(i.code);
    return t(q?.forDesa || q?.forKecamatan ? 'summary.kecDesa' : 'summary.unassigned');
  }
  if (!short || names.length <= NAMED + 1) return names.join(', ');
  return `${names.slice(0, NAMED).join(', ')} ${t('summary.plan.others', { count: names.length - NAMED })}`;
}

/** An agency's summary when it holds no question (the fifth walk: an empty table under its headings). */
export function noQuestions(s: Summary, rules: Rules, t: PlanWords['t']): string {
  return s.scope.kind === 'agency' ? t('summary.noQuestions', { name: agencyName(rules, s.scope.id, s.office) }) : t('summary.noAgencies');
}

/** The plan's last column: what the question's evidence stands at. */
export function stepWords(i: PlanItem, t: PlanWords['t']): string {
  return t(i.step === 'evidence' ? 'summary.plan.needsDoc' : i.step === 'check' ? 'summary.plan.checkDoc' : 'summary.plan.hasDoc');
}
