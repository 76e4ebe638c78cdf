/**
 * Which of the app's Indonesian words the shell may need before a screen loads (src/i18n: the
 * words of the start-up bundle, id.ts, and the screens' words, idScreens.ts, that load with any
 * screen but Beranda). Used by i18n-split.test.ts.
 *
 * The shell's files are those reachable from src/main.tsx through relative imports, static or
 * dynamic, and workers, except the screens App.tsx loads lazily (features/<x>/<X>Page.tsx);
 * Beranda's page is part of the shell (a workspace opens on it, and its words must not cost the
 * start a second chunk). A key is used by a file when the file holds it as a string, or holds a
 * branch above it (`'evidence.problems'`, `` `evidence.problems.${why}` ``).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../../..');
const SRC = join(ROOT, 'src');

const IMPORTS = [/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g, /\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g, /\bimport\s+['"](\.{1,2}\/[^'"]+)['"]/g, /new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]/g];

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.(ts|tsx)$/.test(c) && existsSync(c)) return c;
  }
  return null;
}

/** A screen App.tsx loads on first use (its words come with it). */
const isLazyScreen = (file: string) => /\/features\/[^/]+\/[A-Z]\w*Page\.tsx$/.test(file) && !file.endsWith('/features/home/HomePage.tsx');

/** The shell's source files, relative to the repository (src/...). */
export function shellFiles(): string[] {
  const seen = new Set<string>();
  const stack = [join(SRC, 'main.tsx')];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const text = readFileSync(f, 'utf8');
    for (const re of IMPORTS) {
      for (const m of text.matchAll(re)) {
        const to = resolveImport(f, m[1]);
        if (to && to.startsWith(SRC) && !isLazyScreen(to) && !to.includes('/i18n/')) stack.push(to);
      }
    }
  }
  return [...seen].map((f) => relative(ROOT, f)).sort();
}

/** The dotted strings a file holds (string literals, the fixed heads of template literals): keys or branches. */
function stringsOf(file: string, text: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS));
  return out.filter((s) => /^[a-zA-Z]+\.[\w.-]*$/.test(s));
}

/** Keys (dotted leaf paths) of `keys` that `file` uses. */
export function keysUsedBy(file: string, keys: readonly string[]): string[] {
  const strings = new Set(stringsOf(file, readFileSync(join(ROOT, file), 'utf8')));
  const branches = [...strings].map((s) => (s.endsWith('.') ? s : `${s}.`));
  return keys.filter((k) => strings.has(k) || branches.some((b) => k.startsWith(b)));
}

/** Every leaf key of a nested dictionary. */
export function leafKeys(o: unknown, prefix = ''): string[] {
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'string' ? [p] : leafKeys(v, p);
  });
}
