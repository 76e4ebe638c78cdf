/**
 * Does a PDF carry scripts or automatic actions? The app never executes them (pdf.js runs with
 * scripting disabled); the officer is told so an evaluator is not surprised. Looks for the PDF
 * name tokens of JavaScript, launch and auto actions in the raw bytes.
 */
const TOKENS = ['/JavaScript', '/JS', '/Launch', '/OpenAction', '/AA', '/RichMedia', '/EmbeddedFile'];
const SCRIPT_TOKENS = new Set(['/JavaScript', '/JS', '/Launch']);

const PATTERNS = TOKENS.map((t) => [t, new RegExp(`${t.replace('/', '\\/')}(?![A-Za-z])`)] as const);
// single-byte decoding keeps every byte one character; the token names are ASCII
const decoder = new TextDecoder('windows-1252');

export function findPdfScripts(bytes: Uint8Array): { hasScripts: boolean; tokens: string[] } {
  const found = new Set<string>();
  const chunk = 1 << 20;
  for (let off = 0; off < bytes.length; off += chunk - 16) {
    const s = decoder.decode(bytes.subarray(off, Math.min(bytes.length, off + chunk)));
    for (const [t, re] of PATTERNS) if (re.test(s)) found.add(t);
  }
  const tokens = [...found];
  return { hasScripts: tokens.some((t) => SCRIPT_TOKENS.has(t)), tokens };
}
