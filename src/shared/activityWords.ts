/**
 * Each activity entry as a sentence in the UI language ("Nilai 0 -> 12; status Belum mulai ->
 * Siap"), never the stored detail as JSON. The stored detail stays as it is (it travels in .kla
 * files); only its reading changes.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { getDb } from '../db/client';
import type { Activity } from '../domain/model';
import type { Rules } from '../domain/rules/load';
import { useFmt } from './useFmt';
import { useWorkspace } from './workspace';
import { pageLabel, type PageCite } from '../domain/evidence/pageCite';

type Fmt = ReturnType<typeof useFmt>;
type Detail = Record<string, unknown>;

export interface DescribeContext {
  fmt: Fmt;
  rules: Rules;
  /** A document's name by id (documents removed since are named by their id). */
  docName: (id: unknown) => string;
  /** An agency's name as the city says it (its office by the name set in Pengaturan). */
  agencyName: (id: string) => string;
}

const ANSWER_FIELDS = ['points', 'status', 'notes', 'dataValues'] as const;

export function describeActivity(a: Activity, ctx: DescribeContext): string {
  const text = describeKind(a, ctx);
  // a change taken from an agency's response says whose it was (issue 12)
  const d = (a.detail as Detail | undefined) ?? {};
  const parts = [text];
  if (typeof d.agency === 'string' && d.agency) parts.push(ctx.fmt.t('activity.say.byAgency', { agency: d.agency }));
  // brought by the city hub: whose change it was, and the value it replaced when two edited at once
  if (d.via === 'hub') parts.push(ctx.fmt.t('activity.say.viaHub', { by: String(d.by ?? '—') }));
  const over = d.overwritten as { value?: unknown; by?: unknown } | undefined;
  if (over) parts.push(ctx.fmt.t('activity.say.overwrote', { value: shortValue(over.value), by: String(over.by ?? '—') }));
  return parts.join(' · ');
}

function shortValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v ?? '');
  return s.length > 60 ? `${s.slice(0, 57)}…` : s || '—';
}

function describeKind(a: Activity, ctx: DescribeContext): string {
  const { t } = ctx.fmt;
  const d = (a.detail ?? {}) as Detail;
  const s = (x: unknown) => (x == null || x === '' ? '—' : String(x));
  switch (a.kind) {
    case 'workspace-created':
      return t('activity.say.created', { city: s(d.city) });
    case 'stage-changed':
      return t('activity.say.stage', { from: stageName(ctx, d.from), to: stageName(ctx, d.to) });
    case 'answer-changed':
      return describeAnswer(d, ctx);
    case 'assignment-changed':
      // no assignment stored before: the question had the instrument's own agencies
      return t('activity.say.assigned', { to: agencies(ctx, d.to), from: agencies(ctx, d.from ?? (a.code ? ctx.rules.questionByCode.get(a.code)?.agencies : null)) });
    case 'evidence-added':
      return t('activity.say.added', { name: s(d.name), size: typeof d.size === 'number' ? ctx.fmt.bytes(d.size) : '—' });
    case 'evidence-removed':
      return t('activity.say.removed', { name: s(d.name) });
    case 'evidence-restored':
      return t('activity.say.restored', { name: s(d.name), count: typeof d.links === 'number' ? d.links : 0 });
    case 'evidence-linked':
      return [t('activity.say.linked', { name: ctx.docName(d.documentId) }), d.page ? t('evidence.pageCite', { page: pageLabel(d) }) : '', d.was ? t('activity.say.citeWas', { was: pageLabel(d.was as PageCite) ? t('evidence.pageCite', { page: pageLabel(d.was as PageCite) }) : t('activity.say.noPage') }) : '', d.via === 'suggestion' ? t('activity.say.viaSuggestion') : '', d.undo ? t('activity.say.undo') : ''].filter(Boolean).join(' · ');
    case 'evidence-checked':
      return t('activity.say.checked', { name: ctx.docName(d.documentId) });
    case 'evidence-unlinked':
      return [t('activity.say.unlinked', { name: ctx.docName(d.documentId) }), d.undo ? t('activity.say.undo') : ''].filter(Boolean).join(' · ');
    case 'evidence-moved':
      return t(d.kept ? 'activity.say.copied' : 'activity.say.moved', { name: ctx.docName(d.documentId), from: s(d.from), to: s(d.to) });
    case 'flag-dismissed':
      return d.undo ? t('activity.say.undismissed', { name: ctx.docName(d.documentId) }) : t('activity.say.dismissed', { name: ctx.docName(d.documentId), reason: s(d.reason) });
    case 'revision-item-changed':
      return t((d.done as { to?: boolean } | undefined)?.to ? 'activity.say.itemDone' : 'activity.say.itemOpen');
    case 'review-changed':
      return describeReview(d, ctx);
    case 'reviews-sent':
      return t('activity.say.reviewsSent', { count: Number(d.count ?? 0) });
    case 'reviews-received':
      return t('activity.say.reviewsReceived', { added: Number(d.added ?? 0), updated: Number(d.updated ?? 0), at: typeof d.deliveredAt === 'number' ? ctx.fmt.dt(d.deliveredAt) : '—' });
    case 'import':
      return describeImport(d, ctx);
    case 'export':
      return t(d.encrypted ? 'activity.say.exportProtected' : 'activity.say.export', { role: d.role === 'pack' ? `${t('activity.role.pack')} ${s(d.for)}` : t(`activity.role.${d.role === 'evaluator' || d.role === 'agency' ? d.role : 'city'}`), size: typeof d.bytes === 'number' ? ctx.fmt.bytes(d.bytes) : '—' });
    default:
      return '';
  }
}

function describeAnswer(d: Detail, ctx: DescribeContext): string {
  const { t } = ctx.fmt;
  const parts: string[] = [];
  for (const f of ANSWER_FIELDS) {
    const c = d[f] as { from: unknown; to: unknown } | undefined;
    if (!c) continue;
    if (f === 'points') parts.push(t('activity.say.points', { from: pts(ctx, c.from), to: pts(ctx, c.to) }));
    else if (f === 'status') parts.push(t('activity.say.status', { from: statusName(ctx, c.from), to: statusName(ctx, c.to) }));
    else if (f === 'notes') parts.push(t('activity.say.notes'));
    else parts.push(t('activity.say.data'));
  }
  return parts.join('; ');
}

/** An evaluator's review change: what moved (verdict, note, points, the mark). */
function describeReview(d: Detail, ctx: DescribeContext): string {
  const { t } = ctx.fmt;
  const from = (d.from ?? {}) as Record<string, unknown>;
  const to = (d.to ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (from.verdict !== to.verdict) parts.push(t('activity.say.review', { verdict: to.verdict ? t(`review.verdicts.${String(to.verdict)}`) : '—' }));
  if (from.note !== to.note) parts.push(t('activity.say.reviewNote'));
  if (from.points !== to.points) parts.push(t('activity.say.reviewPoints', { to: pts(ctx, to.points) }));
  if (to.markForReview && !from.markForReview) parts.push(t('activity.say.reviewMark'));
  return parts.join('; ');
}

function describeImport(d: Detail, ctx: DescribeContext): string {
  const { t } = ctx.fmt;
  if (d.source === 'demo') return t('activity.say.demo', { count: Number(d.answers ?? 0) });
  if (d.resolved) return t('activity.say.conflictResolved');
  if (d.role === 'evaluator') return t('activity.say.importReview', { from: String(d.from ?? '—'), added: Number(d.added ?? 0), conflicts: Number(d.conflicts ?? 0) });
  if (d.role === 'agency') return t('activity.say.importAgency', { count: Number(d.documents ?? 0), answers: Number(d.answers ?? 0) });
  if (d.role === 'agency-pack') return t('activity.say.importPack', { from: String(d.from ?? '—'), count: Number(d.questions ?? 0) });
  return t('activity.say.importCity', { from: String(d.from ?? '—'), count: Number(d.documents ?? 0) });
}

/** A status by name; none stored (an answer not made yet) is "not started", as the screens show it. */
const STATUSES = ['not-started', 'in-progress', 'ready'];
const statusName = (ctx: DescribeContext, x: unknown) => ctx.fmt.t(`status.${STATUSES.includes(String(x)) ? String(x) : 'not-started'}`);
const pts = (ctx: DescribeContext, x: unknown) => (typeof x === 'number' ? ctx.fmt.pts(x) : ctx.fmt.t('activity.say.noPoints'));
const stageName = (ctx: DescribeContext, x: unknown) => (typeof x === 'string' ? ctx.fmt.t(`stage.${x}`) : '—');
function agencies(ctx: DescribeContext, x: unknown): string {
  if (!Array.isArray(x) || !x.length) return '—';
  return x.map((id) => ctx.agencyName(String(id))).join(', ');
}

/** `describeActivity` for these entries, with the names of the documents they mention. */
export function useActivityWords(entries: Activity[] | undefined): (a: Activity) => string {
  const fmt = useFmt();
  const { rules, agencyName } = useWorkspace();
  const ids = [...new Set((entries ?? []).map((a) => a.detail?.documentId).filter((x): x is string => typeof x === 'string'))].sort();
  const names = useLiveQuery(async () => new Map((await getDb().documents.bulkGet(ids)).flatMap((d) => (d ? [[d.id, d.name] as const] : []))), [ids.join(',')]);
  return useCallback(
    (a: Activity) => describeActivity(a, { fmt, rules, agencyName, docName: (id) => (names ? (names.get(String(id)) ?? fmt.t('activity.say.goneDoc')) : '…') }),
    [fmt, rules, agencyName, names],
  );
}

/** The kind of an entry in words (an undone dismissal is logged under its kind, with `undo`). */
export function activityKind(a: Activity, t: ReturnType<typeof useFmt>['t']): string {
  return a.kind === 'flag-dismissed' && a.detail?.undo ? t('activity.kinds.flag-undismissed') : t(`activity.kinds.${a.kind}`);
}
