/**
 * Does a PDF carry scripts or automatic actions? The app never executes them (pdf.js runs with
 * scripting disabled); the officer is told so an evaluator is not surprised. Looks for the PDF
 * name tokens of JavaScript, launch and auto actions in the raw bytes.
 */
const TOKENS = ['/JavaScript', '/JS', '/Launch', '/OpenAction', '/AA', '/RichMedia', '/EmbeddedFile'];
const SCRIPT_TOKENS = new Set(['/JavaScript', '/JS', '/Launch']);

export function findPdfScripts(bytes: Uint8Array): { hasScripts: boolean; tokens: string[] } {
  const found = new Set<string>();
  // scan as latin1 in chunks; token names are ASCII
  const chunk = 1 << 20;
  for (let off = 0; off < bytes.length; off += chunk - 16) {
    let s = '';
    const end = Math.min(bytes.length, off + chunk);
    for (let i = off; i < end; i++) s += String.fromCharCode(bytes[i]);
    for (const t of TOKENS) {
      const re = new RegExp(`${t.replace('/', '\\/')}(?![A-Za-z])`);
      if (re.test(s)) found.add(t);
    }
  }
  const tokens = [...found];
  return { hasScripts: tokens.some((t) => SCRIPT_TOKENS.has(t)), tokens };
}
