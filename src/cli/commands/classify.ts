/**
 * kla classify <file>... [--rules <rules.json>] [--top N] [--explain] [--ocr]
 *
 * One JSON object per line per file, in the order given:
 *   {"file", "group", "indicator", "confidence", "ranking": [{"group", "indicator", "score"}]}
 * (top 5 by default; --top N for more). --explain adds "kind", "level", "issuer", "evidence"
 * (the words that convinced it), "questions" (the best questions of the suggested indicator) and
 * "pages" (runs of a PDF's pages about one indicator: {"from", "to", "indicator", "score"}).
 * --ocr reads scanned pages and images as the app does (tesseract.js, Indonesian; "ocrPages"
 * then lists the pages it read). An unreadable
 * file (missing, unsupported type, corrupt PDF, empty) gives {"file", "error"} on its line and the
 * others still run. Exit status: 0 all classified, 1 some file unreadable, 2 usage.
 */
import { classify, compileModel, suggestQuestions, suggestRunQuestions, type Model } from '../../domain/classifier';
import { loadRulesFile, takeFlag, takeOption, UsageError, type Command } from '../common';
import { ExtractError, extractText, type ExtractOptions } from '../extract';
import { withOcr } from '../ocr';

export function compileOrExplain(rules: Parameters<typeof compileModel>[0]): Model {
  try {
    return compileModel(rules);
  } catch (e) {
    throw new UsageError(`the rules file cannot be used for classifying: ${(e as Error).message}`);
  }
}

/** Read and classify one file; never throws for a bad file. */
export async function classifyFile(model: Model, file: string, opts: ExtractOptions = {}) {
  try {
    const { text, title, ocrPages, pages } = await extractText(file, opts);
    const name = file.split(/[\\/]/).pop();
    return { ok: true as const, c: classify(model, { text, pages: pages && pages.length > 1 ? pages : undefined, name, title }), ocrPages };
  } catch (e) {
    if (e instanceof ExtractError) return { ok: false as const, error: e.message };
    return { ok: false as const, error: `cannot classify: ${(e as Error).message}` };
  }
}

export const classifyCommand: Command = async (args, io) => {
  const rulesPath = takeOption(args, '--rules');
  const topArg = takeOption(args, '--top');
  const explain = takeFlag(args, '--explain');
  const ocr = takeFlag(args, '--ocr');
  const top = topArg === undefined ? 5 : Number(topArg);
  if (!Number.isInteger(top) || top < 1) throw new UsageError('--top needs a whole number >= 1');
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown) throw new UsageError(`unknown option ${unknown}`);
  if (!args.length) throw new UsageError('classify needs at least one file');
  const model = compileOrExplain(await loadRulesFile(rulesPath));
  return withOcr(async () => {
    let failed = 0;
    for (const file of args) {
      const r = await classifyFile(model, file, { ocr });
      if (!r.ok) {
        failed++;
        io.out(JSON.stringify({ file, error: r.error }));
        continue;
      }
      const c = r.c;
      const line: Record<string, unknown> = {
        file,
        group: c.group,
        indicator: c.indicator,
        confidence: c.confidence,
        ranking: c.ranking.slice(0, top),
      };
      if (r.ocrPages) line.ocrPages = r.ocrPages;
      if (explain) Object.assign(line, { kind: c.kind, level: c.level, issuer: c.issuer, evidence: c.evidence, questions: suggestQuestions(model, c, c.indicator), pages: (c.pages ?? []).map((run) => ({ from: run.from, to: run.to, indicator: run.indicator, score: run.score, question: suggestRunQuestions(model, c, run, 1)[0] })) });
      io.out(JSON.stringify(line));
    }
    return failed ? 1 : 0;
  });
};
