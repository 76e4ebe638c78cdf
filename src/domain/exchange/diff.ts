/**
 * "What changed since my review": the evaluator compares the city snapshot they reviewed with
 * the city's revised file and re-checks only what moved.
 *
 * - `diffBasis(snapshot)`: the part of a snapshot the comparison needs (answers, documents,
 *   links), trimmed and sorted; small enough to keep in the database as the review baseline.
 * - `fingerprint(basis)`: SHA-256 of that basis in canonical JSON; an evaluator's response names
 *   the fingerprint it is about (`basedOn`), and equal fingerprints mean nothing changed.
 * - `diffSnapshots(before, after)`: evidence links added / removed / replaced / moved, and
 *   questions re-answered (points, status, notes or data values changed).
 */
import type { Answer, AnswerStatus, EvidenceDoc, EvidenceLink } from '../model';
import { sha256HexOf, utf8 } from './bytes';
import type { PageCite } from '../evidence/pageCite';

export interface DiffBasis {
  answers: Pick<Answer, 'code' | 'points' | 'status' | 'notes' | 'dataValues'>[];
  documents: Pick<EvidenceDoc, 'id' | 'sha256' | 'name' | 'size'>[];
  links: Pick<EvidenceLink, 'id' | 'documentId' | 'code' | 'page' | 'pageTo'>[];
}

export interface DocRef {
  documentId: string;
  name: string;
  sha256: string;
}

export interface LinkChange extends DocRef {
  code: string;
  page?: number;
  pageTo?: number;
}

export interface SnapshotDiff {
  evidence: {
    added: LinkChange[];
    removed: LinkChange[];
    /** Same question, the old document gone (or its file changed) and a new one in its place. */
    replaced: { code: string; from: DocRef; to: DocRef }[];
    /** Same document, linked to another question (or another page of the same question). */
    moved: (DocRef & { from: { code: string } & PageCite; to: { code: string } & PageCite })[];
  };
  reanswered: {
    code: string;
    fields: ('points' | 'status' | 'notes' | 'dataValues')[];
    before: { points: number | null; status: AnswerStatus; notes: string };
    after: { points: number | null; status: AnswerStatus; notes: string };
  }[];
  /** Every question code touched, sorted: the ones to re-check. */
  questions: string[];
  empty: boolean;
}

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const sortedObject = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** A link's citation, with only the fields it has (older bases have no pageTo, and hash the same). */
const cite = (l: PageCite): PageCite => ({ ...(l.page !== undefined ? { page: l.page } : {}), ...(l.pageTo !== undefined ? { pageTo: l.pageTo } : {}) });

export function diffBasis(s: { answers: Answer[]; documents: EvidenceDoc[]; links: EvidenceLink[] } | DiffBasis): DiffBasis {
  return {
    answers: s.answers.map((a) => ({ code: a.code, points: a.points, status: a.status, notes: a.notes, dataValues: sortedObject(a.dataValues ?? {}) })).sort(byKey((a) => a.code)),
    documents: s.documents.map((d) => ({ id: d.id, sha256: d.sha256, name: d.name, size: d.size })).sort(byKey((d) => d.id)),
    links: s.links.map((l) => ({ id: l.id, documentId: l.documentId, code: l.code, ...cite(l) })).sort(byKey((l) => l.id)),
  };
}

export async function fingerprint(basis: DiffBasis): Promise<string> {
  return sha256HexOf(utf8.encode(JSON.stringify(diffBasis(basis))));
}

const EMPTY = { points: null, status: 'not-started' as AnswerStatus, notes: '', dataValues: {} as Record<string, string> };

export function diffSnapshots(beforeIn: DiffBasis, afterIn: DiffBasis): SnapshotDiff {
  const before = diffBasis(beforeIn);
  const after = diffBasis(afterIn);
  const touched = new Set<string>();

  // answers
  const reanswered: SnapshotDiff['reanswered'] = [];
  const bAns = new Map(before.answers.map((a) => [a.code, a]));
  const aAns = new Map(after.answers.map((a) => [a.code, a]));
  for (const code of [...new Set([...bAns.keys(), ...aAns.keys()])].sort()) {
    const b = bAns.get(code) ?? EMPTY;
    const a = aAns.get(code) ?? EMPTY;
    const fields: SnapshotDiff['reanswered'][number]['fields'] = [];
    if (b.points !== a.points) fields.push('points');
    if (b.status !== a.status) fields.push('status');
    if (b.notes !== a.notes) fields.push('notes');
    if (JSON.stringify(b.dataValues) !== JSON.stringify(a.dataValues)) fields.push('dataValues');
    if (fields.length) {
      reanswered.push({ code, fields, before: { points: b.points, status: b.status, notes: b.notes }, after: { points: a.points, status: a.status, notes: a.notes } });
      touched.add(code);
    }
  }

  // evidence links, keyed by (document, question)
  const bDocs = new Map(before.documents.map((d) => [d.id, d]));
  const aDocs = new Map(after.documents.map((d) => [d.id, d]));
  const ref = (id: string, docs: Map<string, DiffBasis['documents'][number]>): DocRef => {
    const d = docs.get(id);
    return { documentId: id, name: d?.name ?? '', sha256: d?.sha256 ?? '' };
  };
  const pairKey = (l: { documentId: string; code: string }) => `${l.documentId}\u0000${l.code}`;
  const bPairs = new Map(before.links.map((l) => [pairKey(l), l]));
  const aPairs = new Map(after.links.map((l) => [pairKey(l), l]));
  let removed = before.links.filter((l) => !aPairs.has(pairKey(l)));
  let added = after.links.filter((l) => !bPairs.has(pairKey(l)));
  const moved: SnapshotDiff['evidence']['moved'] = [];
  const replaced: SnapshotDiff['evidence']['replaced'] = [];

  // kept links whose page changed: moved within the question
  for (const [k, a] of aPairs) {
    const b = bPairs.get(k);
    if (b && (b.page !== a.page || b.pageTo !== a.pageTo)) moved.push({ ...ref(a.documentId, aDocs), from: { code: b.code, ...cite(b) }, to: { code: a.code, ...cite(a) } });
    // the same document id with other bytes: replaced in place
    if (b && bDocs.get(a.documentId)?.sha256 !== aDocs.get(a.documentId)?.sha256) {
      replaced.push({ code: a.code, from: ref(a.documentId, bDocs), to: ref(a.documentId, aDocs) });
    }
  }

  // the same document (by id, else by identical bytes) unlinked from one question and linked to another
  const sameDoc = (b: { documentId: string }, a: { documentId: string }) =>
    b.documentId === a.documentId || (bDocs.get(b.documentId)?.sha256 !== undefined && bDocs.get(b.documentId)?.sha256 === aDocs.get(a.documentId)?.sha256);
  for (const b of [...removed]) {
    const a = added.find((x) => sameDoc(b, x) && x.code !== b.code);
    if (!a) continue;
    moved.push({ ...ref(a.documentId, aDocs), from: { code: b.code, ...cite(b) }, to: { code: a.code, ...cite(a) } });
    removed = removed.filter((x) => x !== b);
    added = added.filter((x) => x !== a);
  }

  // on one question, a document that is gone from the workspace and a new one that was not there: replaced
  for (const b of [...removed]) {
    if (aDocs.has(b.documentId)) continue;
    const a = added.find((x) => x.code === b.code && !bDocs.has(x.documentId));
    if (!a) continue;
    replaced.push({ code: b.code, from: ref(b.documentId, bDocs), to: ref(a.documentId, aDocs) });
    removed = removed.filter((x) => x !== b);
    added = added.filter((x) => x !== a);
  }

  const change = (l: DiffBasis['links'][number], docs: typeof bDocs): LinkChange => ({ ...ref(l.documentId, docs), code: l.code, ...cite(l) });
  const evidence = {
    added: added.map((l) => change(l, aDocs)),
    removed: removed.map((l) => change(l, bDocs)),
    replaced,
    moved,
  };
  for (const c of [...evidence.added, ...evidence.removed]) touched.add(c.code);
  for (const r of replaced) touched.add(r.code);
  for (const m of moved) (touched.add(m.from.code), touched.add(m.to.code));
  const questions = [...touched].sort();
  return { evidence, reanswered, questions, empty: questions.length === 0 };
}
