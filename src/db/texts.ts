/**
 * How a document's text is kept: its fields (`pages`, and `text` only when it is not their join)
 * as UTF-8 JSON, the very bytes of its line in an exported texts part (textsPart.ts
 * `FIELDS_JSON`). Read back, `text` and `pages` are parsed when first used; an export copies the
 * bytes. Older rows read as they are: `{text, pages}` (before 1 Dec 2026: every word twice), and
 * `{pages}` or `{text}` (before 3 Dec 2026: strings, made into JSON and UTF-8 on every export,
 * ~25 s of the page's time at 5,000 documents).
 */
import type { EvidenceText } from '../domain/model';
import { textFromPages } from '../domain/text';
import { encodeTextFields, textFromFields } from '../domain/exchange/textsPart';

/** A row of the `texts` table. */
export interface StoredText {
  id: string;
  workspaceId: string;
  /** The row's fields as UTF-8 JSON (rows written since 3 Dec 2026). */
  json?: Uint8Array;
  text?: string;
  pages?: string[];
}

export function toStored(t: EvidenceText): StoredText {
  return { id: t.id, workspaceId: t.workspaceId, json: encodeTextFields(t) };
}

export function fromStored(r: StoredText): EvidenceText;
export function fromStored(r: StoredText | undefined): EvidenceText | undefined;
export function fromStored(r: StoredText | undefined): EvidenceText | undefined {
  if (!r) return undefined;
  if (r.json) return textFromFields(r.id, r.workspaceId, r.json);
  if (typeof r.text === 'string') return r as EvidenceText;
  return textFromPages(r.id, r.workspaceId, r.pages ?? []);
}
