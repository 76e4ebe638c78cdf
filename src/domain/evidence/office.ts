/**
 * Text of office files, read as what they are: zip archives of XML. zip.js (already used for the
 * exchange format) inflates each entry through a counting sink, so a zip bomb stops at a cap
 * whatever sizes the archive declares; saxes (the streaming XML parser under jsdom: linear time,
 * no entity expansion beyond the five predefined ones) reads the XML. This replaces SheetJS
 * `xlsx` 0.18.5 (published advisories for crafted files, no fixed release on npm) and mammoth
 * (whose jszip inflates whatever the file holds).
 *
 *   DOCX  word/header*.xml (letterheads), word/document.xml, word/footnotes.xml: paragraphs, tabs, breaks
 *   ODT   content.xml: paragraphs and headings, tabs, spaces, line breaks
 *   XLSX  xl/workbook.xml (sheet names and order), xl/sharedStrings.xml, each sheet: one line per row, cells by tab
 *   ODS   content.xml: tables, rows, cells (repeats expanded only for cells that hold something)
 *
 * Old binary .doc and .xls have no maintained reader in JS: they are stored and marked "no text"
 * with the reason (reader.worker.ts).
 */
import { Uint8ArrayReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export const OFFICE_LIMITS = {
  /** Entries in the archive. */
  entries: 5_000,
  /** Inflated bytes of one XML part, and of all parts read from one file. */
  entryBytes: 64 * 1024 * 1024,
  totalBytes: 128 * 1024 * 1024,
  sheets: 100,
  cells: 1_000_000,
  /** Characters of text kept (the rest is cut, not refused). */
  textChars: 10_000_000,
};

/** The file is larger than the reader reads (a bomb, or a workbook far beyond evidence size). */
export class OfficeLimitError extends Error {}

interface Archive {
  entries: Map<string, FileEntry>;
  read(name: string): Promise<string | null>;
  close(): Promise<void>;
}

async function openArchive(bytes: Uint8Array): Promise<Archive> {
  const zip = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
  const all = await zip.getEntries();
  if (all.length > OFFICE_LIMITS.entries) throw new OfficeLimitError(`${all.length} entries in the archive (at most ${OFFICE_LIMITS.entries})`);
  const entries = new Map(all.filter((e): e is FileEntry => !e.directory).map((e) => [e.filename, e]));
  let total = 0;
  return {
    entries,
    async read(name) {
      const e = entries.get(name);
      if (!e) return null;
      // the declared size is the attacker's word: count what actually comes out
      let n = 0;
      const chunks: Uint8Array[] = [];
      const sink = new WritableStream<Uint8Array>({
        write(c) {
          n += c.length;
          total += c.length;
          if (n > OFFICE_LIMITS.entryBytes || total > OFFICE_LIMITS.totalBytes) throw new OfficeLimitError(`${name} inflates past ${OFFICE_LIMITS.entryBytes >> 20} MB`);
          chunks.push(c.slice());
        },
      });
      if (e.uncompressedSize > OFFICE_LIMITS.entryBytes) throw new OfficeLimitError(`${name} declares ${e.uncompressedSize} bytes`);
      try {
        await e.getData(sink);
      } catch (err) {
        if (n > OFFICE_LIMITS.entryBytes || total > OFFICE_LIMITS.totalBytes) throw new OfficeLimitError(`${name} inflates past ${OFFICE_LIMITS.entryBytes >> 20} MB`);
        throw err;
      }
      return new TextDecoder().decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
    },
    close: () => zip.close(),
  };
}

async function withArchive<T>(bytes: Uint8Array, f: (a: Archive) => Promise<T>): Promise<T> {
  const a = await openArchive(bytes);
  try {
    return await f(a);
  } finally {
    await a.close();
  }
}

/** Walk an XML document: `open`/`close` get local-prefixed names (e.g. "w:p"), `text` the character data. */
function walk(xml: string, h: { open?(t: SaxesTagPlain): void; close?(name: string): void; text?(s: string): void }): void {
  const p = new SaxesParser({ xmlns: false });
  p.on('error', (e) => {
    throw e;
  });
  if (h.open) p.on('opentag', h.open);
  if (h.close) p.on('closetag', (t) => h.close!(t.name));
  if (h.text) {
    p.on('text', h.text);
    p.on('cdata', h.text);
  }
  p.write(xml).close();
}

/** Collects text with a cap on its length. */
class TextOut {
  private parts: string[] = [];
  private n = 0;
  add(s: string): void {
    if (this.n >= OFFICE_LIMITS.textChars) return;
    this.parts.push(s);
    this.n += s.length;
  }
  done(): string {
    return this.parts
      .join('')
      .slice(0, OFFICE_LIMITS.textChars)
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

// ---- DOCX --------------------------------------------------------------------------------------

function wordPartText(xml: string, out: TextOut): void {
  let inText = 0;
  walk(xml, {
    open: (t) => {
      if (t.name === 'w:t') inText++;
      else if (t.name === 'w:tab') out.add('\t');
      else if (t.name === 'w:br' || t.name === 'w:cr') out.add('\n');
    },
    close: (name) => {
      if (name === 'w:t') inText--;
      else if (name === 'w:p') out.add('\n');
    },
    text: (s) => {
      if (inText > 0) out.add(s);
    },
  });
}

export async function docxText(bytes: Uint8Array): Promise<string> {
  return withArchive(bytes, async (a) => {
    const out = new TextOut();
    const byNumber = (x: string) => Number(/(\d+)\.xml$/.exec(x)?.[1] ?? 0);
    const headers = [...a.entries.keys()].filter((n) => /^word\/header\d*\.xml$/.test(n)).sort((x, y) => byNumber(x) - byNumber(y));
    const body = await a.read('word/document.xml');
    if (body === null) throw new Error('word/document.xml missing');
    for (const h of headers) wordPartText((await a.read(h))!, out);
    wordPartText(body, out);
    const notes = await a.read('word/footnotes.xml');
    if (notes) wordPartText(notes, out);
    return out.done();
  });
}

// ---- ODT ---------------------------------------------------------------------------------------

function odfText(xml: string, out: TextOut): void {
  walk(xml, {
    open: (t) => {
      if (t.name === 'text:tab') out.add('\t');
      else if (t.name === 'text:line-break') out.add('\n');
      else if (t.name === 'text:s') out.add(' '.repeat(Math.min(100, Number(t.attributes['text:c'] ?? 1) || 1)));
    },
    close: (name) => {
      if (name === 'text:p' || name === 'text:h') out.add('\n');
    },
    text: (s) => out.add(s),
  });
}

export async function odtText(bytes: Uint8Array): Promise<string> {
  return withArchive(bytes, async (a) => {
    const xml = await a.read('content.xml');
    if (xml === null) throw new Error('content.xml missing');
    const out = new TextOut();
    odfText(xml, out);
    return out.done();
  });
}

// ---- spreadsheets ------------------------------------------------------------------------------

/** Column index of a cell reference ("C7" -> 2). */
const columnOf = (ref: string): number => {
  let c = 0;
  for (const ch of ref) {
    const k = ch.charCodeAt(0);
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  return c - 1;
};

class Cells {
  count = 0;
  tick(n = 1): void {
    this.count += n;
    if (this.count > OFFICE_LIMITS.cells) throw new OfficeLimitError(`more than ${OFFICE_LIMITS.cells} cells`);
  }
}

function sharedStrings(xml: string | null): string[] {
  const out: string[] = [];
  if (!xml) return out;
  let cur: string[] | null = null;
  let inT = 0;
  let inPhonetic = 0;
  walk(xml, {
    open: (t) => {
      if (t.name === 'si') cur = [];
      else if (t.name === 't') inT++;
      else if (t.name === 'rPh') inPhonetic++;
    },
    close: (name) => {
      if (name === 'si' && cur) (out.push(cur.join('')), (cur = null));
      else if (name === 't') inT--;
      else if (name === 'rPh') inPhonetic--;
    },
    text: (s) => {
      if (cur && inT > 0 && inPhonetic === 0) cur.push(s);
    },
  });
  return out;
}

function xlsxSheet(xml: string, strings: string[], cells: Cells, out: TextOut): void {
  let row: string[] = [];
  let col = -1;
  let type = '';
  let value: string[] | null = null;
  let inValue = 0;
  walk(xml, {
    open: (t) => {
      if (t.name === 'row') row = [];
      else if (t.name === 'c') {
        cells.tick();
        const ref = String(t.attributes.r ?? '');
        col = ref ? columnOf(ref) : row.length;
        type = String(t.attributes.t ?? 'n');
        value = [];
      } else if (t.name === 'v' || t.name === 't') inValue++;
    },
    close: (name) => {
      if (name === 'v' || name === 't') inValue--;
      else if (name === 'c' && value) {
        const raw = value.join('');
        const text = type === 's' ? (strings[Number(raw)] ?? '') : type === 'b' ? (raw === '1' ? 'TRUE' : 'FALSE') : raw;
        if (text !== '' && col >= 0 && col < 20_000) row[col] = text;
        value = null;
      } else if (name === 'row') {
        if (row.some((x) => x)) out.add(Array.from(row, (x) => x ?? '').join('\t') + '\n');
      }
    },
    text: (s) => {
      if (value && inValue > 0) value.push(s);
    },
  });
}

async function xlsxText(a: Archive): Promise<{ text: string; sheets: number }> {
  const workbook = await a.read('xl/workbook.xml');
  if (workbook === null) throw new Error('xl/workbook.xml missing');
  const sheets: { name: string; rid: string }[] = [];
  walk(workbook, { open: (t) => void (t.name === 'sheet' && sheets.push({ name: String(t.attributes.name ?? ''), rid: String(t.attributes['r:id'] ?? '') })) });
  if (sheets.length > OFFICE_LIMITS.sheets) throw new OfficeLimitError(`${sheets.length} sheets (at most ${OFFICE_LIMITS.sheets})`);
  const targets = new Map<string, string>();
  const rels = await a.read('xl/_rels/workbook.xml.rels');
  if (rels) walk(rels, { open: (t) => void (t.name === 'Relationship' && targets.set(String(t.attributes.Id), String(t.attributes.Target))) });
  const strings = sharedStrings(await a.read('xl/sharedStrings.xml'));
  const cells = new Cells();
  const out = new TextOut();
  for (const [i, s] of sheets.entries()) {
    const target = targets.get(s.rid) ?? `worksheets/sheet${i + 1}.xml`;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const xml = await a.read(path);
    if (xml === null) continue;
    out.add(`# ${s.name}\n`);
    xlsxSheet(xml, strings, cells, out);
    out.add('\n');
  }
  return { text: out.done(), sheets: sheets.length };
}

function odsText(xml: string): { text: string; sheets: number } {
  const out = new TextOut();
  const cells = new Cells();
  let sheets = 0;
  let row: string[] = [];
  let cell: string[] | null = null;
  let repeatCols = 1;
  let paragraphs = 0;
  walk(xml, {
    open: (t) => {
      if (t.name === 'table:table') {
        if (++sheets > OFFICE_LIMITS.sheets) throw new OfficeLimitError(`more than ${OFFICE_LIMITS.sheets} sheets`);
        out.add(`# ${String(t.attributes['table:name'] ?? '')}\n`);
      } else if (t.name === 'table:table-row') row = [];
      else if (t.name === 'table:table-cell' || t.name === 'table:covered-table-cell') {
        cell = [];
        paragraphs = 0;
        repeatCols = Math.max(1, Number(t.attributes['table:number-columns-repeated'] ?? 1) || 1);
      } else if (t.name === 'text:p' && cell && paragraphs++ > 0) cell.push('\n');
      else if (t.name === 'text:s' && cell) cell.push(' ');
      else if (t.name === 'text:tab' && cell) cell.push('\t');
    },
    close: (name) => {
      if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && cell) {
        const v = cell.join('').trim();
        // a cell that holds something is repeated as written (capped); empty runs add nothing
        const n = v ? Math.min(repeatCols, 100) : repeatCols;
        cells.tick(v ? n : 1);
        if (v) for (let k = 0; k < n; k++) row.push(v);
        else if (row.length < 20_000) row.push(...Array(Math.min(n, 20_000 - row.length)).fill(''));
        cell = null;
      } else if (name === 'table:table-row') {
        while (row.length && !row[row.length - 1]) row.pop();
        if (row.length) out.add(row.join('\t') + '\n');
      } else if (name === 'table:table') out.add('\n');
    },
    text: (s) => {
      if (cell) cell.push(s);
    },
  });
  return { text: out.done(), sheets };
}

/** XLSX or ODS (told apart by what the archive holds). */
export async function spreadsheetText(bytes: Uint8Array): Promise<{ text: string; sheets: number }> {
  return withArchive(bytes, async (a) => {
    if (a.entries.has('xl/workbook.xml')) return xlsxText(a);
    const content = await a.read('content.xml');
    if (content !== null) return odsText(content);
    throw new Error('not an XLSX or ODS workbook');
  });
}

