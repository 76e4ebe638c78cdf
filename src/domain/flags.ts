/**
 * Misfile flags: every linked document whose content belongs elsewhere, and questions without
 * evidence whose answer sits in a document linked elsewhere ("the answer is elsewhere").
 * Computed from the stored classifications (nothing is stored but dismissals), so a new rules
 * file or a better classifier re-flags everything consistently.
 */
import { checkFiling, suggestQuestions, suggestRunQuestions } from './classifier/filing';
import type { Model } from './classifier/model';
import type { EvidenceDoc, EvidenceLink, FlagDismissal } from './model';
import type { Rules } from './rules/load';
import { citedRun } from './evidence/pageCite';

export interface MisfileFlag {
  documentId: string;
  /** The question it is linked to (where it was filed). */
  code: string;
  filedIndicator: string;
  suggested: { group: string; indicator: string; questions: string[] };
  confidence: number;
  /** The words that convinced the classifier. */
  evidence: string[];
  dismissed: FlagDismissal | null;
}

export interface ElsewhereHint {
  /** The question without evidence. */
  code: string;
  documentId: string;
  /** Where the document is linked now. */
  linkedTo: string[];
  confidence: number;
}

/** Below this confidence a document is not flagged: a wrong flag costs the officer's trust. */
export const FLAG_MIN_CONFIDENCE = 0.5;

export const dismissalId = (workspaceId: string, documentId: string, code: string) => `${workspaceId}|${documentId}|${code}`;

export function computeFlags(
  model: Model,
  rules: Rules,
  docs: Pick<EvidenceDoc, 'id' | 'classification'>[],
  links: EvidenceLink[],
  dismissals: FlagDismissal[],
): { flags: MisfileFlag[]; elsewhere: ElsewhereHint[] } {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const dismissed = new Map(dismissals.map((d) => [d.id, d]));
  const flags: MisfileFlag[] = [];
  const linkedCodes = new Map<string, string[]>();
  for (const l of links) linkedCodes.set(l.documentId, [...(linkedCodes.get(l.documentId) ?? []), l.code]);
  for (const l of links) {
    const doc = byId.get(l.documentId);
    const c = doc?.classification;
    const q = rules.questionByCode.get(l.code);
    if (!doc || !c || !q) continue;
    const run = citedRun(l);
    const check = checkFiling(model, c, { indicator: q.indicator, pages: run });
    if (!check.misfiled || check.confidence < FLAG_MIN_CONFIDENCE) continue;
    // a link that cites pages is judged by them: the suggestion is what those pages speak about,
    // when the reading names them (a Perda's page on birth certificates cited under 7.2 -> 4)
    const span = run && c.pages?.find((s) => s.from <= run.to && run.from <= s.to);
    const suggested = span ? { group: model.indicators[model.indicatorIndex.get(span.indicator)!].group, indicator: span.indicator } : check.suggested;
    // the questions it is linked to already are not offered again
    const linked = linkedCodes.get(doc.id) ?? [];
    const n = 3 + linked.length;
    const questions = (span ? suggestRunQuestions(model, c, span, n) : suggestQuestions(model, c, suggested.indicator, n)).filter((code) => !linked.includes(code));
    flags.push({
      documentId: doc.id,
      code: l.code,
      filedIndicator: q.indicator,
      suggested: { ...suggested, questions: questions.slice(0, 3) },
      confidence: check.confidence,
      evidence: c.evidence.slice(0, 8),
      dismissed: dismissed.get(dismissalId(l.workspaceId, doc.id, l.code)) ?? null,
    });
  }
  // the answer is elsewhere: a question with no evidence whose indicator is a confident match of a
  // document linked somewhere else, and which that document's text points to
  const withEvidence = new Set(links.map((l) => l.code));
  const elsewhere: ElsewhereHint[] = [];
  for (const doc of docs) {
    const c = doc.classification;
    const at = linkedCodes.get(doc.id);
    if (!c || !at || c.confidence < FLAG_MIN_CONFIDENCE) continue;
    if (at.some((code) => rules.questionByCode.get(code)?.indicator === c.indicator)) continue;
    for (const code of suggestQuestions(model, c, c.indicator, 2)) {
      if (!withEvidence.has(code)) elsewhere.push({ code, documentId: doc.id, linkedTo: at, confidence: c.confidence });
    }
  }
  return { flags, elsewhere };
}
