/** Shared pieces of the `kla` command line. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadRulesText, type Rules } from '../domain/rules/load';

export const DEFAULT_RULES = fileURLToPath(new URL('../../scoring-rules/kla-2024.json', import.meta.url));

/** Bad input or usage: exit status 2, message on stderr. */
export class UsageError extends Error {}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A sub-command: gets its arguments (after the command name), returns the exit status. */
export type Command = (args: string[], io: Io) => Promise<number>;

export function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return v;
}

export function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

export async function loadRulesFile(path: string = DEFAULT_RULES): Promise<Rules> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read rules file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const res = await loadRulesText(text);
  if (!res.ok) throw new UsageError(`rules file ${path} is invalid:\n  ${res.errors.join('\n  ')}`);
  return res.rules;
}

export async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}
