/**
 * The Dexie database: one per browser profile, holding every workspace.
 *
 * Versioning: each `db.version(n)` below is kept forever; a new version adds a new block with its
 * store changes and an `upgrade` that migrates the data. Never edit an old block: browsers that
 * already have that version would not run it again. test/unit/db/migration.test.ts opens a
 * database made by the previous version and checks every record survives.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Activity, Answer, Assignment, DocClassification, EvidenceBlob, EvidenceDoc, EvidenceLink, FlagDismissal, IntakeRecord, Review, RevisionItem, Workspace } from '../domain/model';
import type { StoredText } from './texts';
import type { TrashRow } from './trash';

export const DB_NAME = 'siap-kla';
/** The newest schema version this code declares (keep in step with the last `version(n)` below). */
export const SCHEMA_VERSION = 5;

/** A rules file the user loaded (the built-in 2024 file is stored too, so a workspace can always find its rules by hash). */
export interface StoredRules {
  hash: string;
  id: string;
  year: number;
  text: string;
  addedAt: number;
}

/** One segment of the search index (see STORES_V3 and src/domain/evidence/segment.ts). */
export interface SegmentRow {
  workspaceId: string;
  seg: number;
  /** Ascending document numbers (EvidenceDoc.no) of the segment. */
  docs: Uint32Array;
  /** The sorted terms, joined with newlines (terms never hold one). */
  terms: string;
  starts: Uint32Array;
  postings: Uint32Array;
}

export interface DocBloom {
  no: number;
  workspaceId: string;
  bits: Uint8Array;
}

export interface Setting {
  key: string;
  value: unknown;
}

/** Version 1 stores (kept verbatim for the migration test). */
export const STORES_V1 = {
  workspaces: 'id, updatedAt',
  answers: '[workspaceId+code], workspaceId, status, updatedAt',
  assignments: '[workspaceId+code], workspaceId, *agencies',
  activity: '++seq, workspaceId, [workspaceId+at], code',
  rules: 'hash, id',
  settings: 'key',
};

/**
 * Version 2: evidence (issue 3: bytes apart from metadata and extracted text), misfile flag
 * dismissals (issue 4), the evaluator's reviews and the city's revision checklist (issue 5).
 */
export const STORES_V2 = {
  documents: 'id, workspaceId, [workspaceId+sha256], addedAt, agency, kind, readState',
  blobs: 'id',
  texts: 'id, workspaceId',
  links: 'id, workspaceId, documentId, [workspaceId+code], [documentId+code]',
  flagDismissals: 'id, workspaceId',
  reviews: '[workspaceId+code], workspaceId',
  revisionItems: 'id, workspaceId, [workspaceId+code]',
};

/**
 * Version 3 (issue 9, scale):
 * - `documents` rows become light (what a list shows): the classification moves to its own
 *   table, and every document gets `no`, a number unique in the database, used by the search
 *   index's posting lists (four bytes a posting instead of a 36-character id);
 * - `segments`: the persisted inverted index, one row per segment (a batch of documents): its
 *   sorted terms and, per term, the numbers of its documents that contain it (src/db/searchIndex.ts);
 * - `blooms`: per document, a Bloom filter of its adjacent word pairs, for phrases and codes;
 * - `searchPending`: documents stored but not indexed yet (written in the same transaction as
 *   the document, so a crash never leaves a document unsearchable for good);
 * - `intakeQueue`: the files of an intake batch and their state, so that after a crash the app
 *   can name the files that were never stored.
 */
export const STORES_V3 = {
  documents: 'id, workspaceId, [workspaceId+sha256], addedAt, agency, kind, readState, &no',
  classifications: 'id, workspaceId',
  segments: '[workspaceId+seg], workspaceId',
  blooms: 'no, workspaceId',
  searchPending: 'id, workspaceId',
  intakeQueue: 'id, workspaceId, [workspaceId+state], batchId',
};

/**
 * Version 4: `trash`, the documents deleted in the last 30 days with what they took along (their
 * file, reading and links), so a deletion noticed after Urungkan's few seconds can still be taken
 * back (db/trash.ts). Keyed by the document's id; no data moves.
 */
export const STORES_V4 = {
  trash: 'id, workspaceId, deletedAt',
};

/**
 * Version 5: the activity log indexed by kind within a workspace, so Perangkat Daerah reads the
 * packs made and responses taken (db/agencyLog.ts) without scanning every answer's edit, and
 * is not read again on each of them (a live query watches the ranges it read). IndexedDB fills a
 * new index from the rows already stored; no data moves.
 */
export const STORES_V5 = {
  activity: '++seq, workspaceId, [workspaceId+at], code, [workspaceId+kind]',
};

/** The settings key of the last document number given out (see STORES_V3). */
export const DOC_SEQ_KEY = 'docSeq';

export class KlaDb extends Dexie {
  workspaces!: EntityTable<Workspace, 'id'>;
  answers!: Table<Answer, [string, string]>;
  assignments!: Table<Assignment, [string, string]>;
  activity!: EntityTable<Activity, 'seq'>;
  rules!: EntityTable<StoredRules, 'hash'>;
  settings!: EntityTable<Setting, 'key'>;
  documents!: EntityTable<EvidenceDoc, 'id'>;
  blobs!: EntityTable<EvidenceBlob, 'id'>;
  /** Read through `fromStored`, written through `toStored` (texts.ts). */
  texts!: EntityTable<StoredText, 'id'>;
  links!: EntityTable<EvidenceLink, 'id'>;
  flagDismissals!: EntityTable<FlagDismissal, 'id'>;
  reviews!: Table<Review, [string, string]>;
  revisionItems!: EntityTable<RevisionItem, 'id'>;
  classifications!: EntityTable<DocClassification, 'id'>;
  segments!: Table<SegmentRow, [string, number]>;
  blooms!: Table<DocBloom, number>;
  searchPending!: Table<{ id: string; workspaceId: string }, string>;
  intakeQueue!: EntityTable<IntakeRecord, 'id'>;
  trash!: EntityTable<TrashRow, 'id'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(STORES_V1);
    this.version(2)
      .stores(STORES_V2)
      .upgrade(async (tx) => {
        // v1 workspaces had no revision window setting: give them the default 48 hours.
        await tx
          .table('workspaces')
          .toCollection()
          .modify((w: Partial<Workspace>) => {
            if (typeof w.revisionHours !== 'number') w.revisionHours = 48;
          });
      });
    this.version(3)
      .stores(STORES_V3)
      .upgrade(async (tx) => {
        // light document rows, a number for each, and every document queued for the index
        let no = 0;
        const pending: { id: string; workspaceId: string }[] = [];
        const classes: DocClassification[] = [];
        await tx
          .table('documents')
          .toCollection()
          .modify((d: EvidenceDoc) => {
            d.no = ++no;
            pending.push({ id: d.id, workspaceId: d.workspaceId });
            if (d.classification) classes.push({ id: d.id, workspaceId: d.workspaceId, classification: d.classification });
            delete d.classification;
          });
        await tx.table('classifications').bulkPut(classes);
        await tx.table('searchPending').bulkPut(pending);
        await tx.table('settings').put({ key: DOC_SEQ_KEY, value: no });
      });

    this.version(4).stores(STORES_V4);
    this.version(5).stores(STORES_V5);

    // The activity log is append-only: refuse edits and deletions at the lowest level.
    this.activity.hook('updating', () => {
      throw new Error('activity log is append-only');
    });
    // The one exception: deleting a whole workspace (asked for by the user) purges its log in the
    // same transaction, marked on the transaction by `purgeWorkspace`.
    this.activity.hook('deleting', (_key, obj, tx) => {
      if ((tx as unknown as { purgeWorkspace?: string }).purgeWorkspace !== obj.workspaceId) {
        throw new Error('activity log is append-only');
      }
    });
  }
}
