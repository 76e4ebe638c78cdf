/**
 * Evidence storage. One document = metadata (documents), bytes (blobs, plus `<id>#thumb`) and
 * extracted text (texts), always written or deleted together in ONE transaction: a tab closed in
 * the middle of a batch leaves every finished file whole and no orphan parts. The same bytes
 * (SHA-256) are stored once per workspace.
 */
import type { Classification } from '../domain/classifier/classify';
import type { Activity, EvidenceDoc, EvidenceLink, EvidenceText, ReadState, EvidenceKind } from '../domain/model';
import type { PageCite } from '../domain/evidence/pageCite';
import { revealQuota } from './client';
import type { KlaDb } from './schema';
import { toStored, type StoredText } from './texts';
import { assertEditable, assertLinkable, newId } from './queries';
import { nextDocNo } from './searchIndex';

export interface ReadDocument {
  sha256: string;
  kind: EvidenceKind;
  mime: string;
  size: number;
  pages?: number;
  text: string;
  pageTexts?: string[];
  thumbnail?: Blob;
  title?: string;
  docDate?: string;
  readState: ReadState;
  problem?: string;
  hasScripts?: boolean;
  classification?: EvidenceDoc['classification'];
}

export type StoreOutcome = { status: 'stored'; doc: EvidenceDoc } | { status: 'duplicate'; doc: EvidenceDoc };

export interface StoreOptions {
  agency?: string;
  /** `agency` is the reader's guess, to be confirmed by the officer. */
  agencyGuessed?: boolean;
  /** The file's intake record (db/intakeQueue.ts): settled in the document's own transaction. */
  recordId?: string;
  /** Link to these questions right away (e.g. dropped on a question). */
  linkTo?: ({ code: string } & PageCite)[];
  now?: number;
  /** The document's id (from the city hub, so links name it the same everywhere); new by default. */
  id?: string;
  /** Brought by the hub from another user: logged with their name and never sent back. */
  via?: { hub: string };
}

export async function storeDocument(db: KlaDb, workspaceId: string, name: string, bytes: Blob, read: ReadDocument, opts: StoreOptions = {}): Promise<StoreOutcome> {
  const now = opts.now ?? Date.now();
  // a full disk shows on the transaction, not on the request that failed (src/db/client.ts)
  return revealQuota((keep) => db.transaction('rw', [...docTables(db), db.links, db.activity, db.workspaces, db.intakeQueue], async (tx) => {
    keep(tx as never);
    const out = await storeTx(db, workspaceId, name, bytes, read, opts, now);
    if (opts.recordId) await db.intakeQueue.update(opts.recordId, { state: out.status, documentId: out.doc.id });
    return out;
  }));
}

async function storeTx(db: KlaDb, workspaceId: string, name: string, bytes: Blob, read: ReadDocument, opts: StoreOptions, now: number): Promise<StoreOutcome> {
  await assertEditable(db, workspaceId, now, { fromHub: !!opts.via });
  const existing = await db.documents.where('[workspaceId+sha256]').equals([workspaceId, read.sha256]).first();
  if (existing) {
    for (const l of opts.linkTo ?? []) await addLinkTx(db, workspaceId, existing.id, l.code, l, now);
    return { status: 'duplicate', doc: existing };
  }
  const doc: EvidenceDoc = {
    id: opts.id ?? newId(),
    workspaceId,
    sha256: read.sha256,
    name,
    mime: read.mime,
    kind: read.kind,
    size: read.size,
    pages: read.pages,
    addedAt: now,
    agency: opts.agency,
    ...(opts.agency && opts.agencyGuessed ? { agencyGuessed: true } : {}),
    docDate: read.docDate,
    readState: read.readState,
    problem: read.problem,
    hasScripts: read.hasScripts,
    textLength: read.text.length,
    title: read.title,
  };
  await addDocumentRows(db, doc, { id: doc.id, workspaceId, text: read.text, pages: read.pageTexts }, read.classification);
  await db.blobs.add({ id: doc.id, data: bytes });
  if (read.thumbnail) await db.blobs.add({ id: `${doc.id}#thumb`, data: read.thumbnail });
  const via = opts.via ? { via: 'hub', by: opts.via.hub } : {};
  await db.activity.add({ workspaceId, at: now, kind: 'evidence-added', detail: { documentId: doc.id, name, sha256: read.sha256, size: read.size, ...via } });
  for (const l of opts.linkTo ?? []) await addLinkTx(db, workspaceId, doc.id, l.code, l, now);
  return { status: 'stored', doc };
}

/**
 * The tables a document's own rows live in (plus `blobs`): every write of a document takes them
 * all. Never the index's own tables (postings, blooms): the search worker holds those for seconds.
 */
export const docTables = (db: KlaDb) => [db.documents, db.blobs, db.texts, db.classifications, db.searchPending, db.settings];

/**
 * A document's rows: the light row (with a new number for the search index), its text, its
 * classification apart, and a place in the search queue. Call inside a `docTables` transaction.
 */
export async function addDocumentRows(db: KlaDb, doc: EvidenceDoc, text: EvidenceText, classification: Classification | undefined): Promise<EvidenceDoc> {
  const { classification: _inline, ...row } = doc;
  const stored: EvidenceDoc = { ...row, no: await nextDocNo(db) };
  await db.documents.put(stored);
  await db.texts.put(toStored(text));
  const c = classification ?? _inline;
  if (c) await db.classifications.put({ id: doc.id, workspaceId: doc.workspaceId, classification: c });
  await db.searchPending.put({ id: doc.id, workspaceId: doc.workspaceId });
  return stored;
}

async function addLinkTx(db: KlaDb, workspaceId: string, documentId: string, code: string, cite: PageCite | undefined, now: number, via?: 'suggestion'): Promise<EvidenceLink | null> {
  await assertLinkable(db, workspaceId, code);
  const page = cite?.page;
  const pageTo = page && cite?.pageTo && cite.pageTo > page ? cite.pageTo : undefined;
  const same = await db.links.where('[documentId+code]').equals([documentId, code]).first();
  if (same) {
    // the officer links it herself (a typed code, a page cited, a drop): a suggestion's link is checked
    if (same.suggested) await markChecked(db, same, now);
    // a new citation is logged with the one it replaced
    if (same.page !== page || same.pageTo !== pageTo) {
      await db.links.update(same.id, { page, pageTo });
      await db.activity.add({ workspaceId, at: now, kind: 'evidence-linked', code, detail: { documentId, page: page ?? null, ...(pageTo ? { pageTo } : {}), was: { page: same.page ?? null, ...(same.pageTo ? { pageTo: same.pageTo } : {}) } } });
    }
    return null;
  }
  const link: EvidenceLink = { id: newId(), workspaceId, documentId, code, page, ...(pageTo ? { pageTo } : {}), createdAt: now };
  await db.links.add(link);
  await db.activity.add({ workspaceId, at: now, kind: 'evidence-linked', code, detail: { documentId, page: page ?? null, ...(pageTo ? { pageTo } : {}), ...(via ? { via } : {}) } });
  return link;
}

/**
 * Link documents to the questions their reading suggests, in one step (the evidence list's
 * "Tautkan ke saran"). Returns the links made (a pair already linked makes none), for Urungkan.
 */
/** A document and the question it goes to; `typed`: the officer typed the code (not a suggestion's). */
export interface LinkPair {
  documentId: string;
  code: string;
  typed?: boolean;
}

export async function linkSuggested(db: KlaDb, workspaceId: string, pairs: LinkPair[], now = Date.now()): Promise<string[]> {
  return db.transaction('rw', db.links, db.activity, db.workspaces, async () => {
    await assertEditable(db, workspaceId, now);
    for (const code of new Set(pairs.map((p) => p.code))) await assertLinkable(db, workspaceId, code);
    // a pair already linked is left as it is (its page citation too), and a pair given twice is one
    // link; read and written in bulk: one request per pair made 3,887 links take ~40 s on a slow laptop
    const key = (documentId: string, code: string) => `${documentId}|${code}`;
    const have = new Set((await db.links.where('[documentId+code]').anyOf(pairs.map((p) => [p.documentId, p.code])).toArray()).map((l) => key(l.documentId, l.code)));
    const links: EvidenceLink[] = [];
    const log: Activity[] = [];
    for (const p of pairs) {
      if (have.has(key(p.documentId, p.code))) continue;
      have.add(key(p.documentId, p.code));
      links.push({ id: newId(), workspaceId, documentId: p.documentId, code: p.code, createdAt: now, ...(p.typed ? {} : { suggested: true as const }) });
      // the history says "from a suggestion" only of the suggestion's own links
      log.push({ workspaceId, at: now, kind: 'evidence-linked', code: p.code, detail: { documentId: p.documentId, page: null, ...(p.typed ? {} : { via: 'suggestion' }) } });
    }
    await db.links.bulkAdd(links);
    await db.activity.bulkAdd(log);
    return links.map((l) => l.id);
  });
}

/**
 * The officer has looked at these links made from suggestions and keeps them: they count as
 * evidence in hand from now on (logged, one entry a link). Returns how many were unchecked.
 */
export async function checkLinks(db: KlaDb, workspaceId: string, linkIds: string[], now = Date.now()): Promise<number> {
  return db.transaction('rw', db.links, db.activity, db.workspaces, async () => {
    await assertEditable(db, workspaceId, now);
    const links = (await db.links.bulkGet(linkIds)).filter((l): l is EvidenceLink => !!l && l.workspaceId === workspaceId && !!l.suggested);
    for (const l of links) await markChecked(db, l, now);
    return links.length;
  });
}

/** A suggestion's link, checked: its mark goes, and the history says so (inside a links+activity transaction). */
async function markChecked(db: KlaDb, link: EvidenceLink, now: number): Promise<void> {
  const { suggested: _, ...checked } = link;
  await db.links.put(checked);
  await db.activity.add({ workspaceId: link.workspaceId, at: now, kind: 'evidence-checked', code: link.code, detail: { documentId: link.documentId } });
}

/** Take back the links one step made (Urungkan); links removed since are left alone. Returns how many went. */
export const undoLinks = (db: KlaDb, workspaceId: string, linkIds: string[], now = Date.now()): Promise<number> => undoLinkChange(db, workspaceId, { removed: [], added: linkIds }, now);

/** The documents linked to one question, each with its link (a document deleted meanwhile is left out). */
export async function questionEvidence(db: KlaDb, workspaceId: string, code: string): Promise<{ link: EvidenceLink; doc: EvidenceDoc }[]> {
  const links = await db.links.where('[workspaceId+code]').equals([workspaceId, code]).toArray();
  const docs = await db.documents.bulkGet(links.map((l) => l.documentId));
  return links.flatMap((link, i) => (docs[i] ? [{ link, doc: docs[i] }] : []));
}

/** Link a document to a question, citing a page or a run of pages (or none); a repeated link updates its citation. */
export async function linkDocument(db: KlaDb, workspaceId: string, documentId: string, code: string, cite?: PageCite, now = Date.now()): Promise<LinkChange> {
  return db.transaction('rw', db.links, db.activity, db.workspaces, async () => {
    await assertEditable(db, workspaceId, now);
    const before = await db.links.where('[documentId+code]').equals([documentId, code]).first();
    const made = await addLinkTx(db, workspaceId, documentId, code, cite, now);
    if (made) return { added: [made.id], removed: [] };
    // a new citation for a link already made: Urungkan puts the old one back
    const after = before && (await db.links.get(before.id));
    const recited = !!before && !!after && (after.page !== before.page || after.pageTo !== before.pageTo);
    return recited ? { added: [before.id], removed: [before] } : { added: [], removed: [] };
  });
}

/** What a link step changed, so that Urungkan can put it back (undoLinkChange). */
export interface LinkChange {
  removed: EvidenceLink[];
  added: string[];
}

export async function unlinkDocument(db: KlaDb, workspaceId: string, documentId: string, code: string, now = Date.now()): Promise<LinkChange> {
  return db.transaction('rw', db.links, db.activity, db.workspaces, async () => {
    await assertEditable(db, workspaceId, now);
    const links = await db.links.where('[documentId+code]').equals([documentId, code]).toArray();
    if (!links.length) return { removed: [], added: [] };
    await db.links.bulkDelete(links.map((l) => l.id));
    await db.activity.add({ workspaceId, at: now, kind: 'evidence-unlinked', code, detail: { documentId } });
    return { removed: links, added: [] };
  });
}

/** Move (or, with keep=true, add) a link from one question to another; logged with where it came from. */
export async function moveLink(db: KlaDb, workspaceId: string, documentId: string, from: string, to: string, opts: { keep?: boolean; reason?: string; now?: number } = {}): Promise<LinkChange> {
  const now = opts.now ?? Date.now();
  return db.transaction('rw', db.links, db.activity, db.workspaces, async () => {
    await assertEditable(db, workspaceId, now);
    await assertLinkable(db, workspaceId, to);
    const change: LinkChange = { removed: [], added: [] };
    const old = await db.links.where('[documentId+code]').equals([documentId, from]).first();
    if (!opts.keep && old) {
      await db.links.delete(old.id);
      change.removed.push(old);
    }
    const exists = await db.links.where('[documentId+code]').equals([documentId, to]).first();
    if (!exists) {
      const id = newId();
      await db.links.add({ id, workspaceId, documentId, code: to, page: old?.page, ...(old?.pageTo ? { pageTo: old.pageTo } : {}), createdAt: now });
      change.added.push(id);
    }
    await db.activity.add({ workspaceId, at: now, kind: 'evidence-moved', code: to, detail: { documentId, from, to, kept: !!opts.keep, reason: opts.reason ?? null } });
    return change;
  });
}

/**
 * Urungkan for a link step: the links it added go, the links it removed come back as they were
 * (same id, same page). Links changed since are left alone. Each undone change is logged.
 * Returns how many links changed back.
 */
export async function undoLinkChange(db: KlaDb, workspaceId: string, change: LinkChange, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.links, db.activity, db.workspaces, db.documents, async () => {
    await assertEditable(db, workspaceId, now);
    const added = (await db.links.bulkGet(change.added)).filter((l): l is EvidenceLink => !!l && l.workspaceId === workspaceId);
    await db.links.bulkDelete(added.map((l) => l.id));
    for (const l of added) await db.activity.add({ workspaceId, at: now, kind: 'evidence-unlinked', code: l.code, detail: { documentId: l.documentId, undo: true } });
    let back = 0;
    for (const l of change.removed) {
      if (l.workspaceId !== workspaceId || (await db.links.where('[documentId+code]').equals([l.documentId, l.code]).count())) continue;
      if (!(await db.documents.get(l.documentId))) continue;
      await db.links.add(l);
      await db.activity.add({ workspaceId, at: now, kind: 'evidence-linked', code: l.code, detail: { documentId: l.documentId, page: l.page ?? null, ...(l.pageTo ? { pageTo: l.pageTo } : {}), undo: true } });
      back++;
    }
    return added.length + back;
  });
}

export async function setDocumentAgency(db: KlaDb, documentId: string, agency: string | undefined, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.documents, db.workspaces, async () => {
    const doc = await db.documents.get(documentId);
    if (!doc) return;
    await assertEditable(db, doc.workspaceId, now);
    // the officer's choice (or her keeping the guess) is no longer a guess
    await db.documents.update(documentId, { agency, agencyGuessed: undefined });
  });
}

/**
 * What deleting a document took away, kept in memory so that Urungkan can put it back
 * (restoreDocument): its rows as stored (with its search number, so its postings resolve again),
 * its file and thumbnail as Blob references (the browser keeps a stored Blob's bytes while a
 * reference to it lives), and its links.
 */
export interface RemovedDocument {
  doc: EvidenceDoc;
  blob: Blob | null;
  thumb: Blob | null;
  text: StoredText | undefined;
  classification: { id: string; workspaceId: string; classification: Classification } | undefined;
  links: EvidenceLink[];
}

/** Delete a document, its file, text and links; returns what Urungkan needs (null: nothing to delete), and keeps the same in the trash for 30 days (db/trash.ts). */
export async function deleteDocument(db: KlaDb, workspaceId: string, documentId: string, now = Date.now(), opts: { via?: { hub: string } } = {}): Promise<RemovedDocument | null> {
  return db.transaction('rw', [...docTables(db), db.links, db.activity, db.workspaces, db.trash], async () => {
    await assertEditable(db, workspaceId, now, { fromHub: !!opts.via });
    const doc = await db.documents.get(documentId);
    if (!doc) return null;
    const [blob, thumb, text, classification, links] = await Promise.all([db.blobs.get(documentId), db.blobs.get(`${documentId}#thumb`), db.texts.get(documentId), db.classifications.get(documentId), db.links.where('documentId').equals(documentId).toArray()]);
    await db.links.where('documentId').equals(documentId).delete();
    await db.blobs.bulkDelete([documentId, `${documentId}#thumb`]);
    await removeDocumentRows(db, doc);
    const via = opts.via ? { via: 'hub', by: opts.via.hub } : {};
    await db.activity.add({ workspaceId, at: now, kind: 'evidence-removed', detail: { documentId, name: doc.name, sha256: doc.sha256, ...via } });
    const removed = { doc, blob: blob?.data ?? null, thumb: thumb?.data ?? null, text, classification, links };
    // kept 30 days for "Dokumen terhapus" (db/trash.ts)
    await db.trash.put({ ...removed, id: doc.id, workspaceId: doc.workspaceId, deletedAt: now });
    return removed;
  });
}

/**
 * Put a deleted document back (Urungkan): 'restored', or why not: its file is gone ('missing'),
 * or it is back already, under its id or as the same file added again since ('present': a
 * workspace holds a file once). Links whose question already holds it again are skipped.
 */
export async function restoreDocument(db: KlaDb, workspaceId: string, removed: RemovedDocument, now = Date.now()): Promise<'restored' | 'missing' | 'present'> {
  const { doc } = removed;
  if (!removed.blob) return 'missing';
  return db.transaction('rw', [...docTables(db), db.links, db.activity, db.workspaces, db.trash], async () => {
    await assertEditable(db, workspaceId, now);
    if ((await db.documents.get(doc.id)) || (await db.documents.where('[workspaceId+sha256]').equals([doc.workspaceId, doc.sha256]).count())) return 'present';
    await db.blobs.put({ id: doc.id, data: removed.blob! });
    if (removed.thumb) await db.blobs.put({ id: `${doc.id}#thumb`, data: removed.thumb });
    await db.documents.put(doc);
    if (removed.text) await db.texts.put(removed.text);
    if (removed.classification) await db.classifications.put(removed.classification);
    // indexed again: postings are sets, so those still in the index merge with the new ones
    await db.searchPending.put({ id: doc.id, workspaceId: doc.workspaceId });
    for (const l of removed.links) if (!(await db.links.where('[documentId+code]').equals([l.documentId, l.code]).count())) await db.links.add(l);
    await db.activity.add({ workspaceId, at: now, kind: 'evidence-restored', detail: { documentId: doc.id, name: doc.name, links: removed.links.length } });
    await db.trash.delete(doc.id);
    return 'restored';
  });
}

/**
 * The rows `addDocumentRows` wrote. The index's postings of its number simply stop resolving;
 * its pair filter is left too (a few KB, dropped with the workspace): deleting it here would
 * make every document write wait for the index's transactions.
 */
async function removeDocumentRows(db: KlaDb, doc: EvidenceDoc): Promise<void> {
  await Promise.all([db.texts.delete(doc.id), db.classifications.delete(doc.id), db.searchPending.delete(doc.id)]);
  await db.documents.delete(doc.id);
}

/** Replace a document's reading results (e.g. after the officer gave the PDF's password). */
export async function updateReading(db: KlaDb, documentId: string, read: ReadDocument): Promise<void> {
  await db.transaction('rw', [...docTables(db), db.workspaces], async () => {
    const doc = await db.documents.get(documentId);
    if (!doc) return;
    await assertEditable(db, doc.workspaceId);
    // a new number: the old text's postings stop resolving, the new text is indexed afresh
    await removeDocumentRows(db, doc);
    const next = { ...doc, pages: read.pages, readState: read.readState, problem: read.problem, textLength: read.text.length, title: read.title ?? doc.title, docDate: read.docDate ?? doc.docDate };
    await addDocumentRows(db, next, { id: documentId, workspaceId: doc.workspaceId, text: read.text, pages: read.pageTexts }, read.classification);
    if (read.thumbnail) await db.blobs.put({ id: `${documentId}#thumb`, data: read.thumbnail });
  });
}

/** Consistency check used by tests and the storage screen: every part has its document and vice versa. */
export async function findOrphans(db: KlaDb): Promise<{ blobs: string[]; texts: string[]; docsWithoutBlob: string[]; links: string[] }> {
  const docIds = new Set(await db.documents.toCollection().primaryKeys());
  const blobIds = await db.blobs.toCollection().primaryKeys();
  const textIds = await db.texts.toCollection().primaryKeys();
  const links = await db.links.toArray();
  return {
    blobs: blobIds.filter((id) => !docIds.has(id.replace(/#thumb$/, ''))),
    texts: textIds.filter((id) => !docIds.has(id)),
    docsWithoutBlob: [...docIds].filter((id) => !blobIds.includes(id)),
    links: links.filter((l) => !docIds.has(l.documentId)).map((l) => l.id),
  };
}
