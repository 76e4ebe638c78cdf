import type { Classification } from './classifier/classify';

/**
 * The records of a workspace, as plain data. Shared by the database (src/db), the exchange file
 * format and the command line; no storage or UI code here.
 */

/** Stages of one evaluation year, in order. */
export const STAGES = ['penilaian-mandiri', 'verifikasi-administrasi', 'verifikasi-lapangan', 'revisi', 'verifikasi-final'] as const;
export type Stage = (typeof STAGES)[number];

export const ANSWER_STATUSES = ['not-started', 'in-progress', 'ready'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

export interface Workspace {
  id: string;
  city: string;
  province: string;
  year: number;
  rulesId: string;
  /** SHA-256 of the rules file the workspace was created with; scores are only valid against it. */
  rulesHash: string;
  stage: Stage;
  createdAt: number;
  updatedAt: number;
  /** Length of the revision window after field verification, in hours (default 48). Added in db v2. */
  revisionHours: number;
  /**
   * The running (or finished) 2 x 24-hour revision: stored as absolute instants (ms since epoch,
   * UTC), shown in WIB. Starts from the time of the evaluator's notes (issue 5).
   */
  revision?: { notesAt: number; deadline: number; hours: number; startedAt: number };
  /**
   * Whose copy this is: the city's own workspace (default), an evaluator's copy of a city's file,
   * or an agency's (OPD) copy of the pack the city made for it (issue 12).
   */
  role?: 'city' | 'evaluator' | 'agency';
  /**
   * An agency's copy: which agency (an id of the rules' `agencies`) it answers for, the question
   * codes assigned to it in the pack, and when the city made that pack (its answers edited after
   * that are the agency's; issue 12).
   */
  agency?: { id: string; name: string; codes?: string[]; packAt?: number; held?: { code: string; name: string; addedAt: number; doc?: string }[] };
  /**
   * The city's own short name for the office that compiles the KLA evidence ("DP3A", "DPPPAPPKB":
   * the name varies by city), shown wherever the app names it to agencies and on the printed
   * summary; DEFAULT_OFFICE when unset. Set in Pengaturan; travels in `.kla` files and packs.
   */
  office?: string;
  /** Deleted, and hidden everywhere; its rows go once Urungkan is no longer offered (db/queries.ts purgeDeletedWorkspaces). */
  deletedAt?: number;
}

export interface Answer {
  workspaceId: string;
  code: string;
  /** Awarded points, 0..question max; null = not graded yet. */
  points: number | null;
  status: AnswerStatus;
  /** The officer's notes: what exists, where, who holds it. */
  notes: string;
  /** The data matrix values the question asks for (e.g. "jumlah anak": "1.204"). */
  dataValues: Record<string, string>;
  updatedAt: number;
}

export interface Assignment {
  workspaceId: string;
  code: string;
  /** Agency ids (from the rules file) that owe the data; replaces the rules' default when present. */
  agencies: string[];
  updatedAt: number;
}

export type ActivityKind =
  | 'workspace-created'
  | 'stage-changed'
  | 'answer-changed'
  | 'assignment-changed'
  | 'evidence-added'
  | 'evidence-removed'
  | 'evidence-restored'
  | 'evidence-linked'
  | 'evidence-checked'
  | 'evidence-unlinked'
  | 'evidence-moved'
  | 'flag-dismissed'
  | 'revision-item-changed'
  /** The evaluator's copy: a review changed; the notes sent to the city through the hub. */
  | 'review-changed'
  | 'reviews-sent'
  /** The city: an evaluator's notes received through the hub (the revision checklist). */
  | 'reviews-received'
  | 'import'
  | 'export';

/** Append-only: entries are never changed or deleted. */
export interface Activity {
  seq?: number;
  workspaceId: string;
  at: number;
  kind: ActivityKind;
  code?: string;
  /** What changed: e.g. `{ field: 'points', from: 0, to: 12 }`. */
  detail: Record<string, unknown>;
}

export const emptyAnswer = (workspaceId: string, code: string): Answer => ({
  workspaceId,
  code,
  points: null,
  status: 'not-started',
  notes: '',
  dataValues: {},
  updatedAt: 0,
});

// ---------------------------------------------------------------------------------------------
// Evidence (issue 3). Bytes, metadata and extracted text are kept in separate tables so lists
// stay light and the bytes are read only when previewed or exported.

export type EvidenceKind = 'pdf' | 'image' | 'docx' | 'doc' | 'xlsx' | 'xls' | 'odt' | 'ods' | 'text';

/** Reading outcome; `problem` says why when not `done`. */
export type ReadState = 'pending' | 'done' | 'no-text' | 'encrypted' | 'failed';

export interface EvidenceDoc {
  id: string;
  workspaceId: string;
  /** SHA-256 (hex) of the bytes: the same bytes are stored once per workspace. */
  sha256: string;
  /** File name as dropped, with the folder path when a folder was dropped. */
  name: string;
  /** MIME type detected from the content (not the extension). */
  mime: string;
  kind: EvidenceKind;
  size: number;
  pages?: number;
  addedAt: number;
  /** Supplying agency id (rules file), when known. */
  agency?: string;
  /** The agency was guessed by the reader (letterhead or file name) and nobody has confirmed it yet. */
  agencyGuessed?: boolean;
  /** The document's own date (ISO yyyy-mm-dd) when it could be read. */
  docDate?: string;
  readState: ReadState;
  /** Machine code of the reading problem (e.g. 'pdf-encrypted', 'pdf-corrupt', 'ocr-failed'). */
  problem?: string;
  /** The PDF has JavaScript/actions: never executed, noted for the officer. */
  hasScripts?: boolean;
  textLength?: number;
  /** Document title from metadata or first line, for the classifier and the list. */
  title?: string;
  /**
   * Where the document's content says it belongs (issue 4), computed when it is read. Carried in
   * exchange files and in memory; the database keeps it in its own table (DocClassification) so
   * that document rows stay light.
   */
  classification?: Classification;
  /** Number unique in this browser's database, used by the search index (db v3). */
  no?: number;
}

/** A document's classification, stored apart from the light document row (db v3). */
export interface DocClassification {
  id: string;
  workspaceId: string;
  classification: Classification;
}

/**
 * One file of an intake batch, persisted when the batch starts and updated as it goes, so that
 * after a crash or a closed tab the app can name the files that were never stored.
 */
export interface IntakeRecord {
  id: string;
  workspaceId: string;
  batchId: string;
  name: string;
  size: number;
  lastModified: number;
  state: 'queued' | 'reading' | 'storing' | 'stored' | 'duplicate' | 'rejected' | 'failed' | 'cancelled';
  addedAt: number;
  documentId?: string;
  reason?: string;
  /** A demo document the app made (not a file the officer picked): never offered to be picked again. */
  demo?: true;
}

export type IntakeState = IntakeRecord['state'];

/** States of a file not finished yet; everything else is settled. */
export const UNFINISHED: readonly IntakeState[] = ['queued', 'reading', 'storing'];
export const isUnfinished = (s: IntakeState): boolean => UNFINISHED.includes(s);

/** File bytes; id = EvidenceDoc.id. A first-page thumbnail is stored as id `${docId}#thumb`. */
export interface EvidenceBlob {
  id: string;
  data: Blob;
}

/** Extracted text; id = EvidenceDoc.id. `pages` holds per-page text for PDFs (page citations). */
export interface EvidenceText {
  id: string;
  workspaceId: string;
  text: string;
  pages?: string[];
}

/** Document <-> question: many to many, with an optional citation of a page or a run of pages. */
export interface EvidenceLink {
  id: string;
  workspaceId: string;
  documentId: string;
  code: string;
  /** The (first) page cited. */
  page?: number;
  /** The last page of a cited run (absent for one page); see domain/evidence/pageCite.ts. */
  pageTo?: number;
  createdAt: number;
  /**
   * Made from the app's suggestion (a row's one-click link, a bulk "Tautkan ke saran") and not
   * said to be checked since: the printed plan does not count it as evidence in hand.
   */
  suggested?: true;
}

// ---------------------------------------------------------------------------------------------
// Misfile flags (issue 4): a dismissal is stored; the flags themselves are computed.

export interface FlagDismissal {
  /** `${workspaceId}|${documentId}|${code}` */
  id: string;
  workspaceId: string;
  documentId: string;
  code: string;
  reason: string;
  at: number;
}

// ---------------------------------------------------------------------------------------------
// Review and revision (issue 5).

export const VERDICTS = ['sesuai', 'perlu-perbaikan', 'salah-klaster', 'dokumen-tidak-ada'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The evaluator's review of one question; kept apart from the city's own answer. */
export interface Review {
  workspaceId: string;
  code: string;
  verdict: Verdict | null;
  note: string;
  /** The evaluator's points, separate from the city's. */
  points: number | null;
  markForReview: boolean;
  reviewer: string;
  updatedAt: number;
}

/** An evaluator note received by the city: one item of the revision checklist. */
export interface RevisionItem {
  /** `${workspaceId}|${code}|${reviewer}` */
  id: string;
  workspaceId: string;
  code: string;
  verdict: Verdict;
  note: string;
  reviewer: string;
  /** When the evaluator wrote it (the countdown starts from the latest note). */
  notedAt: number;
  /** The officer's reply and whether the item is done. */
  response: string;
  done: boolean;
  updatedAt: number;
}

/** What the app calls the city's KLA office when the city has not named it (Pengaturan). */
export const DEFAULT_OFFICE = 'DP3AKB';
/** The longest office name kept (a short name, not the office's full title). */
export const MAX_OFFICE = 40;

/** The city's name for its KLA office. */
export function officeName(ws: Pick<Workspace, 'office'>): string {
  return ws.office?.trim().slice(0, MAX_OFFICE) || DEFAULT_OFFICE;
}
