/**
 * A workspace snapshot: every row of one workspace, the text of its rules file, and (apart)
 * a way to get each evidence file's bytes. It is what `writeExchange` writes and what a verified
 * exchange file gives back; the data layer (src/db/exchange.ts) collects it from and imports it
 * into the database.
 *
 * Evidence bytes are never part of the snapshot object: an `EvidenceSource` hands out Blob
 * references one at a time, read chunk by chunk while writing, so memory does not grow with the
 * size of the workspace.
 */
import type { Activity, Answer, Assignment, EvidenceDoc, EvidenceLink, EvidenceText, FlagDismissal, Review, RevisionItem, Workspace } from '../model';
import type { Kind, Role } from './schema';

export interface WorkspaceSnapshot {
  /** What the file is (default: the role of its maker, `city` or `evaluator`). */
  kind?: Kind;
  /** Agency pack and agency response: which agency. */
  agency?: { id: string; name: string };
  workspace: Workspace;
  answers: Answer[];
  assignments: Assignment[];
  activity: Activity[];
  documents: EvidenceDoc[];
  /** The texts, when few (tests, the CLI); a large workspace hands them out through `textSource`. */
  texts: EvidenceText[];
  /** Batches of texts read when needed (the database while exporting, the file while importing). */
  textSource?: () => AsyncIterable<EvidenceText[]>;
  links: EvidenceLink[];
  flagDismissals: FlagDismissal[];
  reviews: Review[];
  revisionItems: RevisionItem[];
  /** The rules file the workspace was made with; `text` null when not carried (evaluator response). */
  rules: { id: string; hash: string; text: string | null };
  /** Evaluator response: the city snapshot (fingerprint) the review is about. */
  basedOn?: { fingerprint: string; at: number };
  /** Documents left out by the officer (personal data). */
  omittedDocuments?: number;
  /** Agency pack: what the city already holds for the agency's questions (names only, no bytes). */
  held?: HeldDocument[];
}

/** A document the city holds for one of the agency's questions, named in its pack so the agency does not send it again. */
export interface HeldDocument {
  code: string;
  name: string;
  addedAt: number;
}

/** The bytes of the evidence with this SHA-256, as a Blob reference (not read into memory). */
export type EvidenceSource = (sha256: string) => Promise<Blob | null | undefined>;

/**
 * The snapshot without some documents (the officer chose to leave them out, e.g. because the
 * privacy finder found a victim's name): their rows, texts, links and flag dismissals go too.
 */
export function withoutDocuments(s: WorkspaceSnapshot, documentIds: Iterable<string>): WorkspaceSnapshot {
  const drop = new Set(documentIds);
  const gone = s.documents.filter((d) => drop.has(d.id)).length;
  if (!gone) return s;
  return {
    ...s,
    documents: s.documents.filter((d) => !drop.has(d.id)),
    texts: s.texts.filter((t) => !drop.has(t.id)),
    ...(s.textSource ? { textSource: () => filterBatches(s.textSource!(), (t) => !drop.has(t.id)) } : {}),
    links: s.links.filter((l) => !drop.has(l.documentId)),
    flagDismissals: s.flagDismissals.filter((f) => !drop.has(f.documentId)),
    omittedDocuments: (s.omittedDocuments ?? 0) + gone,
  };
}

async function* filterBatches(batches: AsyncIterable<EvidenceText[]>, keep: (t: EvidenceText) => boolean): AsyncGenerator<EvidenceText[]> {
  for await (const b of batches) yield b.filter(keep);
}

/** Every text of the snapshot, in batches: from `textSource` when it has one, else from `texts`. */
export async function* textBatches(s: Pick<WorkspaceSnapshot, 'texts' | 'textSource'>, size = 100): AsyncGenerator<EvidenceText[]> {
  if (s.textSource) {
    yield* s.textSource();
    return;
  }
  for (let i = 0; i < s.texts.length; i += size) yield s.texts.slice(i, i + size);
}

/** Unique evidence hashes of a snapshot, in a stable order. */
export const evidenceHashes = (s: Pick<WorkspaceSnapshot, 'documents'>): string[] => [...new Set(s.documents.map((d) => d.sha256))].sort();

/**
 * Points as `{code: points}` (what `kla score` reads): the city's answers, or for an evaluator
 * response the evaluator's own points.
 */
export function pointsOf(s: Pick<WorkspaceSnapshot, 'answers' | 'reviews'>, role: Role): Record<string, number> {
  const rows: { code: string; points: number | null }[] = role === 'evaluator' ? s.reviews : s.answers;
  const out: Record<string, number> = {};
  for (const r of rows) if (r.points != null) out[r.code] = r.points;
  return out;
}
