/**
 * Text of office files: DOCX with mammoth, spreadsheets (XLSX, XLS, ODS) with SheetJS, ODT from
 * its content.xml with zip.js. Old binary .doc has no maintained reader in JS: it is stored and
 * marked "no text" with the reason.
 */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const mammoth = await import('mammoth');
  const r = await mammoth.extractRawText({ arrayBuffer: bytes.slice().buffer as ArrayBuffer });
  return r.value.trim();
}

export async function spreadsheetText(bytes: Uint8Array): Promise<{ text: string; sheets: number }> {
  const XLSX = await import('xlsx');
  const wb = XLSX.read(bytes, { type: 'array', cellFormula: false, cellHTML: false, cellStyles: false });
  const parts = wb.SheetNames.map((n) => `# ${n}\n${XLSX.utils.sheet_to_csv(wb.Sheets[n], { FS: '\t', blankrows: false })}`);
  return { text: parts.join('\n\n').trim(), sheets: wb.SheetNames.length };
}

export async function odtText(bytes: Uint8Array): Promise<string> {
  const { ZipReader, Uint8ArrayReader, TextWriter } = await import('@zip.js/zip.js');
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
  try {
    const entries = await reader.getEntries();
    const content = entries.find((e) => e.filename === 'content.xml');
    if (!content || content.directory) throw new Error('content.xml missing');
    const xml = await content.getData(new TextWriter());
    return xml
      .replace(/<text:(p|h)[^>]*>/g, '\n')
      .replace(/<text:tab\/>/g, '\t')
      .replace(/<text:s[^>]*\/>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } finally {
    await reader.close();
  }
}
