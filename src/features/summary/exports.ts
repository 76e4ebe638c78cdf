/**
 * Exports of the summary: every answer as CSV/XLSX (src/domain/spreadsheet.ts) for those who work in spreadsheets,
 * and the public PPID page as one self-contained HTML file (inline CSS and SVG, nothing to fetch)
 * and as a PNG (drawn on a canvas). The public versions carry scores and progress per group only:
 * no evaluator notes, no document names (from any cluster, so none from Klaster V), no people.
 */
import type { Answer, EvidenceDoc, EvidenceLink, RevisionItem } from '../../domain/model';
import type { Rules } from '../../domain/rules/load';
import type { PublicSummary } from '../../domain/summary';
import { pageLabel } from '../../domain/evidence/pageCite';

export interface AnswerRow {
  [column: string]: string | number;
}

/** Statuses, verdicts and page citations in the reader's words, not the stored codes. */
export interface RowWords {
  status: (s: Answer['status']) => string;
  verdict: (v: RevisionItem['verdict']) => string;
  done: string;
  page: (cited: string) => string;
  /** An agency's name as the city says it (its office by the name set in Pengaturan). */
  agency: (id: string) => string;
}

export function answerRows(
  rules: Rules,
  lang: 'id' | 'en',
  answers: ReadonlyMap<string, Answer>,
  assignments: ReadonlyMap<string, string[]>,
  docs: EvidenceDoc[],
  links: EvidenceLink[],
  notes: RevisionItem[],
  headers: Record<string, string>,
  words: RowWords,
): AnswerRow[] {
  const docName = new Map(docs.map((d) => [d.id, d.name]));
  const evidence = new Map<string, string[]>();
  for (const l of links) evidence.set(l.code, [...(evidence.get(l.code) ?? []), `${docName.get(l.documentId) ?? '?'}${l.page ? ` (${words.page(pageLabel(l)!)})` : ''}`]);
  const noteBy = new Map<string, string[]>();
  for (const n of notes) noteBy.set(n.code, [...(noteBy.get(n.code) ?? []), `[${words.verdict(n.verdict)}${n.done ? `, ${words.done}` : ''}] ${n.note}`]);
  return rules.indicators.flatMap((ind) =>
    ind.questions.map((q) => {
      const a = answers.get(q.code);
      return {
        [headers.group]: ind.group,
        [headers.indicator]: ind.code,
        [headers.code]: q.code,
        [headers.question]: q.prompt[lang],
        [headers.max]: q.maxPoints,
        [headers.points]: a?.points ?? '',
        [headers.status]: words.status(a?.status ?? 'not-started'),
        [headers.agencies]: (assignments.get(q.code) ?? q.agencies).map(words.agency).join(', '),
        [headers.notes]: a?.notes ?? '',
        [headers.data]: Object.entries(a?.dataValues ?? {})
          .map(([k, v]) => `${k}: ${v}`)
          .join('; '),
        [headers.evidence]: (evidence.get(q.code) ?? []).join('; '),
        [headers.evaluatorNotes]: (noteBy.get(q.code) ?? []).join(' | '),
      };
    }),
  );
}

export async function toXlsx(rows: AnswerRow[], sheetName: string): Promise<Blob> {
  const { xlsxBytes } = await import('../../domain/spreadsheet');
  return new Blob([(await xlsxBytes(rows, sheetName)) as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** CSV in the dialect of the UI language: semicolons and a decimal comma for Indonesian Excel. */
export async function toCsv(rows: AnswerRow[], lang: 'id' | 'en'): Promise<Blob> {
  const { csvText, CSV_ID, CSV_EN } = await import('../../domain/spreadsheet');
  // BOM so spreadsheet programs read UTF-8
  return new Blob(['\ufeff', csvText(rows, lang === 'id' ? CSV_ID : CSV_EN)], { type: 'text/csv;charset=utf-8' });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface PublicLabels {
  title: string;
  total: string;
  predicate: string;
  progress: string;
  groups: Record<string, string>;
  bandLabel: string;
  stage: string;
  generated: string;
  note: string;
  fmt: (n: number) => string;
  pct: (r: number) => string;
}

/** One self-contained HTML page for the city's PPID website. */
export function publicHtml(p: PublicSummary, L: PublicLabels, lang: string): string {
  const rows = p.groups
    .map((g, i) => {
      const w = g.max ? (g.score / g.max) * 100 : 0;
      const r = g.questions ? g.ready / g.questions : 0;
      return `<tr><th scope="row">${esc(L.groups[g.id] ?? g.id)}</th><td class="n">${esc(L.fmt(g.score))} / ${esc(L.fmt(g.max))}</td><td><svg width="220" height="14" role="img" aria-label="${esc(L.pct(g.max ? g.score / g.max : 0))}"><rect x="0.5" y="0.5" width="219" height="13" fill="#fff" stroke="#000"/><rect x="0.5" y="0.5" width="${(w * 2.19).toFixed(1)}" height="13" fill="#444"/></svg></td><td class="n">${esc(L.pct(r))}</td></tr>${i === p.groups.length - 1 ? '' : ''}`;
    })
    .join('');
  return `<!doctype html>
<html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(L.title)} – ${esc(p.city)} ${p.year}</title>
<style>
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:#111;max-width:760px;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.5rem;margin:0}.sub{color:#444}.score{font-size:2.4rem;font-weight:700;font-variant-numeric:tabular-nums}
.pred{display:inline-block;border:2px solid #000;border-radius:4px;padding:0 .5rem;font-weight:700}
table{border-collapse:collapse;width:100%;margin-top:1rem}th,td{border-bottom:1px solid #ccc;padding:.35rem .4rem;text-align:left}.n{text-align:right;font-variant-numeric:tabular-nums}
footer{margin-top:1.5rem;color:#555;font-size:.85rem}
</style></head>
<body>
<h1>${esc(L.title)}</h1>
<p class="sub">${esc(p.city)} · ${esc(p.province)} · ${p.year} · ${esc(L.stage)}</p>
<p><span class="score">${esc(L.fmt(p.total))}</span> / ${esc(L.fmt(p.max))} &nbsp; <span class="pred">${esc(L.predicate)}: ${esc(L.bandLabel)}</span></p>
<table><thead><tr><th>${esc(L.progress)}</th><th class="n">${esc(L.total)}</th><th></th><th class="n">%</th></tr></thead><tbody>${rows}</tbody></table>
<footer>${esc(L.note)}<br>${esc(L.generated)}</footer>
</body></html>
`;
}

/** The same public summary as a PNG (1200 px wide), drawn on a canvas. */
export async function publicPng(p: PublicSummary, L: PublicLabels): Promise<Blob> {
  const W = 1200;
  const H = 260 + p.groups.length * 56 + 80;
  const c = document.createElement('canvas');
  c.width = W;
  c.height = H;
  const g = c.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, W, H);
  g.fillStyle = '#111';
  g.font = 'bold 40px system-ui, sans-serif';
  g.fillText(L.title, 48, 70);
  g.font = '26px system-ui, sans-serif';
  g.fillStyle = '#444';
  g.fillText(`${p.city} · ${p.province} · ${p.year} · ${L.stage}`, 48, 112);
  g.fillStyle = '#111';
  g.font = 'bold 64px system-ui, sans-serif';
  const score = L.fmt(p.total);
  g.fillText(score, 48, 195);
  const sw = g.measureText(score).width;
  g.font = '30px system-ui, sans-serif';
  g.fillText(`/ ${L.fmt(p.max)}   ${L.predicate}: ${L.bandLabel}`, 48 + sw + 16, 195);
  p.groups.forEach((grp, i) => {
    const y = 250 + i * 56;
    g.font = '24px system-ui, sans-serif';
    g.fillStyle = '#111';
    g.fillText(L.groups[grp.id] ?? grp.id, 48, y + 24);
    g.strokeStyle = '#000';
    g.lineWidth = 2;
    g.strokeRect(360, y + 2, 520, 28);
    g.fillStyle = '#444';
    g.fillRect(361, y + 3, grp.max ? (grp.score / grp.max) * 518 : 0, 26);
    g.fillStyle = '#111';
    g.fillText(`${L.fmt(grp.score)} / ${L.fmt(grp.max)}`, 900, y + 24);
  });
  g.font = '20px system-ui, sans-serif';
  g.fillStyle = '#555';
  g.fillText(L.generated, 48, H - 36);
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG failed'))), 'image/png'));
}
