// @vitest-environment node
/** Text rows keep their fields as UTF-8 JSON, the pages alone when the text is their join (src/db/texts.ts). */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { KlaDb } from '../../../src/db/schema';
import { fromStored, toStored, type StoredText } from '../../../src/db/texts';
import { addDocumentRows } from '../../../src/db/evidence';
import type { EvidenceDoc, EvidenceText } from '../../../src/domain/model';
import { encodeTextRow } from '../../../src/domain/exchange/textsPart';

const pages = ['  Peraturan Daerah tentang Kota Layak Anak', 'Pasal 1\nKetentuan umum', 'Lampiran   '];
const joined = pages.join('\n\n').trim();

const fieldsOf = (r: StoredText): unknown => JSON.parse(new TextDecoder().decode(r.json));

describe('stored text rows', () => {
  it('keep the pages alone (as UTF-8 JSON) when the text is their join, and make the text again when read', () => {
    const t: EvidenceText = { id: 'd1', workspaceId: 'w', text: joined, pages };
    const stored = toStored(t);
    expect(Object.keys(stored)).toEqual(['id', 'workspaceId', 'json']);
    expect(stored.json).toBeInstanceOf(Uint8Array);
    expect(fieldsOf(stored)).toEqual({ pages });
    expect(fromStored(stored)).toEqual(t);
  });

  it('read back give their join as text, and go back out with the bytes they were read with (export, storage)', () => {
    const stored = toStored({ id: 'd6', workspaceId: 'w', text: joined, pages });
    const row = fromStored(stored);
    expect(row.text).toBe(joined);
    expect(row.pages).toEqual(pages);
    expect(JSON.parse(encodeTextRow(fromStored(stored)))).toEqual({ id: 'd6', workspaceId: 'w', pages });
    expect(toStored(fromStored(stored)).json).toBe(stored.json);
    expect(structuredClone(row)).toEqual({ id: 'd6', workspaceId: 'w', pages, text: joined });
  });

  it('keep a text that differs from its pages and a text without pages', () => {
    const edited: EvidenceText = { id: 'd2', workspaceId: 'w', text: `${joined} (dikoreksi)`, pages };
    expect(fieldsOf(toStored(edited))).toEqual({ text: edited.text, pages });
    expect(fromStored(toStored(edited))).toEqual(edited);
    const plain: EvidenceText = { id: 'd3', workspaceId: 'w', text: 'foto kegiatan “é” 𝒜' };
    expect(fieldsOf(toStored(plain))).toEqual({ text: plain.text });
    expect(fromStored(toStored(plain))).toEqual(plain);
    expect(fromStored(undefined)).toBeUndefined();
  });

  it('written before 3 Dec 2026 (strings: text and pages, pages alone, text alone) read as they are', () => {
    expect(fromStored({ id: 'd4', workspaceId: 'w', text: joined, pages })).toEqual({ id: 'd4', workspaceId: 'w', text: joined, pages });
    expect(fromStored({ id: 'd7', workspaceId: 'w', pages })).toEqual({ id: 'd7', workspaceId: 'w', text: joined, pages });
    expect(fromStored({ id: 'd8', workspaceId: 'w', text: 'foto' })).toEqual({ id: 'd8', workspaceId: 'w', text: 'foto' });
    // and an export line of an old row is the line of the same row stored now
    expect(encodeTextRow(fromStored({ id: 'd7', workspaceId: 'w', pages }))).toBe(encodeTextRow(fromStored(toStored({ id: 'd7', workspaceId: 'w', text: joined, pages }))));
  });

  it('are written as JSON bytes by addDocumentRows and read whole through fromStored', async () => {
    const db = new KlaDb(`texts-${Math.random()}`);
    const doc = { id: 'd5', workspaceId: 'w', sha256: 'x', name: 'perda.pdf', mime: 'application/pdf', kind: 'pdf', size: 10, pages: 3, addedAt: 1, readState: 'done', textLength: joined.length } as EvidenceDoc;
    await db.transaction('rw', [db.documents, db.texts, db.classifications, db.searchPending, db.settings], () => addDocumentRows(db, doc, { id: 'd5', workspaceId: 'w', text: joined, pages }, undefined));
    const raw = await db.texts.get('d5');
    expect(raw && 'text' in raw).toBe(false);
    expect(raw && fieldsOf(raw)).toEqual({ pages });
    expect(fromStored(raw)?.text).toBe(joined);
    expect(fromStored(raw)?.pages).toEqual(pages);
    await db.delete();
  });
});
