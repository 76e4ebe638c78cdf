/**
 * How a document's text is kept. The readers give the text and its pages, and the text is
 * nearly always the pages joined: storing both kept every word twice (at 5,000 documents,
 * 289 MB of text stored and read as ~580 MB). A row keeps the pages alone when the text is
 * their join, and the text is made again, when first used, from a row read. Rows written before
 * this change (with both) read as they are.
 */
import type { EvidenceText } from '../domain/model';
import { isJoinOf, TEXT_IS_JOIN, textFromPages } from '../domain/text';

/** A row of the `texts` table: `text` absent when it is `joinPages(pages)`. */
export interface StoredText {
  id: string;
  workspaceId: string;
  text?: string;
  pages?: string[];
}

export function toStored(t: EvidenceText): StoredText {
  const { id, workspaceId, pages } = t;
  if (pages?.length && (TEXT_IS_JOIN in t || isJoinOf(t.text, pages))) return { id, workspaceId, pages };
  const { text } = t;
  return pages?.length ? { id, workspaceId, text, pages } : { id, workspaceId, text };
}

export function fromStored(r: StoredText): EvidenceText;
export function fromStored(r: StoredText | undefined): EvidenceText | undefined;
export function fromStored(r: StoredText | undefined): EvidenceText | undefined {
  if (!r) return undefined;
  if (typeof r.text === 'string') return r as EvidenceText;
  return textFromPages(r.id, r.workspaceId, r.pages ?? []);
}
