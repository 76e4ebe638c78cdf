/**
 * The classifier compiled for a rules file, with the flags module, loaded once per rules file and
 * kept: the evidence list's suggestions and the misfile flags (flagsSource.ts) share it. Neither
 * is part of the start-up bundle.
 */
import type { Model } from '../domain/classifier/model';
import type { Rules } from '../domain/rules/load';
import { whenIdle } from './idle';

export interface Classifier {
  model: Model;
  flags: typeof import('../domain/flags');
}

const loaded = new Map<string, Promise<Classifier | null>>();

async function compile(rules: Rules): Promise<Classifier | null> {
  const [{ compileModel }, flags] = await Promise.all([import('../domain/classifier/model'), import('../domain/flags')]);
  // ~100-200 ms on the main thread: compile when the page is idle, after its first rows are drawn and wired
  await whenIdle();
  try {
    return { model: compileModel(rules), flags };
  } catch {
    return null; // rules without classifier knowledge: no suggestions, no flags
  }
}

/** The compiled model of these rules (null when they hold no classifier knowledge). */
export function loadClassifier(rules: Rules): Promise<Classifier | null> {
  let p = loaded.get(rules.hash);
  if (!p) {
    p = compile(rules);
    loaded.set(rules.hash, p);
    p.catch(() => loaded.delete(rules.hash)); // a chunk that failed to load is tried again
  }
  return p;
}
