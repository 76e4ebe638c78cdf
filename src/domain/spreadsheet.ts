/**
 * Tables out for people who work in spreadsheets: CSV and a minimal XLSX (one sheet, inline
 * strings, numbers as numbers), written with zip.js, which the exchange format already uses.
 *
 * CSV cells that a spreadsheet program would run as a formula (starting with = + - @, or a tab or
 * carriage return before one) get a leading apostrophe, the usual defence against formula
 * injection: answer notes and document names come from other people. XLSX needs no such guard:
 * an inline string is never a formula.
 */
import { Uint8ArrayWriter, TextReader, ZipWriter } from '@zip.js/zip.js';

export type Row = Record<string, string | number>;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * How a spreadsheet program of the reader's language splits and reads a CSV: Excel set to
 * Indonesian splits on semicolons and reads "2,5" as a number (a comma file lands in one column).
 */
export interface CsvDialect {
  separator: ',' | ';';
  decimal: '.' | ',';
}
export const CSV_EN: CsvDialect = { separator: ',', decimal: '.' };
export const CSV_ID: CsvDialect = { separator: ';', decimal: ',' };

/** A cell as text that a spreadsheet program shows as written. */
export function csvCell(v: string | number, dialect: CsvDialect = CSV_EN): string {
  let s = typeof v === 'number' ? String(v).replace('.', dialect.decimal) : v;
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  const special = dialect.separator === ';' ? /[";\n\r]/ : /[",\n\r]/;
  return special.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const columnsOf = (rows: Row[]): string[] => {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
};

/** CSV with CRLF line ends (RFC 4180), the header row from the rows' keys. */
export function csvText(rows: Row[], dialect: CsvDialect = CSV_EN): string {
  const cols = columnsOf(rows);
  const line = (values: (string | number)[]) => values.map((v) => csvCell(v, dialect)).join(dialect.separator);
  return [line(cols), ...rows.map((r) => line(cols.map((c) => r[c] ?? '')))].join('\r\n') + '\r\n';
}

const xmlEsc = (s: string) =>
  s
    // characters XML 1.0 cannot carry at all
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const colName = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : colName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

function cellXml(ref: string, v: string | number): string {
  if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"><v>${v}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEsc(String(v))}</t></is></c>`;
}

function sheetXml(rows: Row[]): string {
  const cols = columnsOf(rows);
  const line = (n: number, values: (string | number)[]) => `<row r="${n}">${values.map((v, i) => cellXml(`${colName(i)}${n}`, v)).join('')}</row>`;
  const body = [line(1, cols), ...rows.map((r, i) => line(i + 2, cols.map((c) => r[c] ?? '')))].join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ] */
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';

export async function xlsxBytes(rows: Row[], name: string): Promise<Uint8Array> {
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlEsc(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
    ['xl/worksheets/sheet1.xml', sheetXml(rows)],
  ];
  const out = new Uint8ArrayWriter();
  const zip = new ZipWriter(out, { useWebWorkers: false, level: 6 });
  for (const [path, text] of files) await zip.add(path, new TextReader(text));
  return zip.close();
}
