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
  | 'evidence-linked'
  | 'evidence-unlinked'
  | 'evidence-moved'
  | 'flag-dismissed'
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
