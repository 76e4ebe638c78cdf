/**
 * kla check <folder> [--rules <rules.json>] [--ocr]
 *
 * Each immediate subfolder of <folder> is where the files inside it (at any depth) are filed: a
 * group ("KL", "K1".."K5", "KD", "Klaster I", "Klaster 4", "Kelembagaan", "Kelana", "Dekela") or an
 * indicator ("19", "21A", "Indikator 19", "indikator 21a"), case-insensitive. One JSON object per
 * line per file:
 *   {"file", "filedUnder": {"group", "indicator"}, "suggested": {"group", "indicator"}, "confidence", "misfiled"}
 * plus "pages": {"from", "to"} when the pages that answer the folder's place are not the whole (a
 * Perda KLA in folder 17 for its chapter on smoke-free areas).
 * ("indicator" is null for a folder named after a group). A file whose folder name cannot be
 * mapped, a file lying directly in <folder>, and an unreadable file get {"file", "error"}: never a guess.
 * Hidden files (".DS_Store") are skipped. --ocr reads scanned pages and images as the app does.
 *
 * Exit status: 0 every file is readable and filed right; 1 some file is misfiled, unreadable or
 * in a folder that cannot be mapped; 2 usage (no folder, not a folder, bad rules file).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFiling, resolvePlace } from '../../domain/classifier';
import { loadRulesFile, takeFlag, takeOption, UsageError, type Command } from '../common';
import { withOcr } from '../ocr';
import { classifyFile, compileOrExplain } from './classify';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

export const checkCommand: Command = async (args, io) => {
  const rulesPath = takeOption(args, '--rules');
  const ocr = takeFlag(args, '--ocr');
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown) throw new UsageError(`unknown option ${unknown}`);
  if (args.length !== 1) throw new UsageError('check needs exactly one folder');
  const root = args[0];
  let st;
  try {
    st = await stat(root);
  } catch {
    throw new UsageError(`folder not found: ${root}`);
  }
  if (!st.isDirectory()) throw new UsageError(`not a folder: ${root}`);
  const model = compileOrExplain(await loadRulesFile(rulesPath));

  return withOcr(async () => {
    let problems = 0;
    const entries = (await readdir(root, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(root, e.name);
      if (!e.isDirectory()) {
        problems++;
        io.out(JSON.stringify({ file: p, error: 'not filed: put it in a folder named after a group (e.g. "K4", "Klaster IV") or an indicator (e.g. "19")' }));
        continue;
      }
      const place = resolvePlace(model, e.name);
      const files = await filesUnder(p);
      for (const file of files) {
        if (!place) {
          problems++;
          io.out(
            JSON.stringify({
              file,
              error: `cannot tell where folder "${e.name}" files belong: name it after a group (KL, K1...K5, KD, "Klaster I", "Kelembagaan") or an indicator ("19", "Indikator 21A")`,
            }),
          );
          continue;
        }
        const r = await classifyFile(model, file, { ocr });
        if (!r.ok) {
          problems++;
          io.out(JSON.stringify({ file, error: r.error }));
          continue;
        }
        const f = checkFiling(model, r.c, place);
        if (f.misfiled) problems++;
        io.out(
          JSON.stringify({
            file,
            filedUnder: { group: place.group ?? null, indicator: place.indicator ?? null },
            suggested: f.suggested,
            confidence: f.confidence,
            misfiled: f.misfiled,
            ...(f.pages ? { pages: f.pages } : {}),
          }),
        );
      }
    }
    return problems ? 1 : 0;
  });
};
