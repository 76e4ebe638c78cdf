// @vitest-environment node
/**
 * The layering of docs/architecture.md, checked on every import in src/ (static, dynamic, and
 * workers started with `new URL(..., import.meta.url)`): data flows one way,
 * domain <- db <- features <- app. A new arrow the wrong way fails here with the file and line.
 *
 *   domain    pure TypeScript: imports only domain (and packages)
 *   db        domain, db
 *   workers   domain, db, workers
 *   i18n      i18n
 *   shared    domain, db, workers, i18n, shared
 *   features  domain, db, shared, i18n, and its own feature folder (never another feature)
 *   app       anything in src/
 *   cli       domain, cli
 *   hub       domain, hub (the optional server, Node)
 * Any layer may read the instrument data in scoring-rules/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
/** The instrument data: any layer may read it. */
const RULES = fileURLToPath(new URL('../../scoring-rules', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

/** The layer of a file under src/: its top folder, and for features the feature too. */
function layerOf(path: string): { layer: string; feature?: string } {
  const [top, second] = relative(SRC, path).split(/[\\/]/);
  if (!second && /\.tsx?$/.test(top)) return { layer: 'app' }; // main.tsx, vite-env.d.ts
  return top === 'features' ? { layer: 'features', feature: second } : { layer: top };
}

const ALLOWED: Record<string, string[]> = {
  domain: ['domain'],
  db: ['domain', 'db'],
  workers: ['domain', 'db', 'workers'],
  i18n: ['i18n'],
  shared: ['domain', 'db', 'workers', 'i18n', 'shared'],
  features: ['domain', 'db', 'shared', 'i18n', 'features'],
  app: ['domain', 'db', 'workers', 'shared', 'i18n', 'features', 'app'],
  cli: ['domain', 'cli'],
  hub: ['domain', 'hub'],
};

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g;

export function violations(): string[] {
  const out: string[] = [];
  for (const file of files(SRC)) {
    const from = layerOf(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec.startsWith('.')) continue; // a package
      const target = resolve(dirname(file), spec.split('?')[0]);
      if (target.startsWith(RULES)) continue;
      if (!target.startsWith(SRC)) {
        out.push(`${relative(SRC, file)}: imports ${spec}, outside src/`);
        continue;
      }
      const to = layerOf(target);
      const line = text.slice(0, m.index).split('\n').length;
      if (!ALLOWED[from.layer]?.includes(to.layer)) out.push(`${relative(SRC, file)}:${line}: ${from.layer} may not import ${to.layer} (${spec})`);
      else if (from.layer === 'features' && to.layer === 'features' && from.feature !== to.feature) out.push(`${relative(SRC, file)}:${line}: feature ${from.feature} may not import feature ${to.feature} (${spec}); move what both need to src/shared`);
    }
  }
  return out;
}

describe('layering', () => {
  it('every import in src/ follows domain <- db <- features <- app', () => {
    expect(violations()).toEqual([]);
  });

  it('the check sees a wrong arrow (a domain file importing the database layer)', () => {
    const probe = `import { getDb } from '../db/client';`;
    const m = [...probe.matchAll(IMPORT)][0];
    expect(m[1]).toBe('../db/client');
    expect(layerOf(resolve(SRC, 'domain/x.ts')).layer).toBe('domain');
    expect(ALLOWED.domain.includes(layerOf(resolve(SRC, 'domain', m[1])).layer)).toBe(false);
  });
});
