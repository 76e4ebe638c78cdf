/**
 * The summary as PDF blocks for "Simpan PDF" (pdf.ts draws them): page 1 stands alone (score and
 * predicate, the gap, the week's five with who owes them, the agencies behind, signatures); the
 * annex (groups, the whole plan, gaps, indicators, agencies) follows from page 2 when asked for.
 */
import { formatRemaining } from '../../domain/countdown';
import { agenciesBehind, notReady } from '../../domain/progress';
import type { Rules } from '../../domain/rules/load';
import type { Summary } from '../../domain/summary';
import type { useFmt } from '../../shared/useFmt';
import type { PdfBlock } from './pdf';
import { doubtWords } from './doubtWords';
import { agencyName, noQuestions, officer, planIntro, stepWords, whoActs } from './planWords';
import { clipWords } from '../../shared/format';

export interface PdfOptions {
  fmt: Pick<ReturnType<typeof useFmt>, 't' | 'pts' | 'dt' | 'lt' | 'pct'>;
  rules: Rules;
  scopeLabel: string;
  annex: boolean;
}

export function pdfBlocks(s: Summary, at: number, o: PdfOptions): PdfBlock[] {
const { rules, scopeLabel, annex } = o;
const { t, pts, dt, lt, pct } = o.fmt;
  const agencyOf = (id: string) => agencyName(rules, id, s.office);
  const blocks: PdfBlock[] = [
    { type: 'title', text: t('summary.title') },
    { type: 'text', text: [s.city, s.province, t('summary.year', { year: s.year })].filter(Boolean).join(' · '), bold: true, size: 11 },
    { type: 'text', text: `${t('workspace.stage')}: ${t(`stage.${s.stage}`)} · ${scopeLabel}` },
    { type: 'text', text: `${t('score.total')}: ${pts(s.total)} / ${pts(s.max)} · ${t('score.predicate')}: ${lt(s.band.label)}`, bold: true, size: 13 },
  ];
  if (s.deadline) blocks.push({ type: 'text', text: t('summary.deadline', { when: dt(s.deadline), left: formatRemaining(s.deadline - at) }), bold: true });
  const doubts = doubtWords(s, o.fmt);
  if (doubts) blocks.push({ type: 'text', text: `${doubts.lead} ${doubts.text}`, boxed: true });
  blocks.push(
    {
      type: 'bands',
      min: Math.max(0, rules.bands.items[0].min - 100),
      max: rules.maxTotal,
      score: s.total,
      scoreLabel: pts(s.total),
      below: lt(rules.bands.none.label),
      bands: rules.bands.items.map((b, i) => ({ label: lt(b.label), from: i === 0 ? b.min : rules.bands.items[i - 1].max, to: b.max })),
    },
    { type: 'heading', text: t('summary.brief.week') },
  );
  const planRows = (items: Summary['plan']['items'], short: boolean) => ({
    type: 'table' as const,
    table: {
      columns: [
        // the step column holds "bukti ada; lengkapi jawaban atau nilainya": at 14 % it took four
        // lines a row and pushed the signatures alone onto page 2 (the fifth walk)
        { label: t('summary.col.question'), width: 39 },
        { label: t('summary.col.who'), width: 19 },
        { label: t('summary.col.now'), width: 9, align: 'right' as const },
        { label: t('summary.col.gain'), width: 9, align: 'right' as const },
        { label: t('summary.col.document'), width: 24 },
      ],
      rows: items.map((i) => {
        const prompt = lt(rules.questionByCode.get(i.code)!.prompt);
        return [
          `${i.code} ${short ? clipWords(prompt, 80) : prompt}`,
          whoActs(i, rules, t, short, s.office),
          `${pts(i.current)} / ${pts(i.max)}`,
          `+${pts(i.gain)}`,
          stepWords(i, t),
        ];
      }),
    },
  });
  const agencyRows = (list: Summary['agencies']) => ({
    type: 'table' as const,
    table: {
      columns: [
        { label: t('agencies.agency'), width: 40 },
        { label: t('agencies.questions'), width: 13, align: 'right' as const },
        { label: t('agencies.notReady'), width: 13, align: 'right' as const },
        { label: t('agencies.ready'), width: 16, align: 'right' as const },
        { label: t('agencies.points'), width: 18, align: 'right' as const },
      ],
      rows: list.map((a) => [agencyOf(a.agency), String(a.questions), String(notReady(a)), `${a.ready} (${pct(a.ready / a.questions)})`, `${pts(a.points)} / ${pts(a.maxPoints)}`]),
    },
  });
  // page 1 stands alone: the week's five, the agencies behind, the signatures
  const brief = planIntro(s, rules, o.fmt, 'brief');
  if (brief) {
    blocks.push({ type: 'text', text: brief });
    if (s.plan.items.length) blocks.push(planRows(s.plan.items.slice(0, 5), true));
    if (s.plan.items.length > 5) blocks.push({ type: 'text', text: t('summary.plan.more', { count: s.plan.items.length - 5 }) });
  } else blocks.push({ type: 'text', text: t('score.top') });
  blocks.push(
    { type: 'heading', text: t('summary.brief.behind') },
    { type: 'text', text: t('agencies.rankedBy') },
    s.agencies.length ? agencyRows(agenciesBehind(s.agencies, 5)) : { type: 'text', text: noQuestions(s, rules, t) },
    {
      type: 'signature',
      left: [t('summary.sign.prepared'), '', '(....................................)', officer(rules, t, s.office)],
      right: [`${s.city}, ${dt(at, false).replace(/,? \d{2}[.:]\d{2} WIB$/, '')}`, t('summary.sign.approved'), '', '(....................................)', t('summary.sign.head')],
    },
  );
  if (!annex) return blocks;
  // the annex: the detail, from page 2
  blocks.push(
    { type: 'pagebreak' },
    { type: 'title', text: t('summary.annex.title') },
    { type: 'heading', text: t('score.groups') },
    { type: 'bars', bars: s.groups.map((g) => ({ label: lt(rules.groupById.get(g.id)!.short), value: g.score, max: g.max, text: `${pts(g.score)} / ${pts(g.max)}` })) },
  );
  const annexIntro = planIntro(s, rules, o.fmt, 'annex');
  if (annexIntro) blocks.push({ type: 'text', text: annexIntro });
  if (s.plan.target && s.plan.items.length) blocks.push({ type: 'heading', text: t('summary.plan.title') }, planRows(s.plan.items, false));
  blocks.push({ type: 'heading', text: t('summary.gaps.title') });
  for (const k of ['unanswered', 'noEvidence', 'misfiled', 'openNotes'] as const) {
    const items = s.gaps[k];
    const more = items.length > 30 ? ` ${t('summary.gaps.more', { count: items.length - 30 })}` : '';
    blocks.push({ type: 'text', text: `${t(`summary.gaps.${k}`)} (${items.length}): ${items.slice(0, 30).map((g) => g.code).join(', ') || '-'}${more}` });
  }
  blocks.push(
    { type: 'heading', text: t('summary.indicators') },
    {
      type: 'table',
      table: {
        columns: [
          { label: t('instrument.indicator'), width: 44 },
          { label: t('summary.col.score'), width: 9, align: 'right' },
          { label: t('summary.col.max'), width: 8, align: 'right' },
          { label: t('summary.col.ready'), width: 10, align: 'right' },
          { label: t('summary.col.evidence'), width: 9, align: 'right' },
          { label: t('summary.col.flags'), width: 10, align: 'right' },
          { label: t('summary.col.notes'), width: 10, align: 'right' },
        ],
        rows: s.indicators.map((i) => [`${i.code} ${lt(i.title)}`, pts(i.score), pts(i.max), `${i.ready}/${i.questions}`, String(i.evidence), i.flags ? String(i.flags) : '', i.notes ? `${i.openNotes}/${i.notes}` : '']),
      },
    },
    { type: 'heading', text: t('agencies.title') },
    { type: 'text', text: t('agencies.rankedBy') },
    agencyRows(s.agencies),
  );
  return blocks;
}
