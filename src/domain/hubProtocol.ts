/**
 * The hub's sync protocol, shared by the hub (src/hub) and the app's sync engine (src/db/hubSync):
 * the operations a client pushes and the changes it pulls. docs/hub.md describes the rules.
 */
export type HubField = 'value' | 'note' | 'status' | 'points';

/**
 * Operation ids start with the device's id and a dash (`<device>-<n>`): the feed names the device
 * a change came from, so a device skips only its own changes, never its user's on another device.
 * `base` is the value the editor saw before the edit: a replaced value that differs from it was a
 * real conflict (two people editing at once), shown as such.
 */
export type HubOp =
  | { opId: string; kind: 'answer'; questionCode: string; field: HubField; value: unknown; base?: unknown; editedAt: string }
  | { opId: string; kind: 'link'; documentId: string; questionCode: string; page?: number | null; pageTo?: number | null; removed: boolean; editedAt: string; /** made from the app's suggestion, not checked since (absent: an officer's own, or checked) */ suggested?: boolean }
  /** A suggestion's link checked by an officer: only its mark goes (not a link write: its pages, removal and time stay). */
  | { opId: string; kind: 'link-check'; documentId: string; questionCode: string; editedAt: string }
  /** A document deleted (a tombstone on the hub) or put back (Urungkan). */
  | { opId: string; kind: 'document'; documentId: string; removed: boolean; editedAt: string }
  /** An evaluator's review of one question (a draft until sent): the whole review, last edit wins. */
  | { opId: string; kind: 'review'; questionCode: string; verdict: HubVerdict | null; note: string; points: number | null; markForReview: boolean; editedAt: string }
  /** Who answers one question (the officer's): the whole list of agencies, last edit wins. */
  | { opId: string; kind: 'assignment'; questionCode: string; agencies: string[]; editedAt: string }
  /** Kirim catatan: the evaluator's current reviews go to the city as one delivery. */
  | { opId: string; kind: 'send-reviews'; editedAt: string }
  /** The city's own name for its office (Pengaturan; '' for the app's default), the officer's: last edit wins. */
  | { opId: string; kind: 'office'; office: string; editedAt: string };

export const HUB_VERDICTS = ['sesuai', 'perlu-perbaikan', 'salah-klaster', 'dokumen-tidak-ada'] as const;

/** An evaluator's note is at most this long (a page of text): the note box stops there and the hub refuses longer ones. */
export const MAX_REVIEW_NOTE = 10_000;
export type HubVerdict = (typeof HUB_VERDICTS)[number];

/** A `review` feed entry (seen only by the evaluator's own devices). */
export interface HubReviewBody {
  questionCode: string;
  verdict: HubVerdict | null;
  note: string;
  points: number | null;
  markForReview: boolean;
  editedAt: string;
  by: string;
}

/**
 * A `reviews-delivered` feed entry (seen by the officer's devices and the sender's): every note
 * of one evaluator at the moment of sending. `deliveredAt` is the hub's time of arrival, when the
 * city could first read them: the revision countdown starts there.
 */
export interface HubDeliveryBody {
  reviewer: string;
  deliveredAt: string;
  reviews: { questionCode: string; verdict: HubVerdict | null; note: string; editedAt: string }[];
}

export type HubOpResult = { opId: string; status: 'applied' | 'overwritten' | 'duplicate' | 'refused'; reason?: string };

/** One entry of the change feed. `userId` is who pushed it, `origin` the device. */
export interface HubChange {
  seq: number;
  kind: 'answer' | 'answer-lost' | 'link' | 'link-lost' | 'document' | 'document-deleted' | 'document-restored' | 'assignments' | 'review' | 'reviews-delivered' | 'office' | string;
  questionCode: string | null;
  documentId: string | null;
  userId: string | null;
  origin: string | null;
  /** An answer entry a later entry of the same field replaced: not to be applied. */
  superseded?: boolean;
  body: unknown;
  overwritten: unknown;
  at: string;
}

export interface HubAnswerBody {
  questionCode: string;
  field: HubField;
  value: unknown;
  editedAt: string;
  by: string;
}

export interface HubLinkBody {
  documentId: string;
  questionCode: string;
  page: number | null;
  pageTo: number | null;
  removed: boolean;
  editedAt: string;
  by: string;
  /** Made from the app's suggestion and not checked since (absent: an officer's own, or checked). */
  suggested?: boolean;
  /** The document's name and when it came to the hub (added at pull): an agency's copy names a document it may not read. */
  name?: string;
  documentAt?: string | null;
}

/** An `office` feed entry (every device of the workspace): the office's name the hub keeps. */
export interface HubOfficeBody {
  office: string;
  editedAt: string;
  by: string;
}

export interface HubDocumentBody {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  agencyId: string | null;
  by: string;
}

/** A document's deletion or restore (`document-deleted`, `document-restored`): the document as
 *  registered, and who decided its state when. */
export interface HubDocumentStateBody extends HubDocumentBody {
  removed: boolean;
  editedAt: string;
}

export const deviceOf = (opId: string): string => opId.slice(0, Math.max(0, opId.indexOf('-')));

export interface HubDocumentMeta {
  /** The uploading device. */
  device?: string;
  documentId: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
}

/** The app's answer fields and the hub's names for them. */
export const HUB_FIELD = { notes: 'note', dataValues: 'value', status: 'status', points: 'points' } as const;
export const LOCAL_FIELD: Record<HubField, 'notes' | 'dataValues' | 'status' | 'points'> = { note: 'notes', value: 'dataValues', status: 'status', points: 'points' };
