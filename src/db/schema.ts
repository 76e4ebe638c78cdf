/**
 * The Dexie database: one per browser profile, holding every workspace.
 *
 * Versioning: each `db.version(n)` below is kept forever; a new version adds a new block with its
 * store changes and an `upgrade` that migrates the data. Never edit an old block: browsers that
 * already have that version would not run it again. test/unit/db/migration.test.ts opens a
 * database made by the previous version and checks every record survives.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Activity, Answer, Assignment, EvidenceBlob, EvidenceDoc, EvidenceLink, EvidenceText, FlagDismissal, Review, RevisionItem, Workspace } from '../domain/model';

export const DB_NAME = 'siap-kla';
/** The newest schema version this code declares (keep in step with the last `version(n)` below). */
export const SCHEMA_VERSION = 2;

/** A rules file the user loaded (the built-in 2024 file is stored too, so a workspace can always find its rules by hash). */
export interface StoredRules {
  hash: string;
  id: string;
  year: number;
  text: string;
  addedAt: number;
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

export class KlaDb extends Dexie {
  workspaces!: EntityTable<Workspace, 'id'>;
  answers!: Table<Answer, [string, string]>;
  assignments!: Table<Assignment, [string, string]>;
  activity!: EntityTable<Activity, 'seq'>;
  rules!: EntityTable<StoredRules, 'hash'>;
  settings!: EntityTable<Setting, 'key'>;
  documents!: EntityTable<EvidenceDoc, 'id'>;
  blobs!: EntityTable<EvidenceBlob, 'id'>;
  texts!: EntityTable<EvidenceText, 'id'>;
  links!: EntityTable<EvidenceLink, 'id'>;
  flagDismissals!: EntityTable<FlagDismissal, 'id'>;
  reviews!: Table<Review, [string, string]>;
  revisionItems!: EntityTable<RevisionItem, 'id'>;

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
