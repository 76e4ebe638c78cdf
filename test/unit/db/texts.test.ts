// @vitest-environment node
/** Text rows keep the pages alone when the text is their join (src/db/texts.ts). */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { KlaDb } from '../../../src/db/schema';
import { fromStored, toStored } from '../../../src/db/texts';
import { addDocumentRows } from '../../../src/db/evidence';
import type { EvidenceDoc, EvidenceText } from '../../../src/domain/model';
import { encodeTextRow } from '../../../src/domain/exchange/textsPart';

const pages = ['  Peraturan Daerah tentang Kota Layak Anak', 'Pasal 1\nKetentuan umum', 'Lampiran   '];
const joined = pages.join('\n\n').trim();

describe('stored text rows', () => {
  it('drop the text when it is the pages joined, and make it again when read', () => {
    const t: EvidenceText = { id: 'd1', workspaceId: 'w', text: joined, pages };
    const stored = toStored(t);
    expect(stored).toEqual({ id: 'd1', workspaceId: 'w', pages });
    expect(fromStored(stored)).toEqual(t);
  });

  it('read as pages alone give their join as text, and go back out as pages alone (export, storage)', () => {
    const row = fromStored({ id: 'd6', workspaceId: 'w', pages });
    expect(row.text).toBe(joined);
    expect(JSON.parse(encodeTextRow(fromStored({ id: 'd6', workspaceId: 'w', pages })))).toEqual({ id: 'd6', workspaceId: 'w', pages });
    expect(toStored(fromStored({ id: 'd6', workspaceId: 'w', pages }))).toEqual({ id: 'd6', workspaceId: 'w', pages });
    expect(structuredClone(row)).toEqual({ id: 'd6', workspaceId: 'w', pages, text: joined });
  });

  it('keep a text that differs from its pages, a text without pages, and rows written with both', () => {
    const edited: EvidenceText = { id: 'd2', workspaceId: 'w', text: `${joined} (dikoreksi)`, pages };
    expect(toStored(edited)).toEqual(edited);
    expect(fromStored(toStored(edited))).toEqual(edited);
    const plain: EvidenceText = { id: 'd3', workspaceId: 'w', text: 'foto kegiatan' };
    expect(fromStored(toStored(plain))).toEqual(plain);
    expect(fromStored({ id: 'd4', workspaceId: 'w', text: joined, pages })).toEqual({ id: 'd4', workspaceId: 'w', text: joined, pages });
    expect(fromStored(undefined)).toBeUndefined();
  });

  it('are written lean by addDocumentRows and read whole through fromStored', async () => {
    const db = new KlaDb(`texts-${Math.random()}`);
    const doc = { id: 'd5', workspaceId: 'w', sha256: 'x', name: 'perda.pdf', mime: 'application/pdf', kind: 'pdf', size: 10, pages: 3, addedAt: 1, readState: 'done', textLength: joined.length } as EvidenceDoc;
    await db.transaction('rw', [db.documents, db.texts, db.classifications, db.searchPending, db.settings], () => addDocumentRows(db, doc, { id: 'd5', workspaceId: 'w', text: joined, pages }, undefined));
    const raw = await db.texts.get('d5');
    expect(raw && 'text' in raw).toBe(false);
    expect(fromStored(raw)?.text).toBe(joined);
    await db.delete();
  });
});
