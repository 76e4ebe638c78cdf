/**
 * Loading rules files in the app. The built-in 2024 file is a static asset (fetched once, then
 * served by the service worker); any rules file is parsed and validated by the domain code, and a
 * workspace finds its own rules by hash in the database.
 */
import { useQuery } from '@tanstack/react-query';
import builtinUrl from '../../scoring-rules/kla-2024.json?url';
import { getDb } from '../db/client';
import { loadRulesText, type Rules } from '../domain/rules/load';

export class RulesError extends Error {
  constructor(public file: string, public errors: string[]) {
    super(`${file}: ${errors.join('; ')}`);
  }
}

export interface LoadedRules {
  rules: Rules;
  text: string;
}

export async function fetchBuiltinRules(): Promise<LoadedRules> {
  const res = await fetch(builtinUrl);
  if (!res.ok) throw new RulesError('kla-2024.json', [`HTTP ${res.status}`]);
  const text = await res.text();
  const r = await loadRulesText(text);
  if (!r.ok) throw new RulesError('kla-2024.json', r.errors);
  return { rules: r.rules, text };
}

export const useBuiltinRules = () => useQuery({ queryKey: ['rules', 'builtin'], queryFn: fetchBuiltinRules, staleTime: Infinity, gcTime: Infinity, retry: false });

export async function loadRulesByHash(hash: string): Promise<Rules> {
  const stored = await getDb().rules.get(hash);
  if (!stored) {
    // Workspaces made with the built-in file can always recover it.
    const builtin = await fetchBuiltinRules();
    if (builtin.rules.hash === hash) return builtin.rules;
    throw new RulesError(hash.slice(0, 12), ['rules file not found in this browser']);
  }
  const r = await loadRulesText(stored.text);
  if (!r.ok) throw new RulesError(`${stored.id}.json`, r.errors);
  if (r.rules.hash !== hash) throw new RulesError(`${stored.id}.json`, ['stored file does not match its hash']);
  return r.rules;
}

export const useRulesByHash = (hash: string | undefined) =>
  useQuery({ queryKey: ['rules', hash], queryFn: () => loadRulesByHash(hash!), enabled: !!hash, staleTime: Infinity, gcTime: Infinity, retry: false });
