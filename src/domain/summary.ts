/**
 * The readiness summary as data: everything the printed page, the PDF, the spreadsheet export and
 * the public (PPID) page show, computed once from the workspace. Scope: the whole instrument, one
 * group, or one agency (for the meeting where that agency is asked to deliver).
 */
import { dec, sum, toNumber } from './decimal';
import type { Answer, RevisionItem, Stage } from './model';
import { planToNextBand, type Plan } from './plan';
import { agencyOf, agencyProgress, awaitsPoints, rankByWorkOwed, type AgencyProgress } from './progress';
import type { Rules } from './rules/load';
import { scoreAnswers, type BandRef, type NextBand, type ScoreResult } from './scoring';

export type SummaryScope = { kind: 'all' } | { kind: 'group'; id: string } | { kind: 'agency'; id: string };

export interface SummaryInput {
  rules: Rules;
  city: string;
  /** The city's own name for its KLA office, if set (Workspace.office). */
  office?: string;
  province: string;
  year: number;
  stage: Stage;
  score: ScoreResult;
  answers: ReadonlyMap<string, Answer>;
  assignments: ReadonlyMap<string, string[]>;
  evidenceCount: ReadonlyMap<string, number>;
  /** Open misfile flags per question code (not dismissed). */
  misfiled: ReadonlyMap<string, number>;
  revisionItems: RevisionItem[];
  /** Revision deadline (ms) when a revision window runs. */
  deadline?: number | null;
  /** Documents in Bukti linked to no question (they may answer one not graded yet). */
  unlinkedDocuments?: number;
  /** Questions whose every link came from the app's suggestions, not checked since. */
  unchecked?: ReadonlySet<string>;
}

export interface IndicatorRow {
  code: string;
  group: string;
  title: Rules['indicators'][number]['title'];
  score: number;
  max: number;
  questions: number;
  ready: number;
  evidence: number;
  flags: number;
  openNotes: number;
  notes: number;
}

export interface GapItem {
  code: string;
  indicator: string;
  group: string;
}

export interface Summary {
  scope: SummaryScope;
  city: string;
  /** The city's own name for its KLA office (the officer signs as it); the rules' name when unset. */
  office?: string;
  province: string;
  year: number;
  stage: Stage;
  deadline: number | null;
  total: number;
  max: number;
  band: BandRef;
  nextBand: NextBand | null;
  /** Score and max of the scope (equal to total/max for the whole instrument). */
  scopeScore: number;
  scopeMax: number;
  groups: { id: string; score: number; max: number }[];
  indicators: IndicatorRow[];
  /** In the order of `rankByWorkOwed` (the agency furthest behind first). */
  agencies: AgencyProgress[];
  /** The plan to the next band; for a group or an agency, only its items in that scope. */
  plan: Plan;
  /** How many questions the whole plan takes (its items in every scope). */
  planSize: number;
  gaps: { unanswered: GapItem[]; noEvidence: GapItem[]; misfiled: GapItem[]; openNotes: GapItem[] };
  /**
   * How far the total may fall when an evaluator does not accept the answers (in scope) graded
   * without evidence or whose evidence looks misfiled: the total less the total without them,
   * under the indicators' caps (page 1).
   */
  pointsAtRisk: number;
  /** Documents linked to no question (the whole instrument's summary only; 0 for a scope). */
  unlinkedDocuments: number;
  /** Questions in scope whose only evidence was linked from suggestions and not checked. */
  uncheckedQuestions: number;
}

export function buildSummary(input: SummaryInput, scope: SummaryScope = { kind: 'all' }): Summary {
  const { rules, score, answers, assignments, evidenceCount, misfiled } = input;
  const inScope = (code: string): boolean => {
    const q = rules.questionByCode.get(code)!;
    if (scope.kind === 'group') return q.group === scope.id;
    if (scope.kind === 'agency') return agencyOf(rules, assignments, code).includes(scope.id);
    return true;
  };
  const openNotes = new Map<string, number>();
  const allNotes = new Map<string, number>();
  for (const n of input.revisionItems) {
    allNotes.set(n.code, (allNotes.get(n.code) ?? 0) + 1);
    if (!n.done && n.verdict !== 'sesuai') openNotes.set(n.code, (openNotes.get(n.code) ?? 0) + 1);
  }
  const indicators: IndicatorRow[] = rules.indicators
    .filter((ind) => ind.questions.some((q) => inScope(q.code)))
    .map((ind) => {
      const s = score.indicators.find((x) => x.code === ind.code)!;
      const codes = ind.questions.map((q) => q.code).filter(inScope);
      const count = (m: ReadonlyMap<string, number>) => codes.reduce((a, c) => a + (m.get(c) ?? 0), 0);
      return {
        code: ind.code,
        group: ind.group,
        title: ind.title,
        score: s.score,
        max: ind.maxPoints,
        questions: codes.length,
        ready: codes.filter((c) => answers.get(c)?.status === 'ready').length,
        evidence: count(evidenceCount),
        flags: count(misfiled),
        openNotes: count(openNotes),
        notes: count(allNotes),
      };
    });

  const gapOf = (code: string): GapItem => {
    const q = rules.questionByCode.get(code)!;
    return { code, indicator: q.indicator, group: q.group };
  };
  const codes = [...rules.questionByCode.keys()].filter(inScope);
  const gaps = {
    unanswered: codes.filter((c) => awaitsPoints(rules, answers, c)).map(gapOf),
    noEvidence: codes.filter((c) => !evidenceCount.get(c) && ((answers.get(c)?.points ?? 0) > 0 || answers.get(c)?.status === 'ready')).map(gapOf),
    misfiled: codes.filter((c) => (misfiled.get(c) ?? 0) > 0).map(gapOf),
    openNotes: codes.filter((c) => (openNotes.get(c) ?? 0) > 0).map(gapOf),
  };

  const doubtful = new Set([...gaps.noEvidence, ...gaps.misfiled].map((g) => g.code));
  // what the total would be without them, under the indicators' caps (6 doubtful points beside 8
  // sound ones in an indicator capped at 10 cost 2, not 6: the session's review)
  const points = new Map<string, number>();
  for (const [c, a] of answers) if (a.points != null && !doubtful.has(c)) points.set(c, a.points);
  const pointsAtRisk = toNumber(dec(score.total).minus(scoreAnswers(rules, points).total));

  const fullPlan = planToNextBand(rules, score, answers, evidenceCount, (c) => agencyOf(rules, assignments, c), input.unchecked);
  const scoped = scope.kind === 'all' ? fullPlan.items : fullPlan.items.filter((i) => inScope(i.code));
  // for one agency, what it can do first: the documents it owes (grading is the officer's); the fifth
  // walk's Kominfo summary opened on two grading rows for the officer
  const plan: Plan = { ...fullPlan, items: scope.kind === 'agency' ? agencyFirst(scoped, scope.id) : scoped };

  const groups = score.groups.filter((g) => scope.kind !== 'group' || g.id === scope.id);
  const agencies = rankByWorkOwed(agencyProgress(rules, answers, assignments).filter((a) => scope.kind !== 'agency' || a.agency === scope.id));
  const scopeIndicatorCodes = new Set(indicators.map((i) => i.code));
  const scopeScore =
    scope.kind === 'all'
      ? score.total
      : scope.kind === 'group'
        ? (score.groups.find((g) => g.id === scope.id)?.score ?? 0)
        : toNumber(sum(codes.map((c) => answers.get(c)?.points ?? 0)));
  const scopeMax =
    scope.kind === 'all'
      ? score.max
      : scope.kind === 'group'
        ? toNumber(sum(indicators.filter((i) => scopeIndicatorCodes.has(i.code)).map((i) => dec(i.max))))
        : toNumber(sum(codes.map((c) => rules.questionByCode.get(c)!.maxPoints)));

  return {
    scope,
    city: input.city,
    ...(input.office?.trim() ? { office: input.office.trim() } : {}),
    province: input.province,
    year: input.year,
    stage: input.stage,
    deadline: input.deadline ?? null,
    total: score.total,
    max: score.max,
    band: score.band,
    nextBand: score.nextBand,
    scopeScore,
    scopeMax,
    groups,
    indicators,
    agencies,
    plan,
    planSize: fullPlan.items.length,
    gaps,
    pointsAtRisk,
    unlinkedDocuments: scope.kind === 'all' ? (input.unlinkedDocuments ?? 0) : 0,
    uncheckedQuestions: [...(input.unchecked ?? [])].filter((c) => inScope(c)).length,
  };
}

/** What the public (PPID) page may show: scores and progress per group, nothing personal. */
export interface PublicSummary {
  city: string;
  province: string;
  year: number;
  stage: Stage;
  total: number;
  max: number;
  band: BandRef;
  groups: { id: string; score: number; max: number; questions: number; ready: number }[];
  generatedAt: number;
}

export function publicSummary(s: Summary, rules: Rules, answers: ReadonlyMap<string, Answer>, now: number): PublicSummary {
  return {
    city: s.city,
    province: s.province,
    year: s.year,
    stage: s.stage,
    total: s.total,
    max: s.max,
    band: s.band,
    groups: rules.groups.map((g) => {
      const qs = rules.indicators.filter((i) => i.group === g.id).flatMap((i) => i.questions);
      const gs = s.groups.find((x) => x.id === g.id);
      return { id: g.id, score: gs?.score ?? 0, max: gs?.max ?? rules.groupMax.get(g.id)!, questions: qs.length, ready: qs.filter((q) => answers.get(q.code)?.status === 'ready').length };
    }),
    generatedAt: now,
  };
}

/**
 * An agency's plan: the questions waiting on its documents first, then the rest, each part by
 * points gained; the agency named first on each (the sixth walk: Dinkes's own sheet hid it under
 * "UPTD PPA, Dinsos +8 lainnya").
 */
function agencyFirst(items: Plan['items'], agency: string): Plan['items'] {
  const rank = (i: Plan['items'][number]) => (i.step === 'evidence' ? 0 : 1);
  return [...items]
    .sort((a, b) => rank(a) - rank(b) || b.gain - a.gain || (a.code < b.code ? -1 : 1))
    .map((i) => (i.agencies.includes(agency) ? { ...i, agencies: [agency, ...i.agencies.filter((x) => x !== agency)] } : i));
}
