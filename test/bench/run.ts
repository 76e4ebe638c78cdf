/**
 * `npm run bench [-- <name>...]`: runs the benchmarks and prints ONE JSON object on stdout,
 * `{ "<name>": {...figures...}, ... }`. Progress goes to stderr. Speed and memory targets are
 * checked here (figures + `target` + `met`), never by timing assertions in tests.
 *
 * A benchmark is a module in this folder exporting `default async (ctx) => object`, registered
 * in BENCHES. Browser benchmarks need a build (`npm run build`); the runner builds if dist/ is
 * missing or older than src/.
 */
import { execSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const log = (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n');

export interface BenchContext {
  root: string;
  log: typeof log;
}
type Bench = (ctx: BenchContext) => Promise<Record<string, unknown>>;

const BENCHES: Record<string, () => Promise<{ default: Bench }>> = {
  startup: () => import('./startup.bench'),
  evidence: () => import('./evidence.bench'),
  exchange: () => import('./exchange.bench'),
  classifier: () => import('./classifier.bench'),
  hostile: () => import('./hostile.bench'),
  scale: () => import('./scale.bench'),
  hub: () => import('./hub.bench'),
  flags: () => import('./flags.bench'),
  province: () => import('./province.bench'),
};
/** Long benchmarks, run only when named (`npm run bench -- scale`). */
const ON_REQUEST = new Set(['scale', 'hub', 'province']);

function newestMtime(dir: string): number {
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return m;
}

/** Builds the app into `outDir` (default dist/) if it is missing or older than src/. */
export function ensureBuild(outDir = 'dist'): void {
  const dist = join(ROOT, outDir, 'index.html');
  if (!existsSync(dist) || statSync(dist).mtimeMs < Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'scoring-rules')))) {
    log(`bench: building the app into ${outDir}/…`);
    execSync(outDir === 'dist' ? 'npx vite build' : `npx vite build --outDir ${outDir}`, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(BENCHES).filter((n) => !ON_REQUEST.has(n));
  const result: Record<string, unknown> = {};
  for (const n of names) {
    if (!BENCHES[n]) throw new Error(`unknown bench "${n}" (have: ${Object.keys(BENCHES).join(', ')})`);
    log(`bench: ${n}…`);
    const t0 = performance.now();
    try {
      result[n] = await (await BENCHES[n]()).default({ root: ROOT, log });
    } catch (e) {
      result[n] = { error: (e as Error).message };
      process.exitCode = 1;
    }
    log(`bench: ${n} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
