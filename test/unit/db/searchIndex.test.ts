// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteDocument, restoreDocument, storeDocument, updateReading, type ReadDocument } from '../../../src/db/evidence';
import { createWorkspace, deleteWorkspace } from '../../../src/db/queries';
import { KlaDb } from '../../../src/db/schema';
import { SearchIndex, type BloomSource } from '../../../src/db/searchIndex';
import { loadRules2024 } from '../helpers';
import { workspaceDb } from './workspaceDb';

const rules = loadRules2024();
const setup = workspaceDb('search');

const read = (sha: string, pages: string[]): ReadDocument => ({ sha256: sha, kind: 'pdf', mime: 'application/pdf', size: 10, pages: pages.length, text: pages.join('\n\n'), pageTexts: pages, readState: 'done' });

const blooms =
  (db: KlaDb): BloomSource =>
  async (nos) =>
    new Map((await db.blooms.bulkGet(nos)).flatMap((b) => (b ? [[b.no, b.bits] as const] : [])));

const indexes = new WeakMap<KlaDb, SearchIndex>();
const indexOf = (db: KlaDb) => indexes.get(db) ?? indexes.set(db, new SearchIndex(db)).get(db)!;

async function indexAll(db: KlaDb) {
  while ((await indexOf(db).indexPending()) > 0) {
    /* batches */
  }
}

/** Names of the documents a query finds, resolved as the evidence list does (by number). */
async function find(db: KlaDb, ws: string, q: string): Promise<string[]> {
  const { nos } = await indexOf(db).search(ws, q, blooms(db));
  const docs = await db.documents.where('workspaceId').equals(ws).toArray();
  return docs.filter((d) => nos.includes(d.no!)).map((d) => d.name).sort();
}

const CORPUS: [string, string[]][] = [
  ['sk-gugus.pdf', ['KEPUTUSAN WALI KOTA', 'Nomor 188.45/123/KEP/2024 tentang Gugus Tugas Kota Layak Anak']],
  ['laporan-pusat.pdf', ['Laporan kegiatan Pusat Kreativitas Anak', 'Akta kelahiran anak diterbitkan 1.204 lembar']],
  ['forum.pdf', ['Musyawarah Forum Anak Daerah', 'Anak-anak forum menyampaikan usulan']],
  ['gizi.pdf', ['Pemeriksaan gizi balita di Posyandu Mawar']],
];

async function corpus() {
  const s = await setup();
  for (const [i, [name, pages]] of CORPUS.entries()) await storeDocument(s.db, s.ws.id, name, new Blob([name]), read(`sha${i}`, pages));
  return s;
}

describe('search index', () => {
  it('offers the query spelt as the documents spell it when it finds nothing, and how many that finds', async () => {
    const { db, ws } = await corpus();
    await indexAll(db);
    const index = indexOf(db);
    expect(await find(db, ws.id, 'kreatifitas')).toEqual([]); // the common misspelling of "kreativitas"
    const no = async (name: string) => (await db.documents.where('workspaceId').equals(ws.id).toArray()).find((d) => d.name === name)!.no;
    expect(await index.correction(ws.id, 'kreatifitas', blooms(db))).toEqual({ query: 'kreativitas', nos: [await no('laporan-pusat.pdf')] });
    expect(await index.correction(ws.id, '"posyandu mawr"', blooms(db))).toEqual({ query: '"posyandu mawar"', nos: [await no('gizi.pdf')] });
    // a close word that finds nothing with the rest of the query is not offered
    expect(await index.correction(ws.id, 'kreatifitas posyandu', blooms(db))).toBeNull();
    expect(await index.correction(ws.id, 'zzzzqq', blooms(db))).toBeNull();
  });

  it('every stored document waits in searchPending until indexed, and is then found by words, prefixes and stems', async () => {
    const { db, ws } = await corpus();
    expect(await db.searchPending.count()).toBe(4);
    expect(await find(db, ws.id, 'posyandu')).toEqual([]); // not indexed yet
    await indexAll(db);
    expect(await db.searchPending.count()).toBe(0);
    expect(await find(db, ws.id, 'POSYANDU mawar')).toEqual(['gizi.pdf']);
    expect(await find(db, ws.id, 'anak')).toEqual(['forum.pdf', 'laporan-pusat.pdf', 'sk-gugus.pdf']);
    expect(await find(db, ws.id, 'kreativ')).toEqual(['laporan-pusat.pdf']); // prefix
    expect(await find(db, ws.id, 'lahir')).toEqual(['laporan-pusat.pdf']); // stem of "kelahiran"
    expect(await find(db, ws.id, 'anak mawar')).toEqual([]); // every word is required
    expect(await find(db, ws.id, 'tidakadakatainixyz')).toEqual([]);
    expect(await find(db, ws.id, 'gugus')).toEqual(['sk-gugus.pdf']); // the file name is indexed too
  });

  it('phrases and codes need the words side by side, in order', async () => {
    const { db, ws } = await corpus();
    await indexAll(db);
    expect(await find(db, ws.id, '"forum anak"')).toEqual(['forum.pdf']);
    expect(await find(db, ws.id, '"anak forum"')).toEqual(['forum.pdf']); // "Anak-anak forum" on page 2
    expect(await find(db, ws.id, '"balita gizi"')).toEqual([]);
    expect(await find(db, ws.id, '"gizi balita"')).toEqual(['gizi.pdf']);
    expect(await find(db, ws.id, '188.45/123/KEP/2024')).toEqual(['sk-gugus.pdf']);
    expect(await find(db, ws.id, '188.45/124/KEP/2024')).toEqual([]);
    expect(await find(db, ws.id, '1.204')).toEqual(['laporan-pusat.pdf']);
  });

  it('a deleted document is no longer found; a re-read document is found by its new text only', async () => {
    const { db, ws } = await corpus();
    await indexAll(db);
    const gizi = (await db.documents.toArray()).find((d) => d.name === 'gizi.pdf')!;
    const removed = (await deleteDocument(db, ws.id, gizi.id))!;
    expect(await find(db, ws.id, 'posyandu')).toEqual([]);
    // Urungkan: found again, once (its old postings and the new ones are the same number)
    await restoreDocument(db, ws.id, removed);
    await indexAll(db);
    expect(await find(db, ws.id, 'posyandu')).toEqual(['gizi.pdf']);
    await deleteDocument(db, ws.id, gizi.id);
    expect(await find(db, ws.id, 'posyandu')).toEqual([]);

    const forum = (await db.documents.toArray()).find((d) => d.name === 'forum.pdf')!;
    await updateReading(db, forum.id, read('sha2', ['Rapat koordinasi imunisasi']));
    const after = (await db.documents.get(forum.id))!;
    expect(after.no).not.toBe(forum.no);
    await indexAll(db);
    expect(await find(db, ws.id, 'imunisasi')).toEqual(['forum.pdf']);
    expect(await find(db, ws.id, 'musyawarah')).toEqual([]);
  });

  it('many small batches are merged into few segments, and answers stay the same', async () => {
    const { db, ws } = await setup();
    for (let i = 0; i < 40; i++) {
      await storeDocument(db, ws.id, `d${i}.pdf`, new Blob([String(i)]), read(`s${i}`, [`dokumen nomor ${i} ${i % 2 ? 'ganjil' : 'genap'} laporan`]));
      await indexAll(db); // one document a batch: the worst case for segments
    }
    expect(await db.segments.where('workspaceId').equals(ws.id).count()).toBeLessThan(12);
    // a fresh reader (another tab, a reload) loads the same segments from the rows
    const fresh = new SearchIndex(db);
    expect((await fresh.search(ws.id, 'genap', blooms(db))).nos).toHaveLength(20);
    expect((await find(db, ws.id, 'ganjil')).length).toBe(20);
    expect(await find(db, ws.id, '"nomor 17"')).toEqual(['d17.pdf']);
    expect((await find(db, ws.id, 'laporan')).length).toBe(40);
  });

  it('documents of another workspace are never found, and deleting a workspace removes its index', async () => {
    const { db, ws } = await corpus();
    const other = await createWorkspace(db, { city: 'Kota B', province: 'P', rules, rulesText: '', now: 1 });
    await storeDocument(db, other.id, 'lain.pdf', new Blob(['x']), read('other', ['Posyandu Melati']));
    await indexAll(db);
    expect(await find(db, ws.id, 'posyandu')).toEqual(['gizi.pdf']);
    expect(await find(db, other.id, 'posyandu')).toEqual(['lain.pdf']);
    await deleteWorkspace(db, other.id);
    expect(await db.segments.where('workspaceId').equals(other.id).count()).toBe(0);
    expect(await db.blooms.where('workspaceId').equals(other.id).count()).toBe(0);
    expect(await find(db, ws.id, 'posyandu')).toEqual(['gizi.pdf']);
  });
});
