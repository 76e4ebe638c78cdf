/**
 * Misfile flags: every linked document whose content belongs elsewhere, and questions without
 * evidence whose answer sits in a document linked elsewhere ("the answer is elsewhere").
 * Computed from the stored classifications (nothing is stored but dismissals), so a new rules
 * file or a better classifier re-flags everything consistently.
 */
import { checkFiling, suggestQuestions, suggestRunQuestions } from './classifier/filing';
import type { Classification } from './classifier/classify';
import type { Model } from './classifier/model';
import type { EvidenceDoc, EvidenceLink, FlagDismissal } from './model';
import type { ElsewhereHint, MisfileFlag } from './flagsView';
import type { Rules } from './rules/load';
import { citedRun } from './evidence/pageCite';

export type { ElsewhereHint, FlagsView, MisfileFlag } from './flagsView';
export { flagsView } from './flagsView';

/** Below this confidence a document is not flagged: a wrong flag costs the officer's trust. */
export const FLAG_MIN_CONFIDENCE = 0.5;

export const dismissalId = (workspaceId: string, documentId: string, code: string) => `${workspaceId}|${documentId}|${code}`;

/** A document's part of the flags: one entry per link of it (null: not flagged), and its hints. */
interface DocumentPart {
  /** The flags of its links, in their order, without their dismissal (set when the parts are put together). */
  flags: (Omit<MisfileFlag, 'dismissed'> | null)[];
  /** Its hints, before the questions that have evidence are left out (that depends on every link). */
  hints: ElsewhereHint[];
}

type FlagDoc = Pick<EvidenceDoc, 'id' | 'classification'>;

/**
 * The flags kept per document between two computations: a document's part is computed again only
 * when its reading (the classification object) or its links change. Parts of documents no longer
 * linked are dropped at each computation.
 */
export class FlagsMemo {
  private parts = new Map<string, { c: Classification | undefined; key: string; part: DocumentPart }>();
  private for: { model: Model; rules: Rules } | null = null;

  /** Parts are kept for one model and rules file: another one starts afresh. */
  use(model: Model, rules: Rules): void {
    if (this.for?.model !== model || this.for.rules !== rules) this.parts.clear();
    this.for = { model, rules };
  }

  part(doc: FlagDoc, links: EvidenceLink[], compute: () => DocumentPart): DocumentPart {
    const key = links.map((l) => `${l.code}|${l.page ?? ''}|${l.pageTo ?? ''}`).join(',');
    const kept = this.parts.get(doc.id);
    if (kept && kept.c === doc.classification && kept.key === key) return kept.part;
    const part = compute();
    this.parts.set(doc.id, { c: doc.classification, key, part });
    return part;
  }

  /** Keep only these documents' parts. */
  keep(ids: Set<string>): void {
    for (const id of this.parts.keys()) if (!ids.has(id)) this.parts.delete(id);
  }

  get size(): number {
    return this.parts.size;
  }
}

/**
 * Every flag and hint of a workspace. With a memo, a document's part is reused while its reading
 * and its links stay the same (the result is the same as without: bench flags, flags.test.ts).
 */
export function computeFlags(
  model: Model,
  rules: Rules,
  docs: FlagDoc[],
  links: EvidenceLink[],
  dismissals: FlagDismissal[],
  memo?: FlagsMemo,
): { flags: MisfileFlag[]; elsewhere: ElsewhereHint[] } {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const linksOf = new Map<string, EvidenceLink[]>();
  for (const l of links) linksOf.get(l.documentId)?.push(l) ?? linksOf.set(l.documentId, [l]);
  const parts = new Map<string, DocumentPart>();
  memo?.use(model, rules);
  for (const [id, ls] of linksOf) {
    const doc = byId.get(id);
    if (!doc) continue;
    const compute = () => documentPart(model, rules, doc, ls);
    parts.set(id, memo ? memo.part(doc, ls, compute) : compute());
  }
  memo?.keep(new Set(parts.keys()));
  return { flags: flagsInLinkOrder(links, parts, dismissals), elsewhere: hintsWithoutEvidence(docs, links, parts) };
}

/** The flags in the order of the links they are on, each with its dismissal. */
function flagsInLinkOrder(links: EvidenceLink[], parts: Map<string, DocumentPart>, dismissals: FlagDismissal[]): MisfileFlag[] {
  const dismissed = new Map(dismissals.map((d) => [d.id, d]));
  const seen = new Map<string, number>();
  const flags: MisfileFlag[] = [];
  for (const l of links) {
    const i = seen.get(l.documentId) ?? 0;
    seen.set(l.documentId, i + 1);
    const f = parts.get(l.documentId)?.flags[i];
    if (f) flags.push({ ...f, dismissed: dismissed.get(dismissalId(l.workspaceId, l.documentId, l.code)) ?? null });
  }
  return flags;
}

/** The hints of each document (in the documents' order) on questions no link gives evidence to. */
function hintsWithoutEvidence(docs: FlagDoc[], links: EvidenceLink[], parts: Map<string, DocumentPart>): ElsewhereHint[] {
  const withEvidence = new Set(links.map((l) => l.code));
  return docs.flatMap((d) => parts.get(d.id)?.hints.filter((h) => !withEvidence.has(h.code)) ?? []);
}

/** One document's flags and hints: they depend on its reading and its own links alone. */
function documentPart(model: Model, rules: Rules, doc: FlagDoc, links: EvidenceLink[]): DocumentPart {
  const linked = links.map((l) => l.code);
  return { flags: links.map((l) => flagOf(model, rules, doc, l, linked)), hints: hintsOf(model, rules, doc, linked) };
}

/** The flag on one link, when the document seems to belong elsewhere with enough confidence. */
function flagOf(model: Model, rules: Rules, doc: FlagDoc, l: EvidenceLink, linked: string[]): Omit<MisfileFlag, 'dismissed'> | null {
  const c = doc.classification;
  const q = rules.questionByCode.get(l.code);
  if (!c || !q) return null;
  const run = citedRun(l);
  const check = checkFiling(model, c, { indicator: q.indicator, pages: run });
  if (!check.misfiled || check.confidence < FLAG_MIN_CONFIDENCE) return null;
  // a link that cites pages is judged by them: the suggestion is what those pages speak about,
  // when the reading names them (a Perda's page on birth certificates cited under 7.2 -> 4)
  const span = run && c.pages?.find((s) => s.from <= run.to && run.from <= s.to);
  const suggested = span ? { group: model.indicators[model.indicatorIndex.get(span.indicator)!].group, indicator: span.indicator } : check.suggested;
  // the questions it is linked to already are not offered again
  const n = 3 + linked.length;
  const questions = (span ? suggestRunQuestions(model, c, span, n) : suggestQuestions(model, c, suggested.indicator, n)).filter((code) => !linked.includes(code));
  return {
    documentId: doc.id,
    code: l.code,
    filedIndicator: q.indicator,
    suggested: { ...suggested, questions: questions.slice(0, 3) },
    confidence: check.confidence,
    evidence: c.evidence.slice(0, 8),
  };
}

/**
 * The answer is elsewhere: the questions of a confident reading's indicator that the document's
 * text points to, when it is linked somewhere else (questions with evidence are left out later).
 */
function hintsOf(model: Model, rules: Rules, doc: FlagDoc, linked: string[]): ElsewhereHint[] {
  const c = doc.classification;
  if (!c || c.confidence < FLAG_MIN_CONFIDENCE) return [];
  if (linked.some((code) => rules.questionByCode.get(code)?.indicator === c.indicator)) return [];
  return suggestQuestions(model, c, c.indicator, 2).map((code) => ({ code, documentId: doc.id, linkedTo: linked, confidence: c.confidence }));
}
