/**
 * kla province <folder> [--json] [--passphrase <p>]
 *
 * The province view without a hub: every city file (.kla) in the folder, verified like `kla
 * verify`, scored like the app, side by side, highest score first: score, predicate, points to
 * the next predicate, the seven groups, and the questions with no document linked. A table by
 * default, JSON with --json. A file that cannot be read is named on stderr (exit status 1); the
 * others are still shown.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyExchange } from '../../domain/exchange';
import { cityFromExchange, provinceTable, type CityInput, type CityRow } from '../../domain/province';
import type { Rules } from '../../domain/rules/load';
import { loadRulesFile, takeFlag, UsageError, type Command } from '../common';
import { openExchangeFile, passphraseOption } from './verify';

const NOT_CITY = { evaluator: "an evaluator's file", 'agency-pack': 'an agency pack', 'agency-response': "an agency's response" };

async function readCity(path: string, passphrase: string | undefined): Promise<{ city: CityInput; rules: Rules | null } | string> {
  const report = await verifyExchange(await openExchangeFile(path), { passphrase, only: 'scores' }); // the evidence does not change a score
  if (!report.ok || !report.exchange) return report.problems.map((p) => p.message).join('; ') || 'not a valid exchange file';
  const r = cityFromExchange(report.exchange);
  return 'notCity' in r ? `${NOT_CITY[r.notCity]}, not a city's` : r;
}

function table(rows: CityRow[]): string {
  const head = ['Kota/Kabupaten', 'Nilai', 'Predikat', 'Ke predikat berikut', ...(rows[0]?.groups.map((g) => g.id) ?? []), 'Tanpa bukti'];
  const lines = rows.map((r) => [
    r.city,
    String(r.total),
    r.band.label,
    r.nextBand ? `${r.nextBand.pointsNeeded} ke ${r.nextBand.label}` : '-',
    ...r.groups.map((g) => `${g.score}/${g.max}`),
    `${r.missingEvidence.questions} pertanyaan`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  return [head, ...lines].map((l) => l.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export const province: Command = async (args, io) => {
  const json = takeFlag(args, '--json');
  const passphrase = passphraseOption(args);
  if (args.length !== 1) throw new UsageError('province needs exactly one folder');
  let names: string[];
  try {
    names = (await readdir(args[0])).filter((n) => n.toLowerCase().endsWith('.kla')).sort();
  } catch (e) {
    throw new UsageError(`cannot read ${args[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const cities: CityInput[] = [];
  let rules: Rules | null = null;
  let refused = 0;
  for (const name of names) {
    const r = await readCity(join(args[0], name), passphrase);
    if (typeof r === 'string') {
      io.err(`${name}: ${r}`);
      refused++;
      continue;
    }
    cities.push(r.city);
    rules ??= r.rules;
  }
  const rows = provinceTable(rules ?? (await loadRulesFile()), cities);
  io.out(json ? JSON.stringify(rows) : table(rows));
  return refused ? 1 : 0;
};
