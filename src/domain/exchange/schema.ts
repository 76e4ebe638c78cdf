/**
 * The exchange file's JSON, version 2 (the current version), as valibot schemas.
 *
 * Two documents are validated: the manifest (`manifest.json`, readable without the passphrase)
 * and the workspace data (`data/workspace.json`, plus the texts: `data/texts.jsonl`, one row per line,
 * textsPart.ts; version 1 wrote them as one array in `data/texts.json`). Older versions are first
 * migrated to this shape (migrations.ts); a newer version is refused before anything is parsed.
 *
 * The row schemas mirror src/domain/model.ts. `_rowsMatchModel` below makes the type checker fail
 * when the model gains a required field that the file format does not carry yet.
 */
import * as v from 'valibot';
import { ANSWER_STATUSES, MAX_OFFICE, STAGES, VERDICTS } from '../model';
import type { Activity, Answer, Assignment, EvidenceDoc, EvidenceLink, EvidenceText, FlagDismissal, Review, RevisionItem, Workspace } from '../model';

export const FORMAT_NAME = 'siap-kla-exchange';
/** The version this code writes. Bump it with a migration in migrations.ts. */
export const FORMAT_VERSION = 3;
export const FILE_EXTENSION = '.kla';

/** Who made a file: the city's officer, an evaluator, or an agency (OPD) answering its pack. */
export const ROLES = ['city', 'evaluator', 'agency'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a file is (`data.kind`): a whole city workspace, an evaluator's response, an agency pack
 * (the city's questions for one agency: docs/exchange-format.md) or an agency's response to it.
 */
export const KINDS = ['city', 'evaluator', 'agency-pack', 'agency-response'] as const;
export type Kind = (typeof KINDS)[number];
/** The role that makes each kind of file. */
export const KIND_ROLE: Record<Kind, Role> = { city: 'city', evaluator: 'evaluator', 'agency-pack': 'city', 'agency-response': 'agency' };

export const PART_KINDS = ['data', 'texts', 'rules', 'evidence'] as const;
export type PartKind = (typeof PART_KINDS)[number];

const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'));
const str = v.string();
/** Ids are UUIDs or short composites; a longer one is not ours. */
const nonEmpty = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const int = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
/** Sane bounds a file must hold to (issue 10): times between 1970 and 2100 (ms since the epoch). */
export const BOUNDS = { maxTime: Date.UTC(2100, 0, 1), revisionHours: [1, 720], year: [2000, 2100], points: 1000 } as const;
const time = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(BOUNDS.maxTime, 'must be a time before 2100'));
const year = v.pipe(v.number(), v.integer(), v.minValue(BOUNDS.year[0]), v.maxValue(BOUNDS.year[1]));
/** Points: never negative, never above the whole instrument; each question's maximum is checked against the rules (read.ts). */
const points = v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(BOUNDS.points)));
const b64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'));

/** Part paths: plain relative names only (no `..`, no absolute paths, no backslashes). */
const partPath = v.pipe(v.string(), v.regex(/^(?:[a-z0-9][a-z0-9._-]*\/)*[a-z0-9][a-z0-9._-]*$/, 'must be a plain relative path'), v.maxLength(200));

export const Part = v.object({
  path: partPath,
  kind: v.picklist(PART_KINDS),
  /** Size of the plaintext (the bytes the hash is of). */
  size: int,
  /** SHA-256 (hex) of the plaintext. */
  sha256: hex64,
  /** `deflate-raw`: compressed before encryption (and stored as zip method 8 when not encrypted). */
  encoding: v.picklist(['identity', 'deflate-raw']),
  /** Bytes of the zip entry (compressed and/or encrypted). */
  storedSize: int,
});
export type Part = v.InferOutput<typeof Part>;

export const Encryption = v.object({
  cipher: v.literal('AES-256-GCM'),
  kdf: v.literal('PBKDF2-SHA-256'),
  /** Bounded both ways: at least 600,000 (OWASP 2023), at most 10 M so a forged file cannot hang the app. */
  iterations: v.pipe(v.number(), v.integer(), v.minValue(600_000), v.maxValue(10_000_000)),
  salt: b64,
  /** 4 random bytes; each chunk's IV is noncePrefix | part index | chunk index. */
  noncePrefix: b64,
  chunkSize: v.pipe(v.number(), v.integer(), v.minValue(1024), v.maxValue(64 * 1024 * 1024)),
  /** AES-GCM of a known text: a wrong passphrase fails here, before any part is read. */
  check: b64,
  /**
   * Version 2 on: HMAC-SHA-256 (hex, under the key derived from the passphrase) of the manifest
   * with this field empty (crypto.ts `sealedText`). Required from version 2.
   */
  seal: v.optional(hex64),
});
export type Encryption = v.InferOutput<typeof Encryption>;

export const Manifest = v.object({
  format: v.literal(FORMAT_NAME),
  formatVersion: v.literal(FORMAT_VERSION),
  /** Random id of this file; repeated inside the data part. */
  exportId: nonEmpty,
  app: v.object({ name: str, version: str }),
  createdAt: time,
  createdBy: v.object({ name: str, role: v.picklist(ROLES) }),
  workspace: v.object({ id: nonEmpty, city: str, province: str, year }),
  rules: v.object({ id: str, hash: v.string() }),
  encryption: v.nullable(Encryption),
  parts: v.pipe(v.array(Part), v.maxLength(100_000)),
});
export type Manifest = v.InferOutput<typeof Manifest>;

// ---- rows (mirror of src/domain/model.ts) ------------------------------------------------------

export const WorkspaceRow = v.object({
  id: nonEmpty,
  city: str,
  province: str,
  year,
  rulesId: str,
  rulesHash: str,
  stage: v.picklist(STAGES),
  createdAt: time,
  updatedAt: time,
  /** The revision window in hours (Pengaturan allows 1-720). */
  revisionHours: v.pipe(v.number(), v.integer(), v.minValue(BOUNDS.revisionHours[0]), v.maxValue(BOUNDS.revisionHours[1])),
  /** The city's name for its KLA office (Pengaturan; files before 7 Dec 2026 have none). */
  office: v.optional(v.pipe(v.string(), v.maxLength(MAX_OFFICE))),
});

export const AnswerRow = v.object({
  workspaceId: nonEmpty,
  code: nonEmpty,
  points,
  status: v.picklist(ANSWER_STATUSES),
  notes: str,
  dataValues: v.record(v.string(), v.string()),
  updatedAt: time,
});

export const AssignmentRow = v.object({ workspaceId: nonEmpty, code: nonEmpty, agencies: v.array(v.string()), updatedAt: time });

export const ActivityRow = v.object({
  seq: v.optional(v.number()),
  workspaceId: nonEmpty,
  at: time,
  // a string, not a picklist: a file from a newer app with a new kind of entry still imports
  kind: nonEmpty,
  code: v.optional(v.string()),
  detail: v.record(v.string(), v.unknown()),
});

export const DocumentRow = v.object({
  id: nonEmpty,
  workspaceId: nonEmpty,
  sha256: hex64,
  name: str,
  mime: str,
  kind: v.picklist(['pdf', 'image', 'docx', 'doc', 'xlsx', 'xls', 'odt', 'ods', 'text']),
  size: int,
  pages: v.optional(int),
  addedAt: time,
  agency: v.optional(v.string()),
  agencyGuessed: v.optional(v.boolean()),
  docDate: v.optional(v.string()),
  readState: v.picklist(['pending', 'done', 'no-text', 'encrypted', 'failed']),
  problem: v.optional(v.string()),
  hasScripts: v.optional(v.boolean()),
  textLength: v.optional(int),
  title: v.optional(v.string()),
});

export const TextRow = v.object({ id: nonEmpty, workspaceId: nonEmpty, text: str, pages: v.optional(v.array(v.string())) });

export const LinkRow = v.pipe(
  v.object({
    id: nonEmpty,
    workspaceId: nonEmpty,
    documentId: nonEmpty,
    code: nonEmpty,
    page: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    /** Version 3: the last page of a cited run, after `page`. */
    pageTo: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2))),
    createdAt: time,
    /** Made from the app's suggestion and not checked since (an older app drops it: the link then counts as checked). */
    suggested: v.optional(v.literal(true)),
  }),
  v.check((l) => l.pageTo === undefined || (l.page !== undefined && l.pageTo > l.page), 'pageTo must follow page'),
);

export const DismissalRow = v.object({ id: nonEmpty, workspaceId: nonEmpty, documentId: nonEmpty, code: nonEmpty, reason: str, at: time });

export const ReviewRow = v.object({
  workspaceId: nonEmpty,
  code: nonEmpty,
  verdict: v.nullable(v.picklist(VERDICTS)),
  note: str,
  points,
  markForReview: v.boolean(),
  reviewer: str,
  updatedAt: time,
});

export const RevisionItemRow = v.object({
  id: nonEmpty,
  workspaceId: nonEmpty,
  code: nonEmpty,
  verdict: v.picklist(VERDICTS),
  note: str,
  reviewer: str,
  notedAt: time,
  response: str,
  done: v.boolean(),
  updatedAt: time,
});

/** At most this many held documents are named in a pack (an agency's questions rarely hold more than a few hundred). */
export const MAX_HELD = 5000;

/** `data/workspace.json`. */
export const ExchangeData = v.object({
  exportId: nonEmpty,
  kind: v.picklist(KINDS),
  /** Agency pack and agency response: the agency (an id of the rules' `agencies`) and its name. */
  agency: v.optional(v.object({ id: nonEmpty, name: str })),
  workspace: WorkspaceRow,
  answers: v.array(AnswerRow),
  assignments: v.array(AssignmentRow),
  activity: v.array(ActivityRow),
  documents: v.array(DocumentRow),
  links: v.array(LinkRow),
  flagDismissals: v.array(DismissalRow),
  reviews: v.array(ReviewRow),
  revisionItems: v.array(RevisionItemRow),
  /** Evaluator response: the fingerprint of the city's snapshot that was reviewed (diff.ts). */
  basedOn: v.optional(v.object({ fingerprint: hex64, at: time })),
  /** How many documents the officer left out of this file (personal data); their rows are absent. */
  omittedDocuments: v.optional(int),
  /** Agency pack: the documents the city already holds for the agency's questions, by name (no bytes). */
  held: v.optional(v.pipe(v.array(v.object({ code: nonEmpty, name: v.pipe(v.string(), v.maxLength(500)), addedAt: time })), v.maxLength(MAX_HELD))),
});
export type ExchangeData = v.InferOutput<typeof ExchangeData>;

/** `data/texts.json` of version-1 files (version 2 streams rows: textsPart.ts). */
export const ExchangeTexts = v.array(TextRow);

// Compile-time guard: every row the file carries is assignable to the model's record type.
type Assignable<A, B> = A extends B ? true : false;
export const _rowsMatchModel: [
  Assignable<v.InferOutput<typeof WorkspaceRow>, Workspace>,
  Assignable<v.InferOutput<typeof AnswerRow>, Answer>,
  Assignable<v.InferOutput<typeof AssignmentRow>, Assignment>,
  Assignable<Omit<v.InferOutput<typeof ActivityRow>, 'kind'>, Omit<Activity, 'kind'>>,
  Assignable<v.InferOutput<typeof DocumentRow>, EvidenceDoc>,
  Assignable<v.InferOutput<typeof TextRow>, EvidenceText>,
  Assignable<v.InferOutput<typeof LinkRow>, EvidenceLink>,
  Assignable<v.InferOutput<typeof DismissalRow>, FlagDismissal>,
  Assignable<v.InferOutput<typeof ReviewRow>, Review>,
  Assignable<v.InferOutput<typeof RevisionItemRow>, RevisionItem>,
] = [true, true, true, true, true, true, true, true, true, true];

/** `path: message` for each valibot issue (same style as the rules file loader). */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], max = 20): string[] {
  return issues.slice(0, max).map((i) => {
    const path = (i.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('').replace(/^\./, '');
    return `${path || '(root)'}: ${i.message}`;
  });
}
