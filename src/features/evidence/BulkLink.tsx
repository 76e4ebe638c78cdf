import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { getDb } from '../../db/client';
import { linkSuggested, type LinkPair } from '../../db/evidence';
import type { Model } from '../../domain/classifier/model';
import { linkSuggestion, type LinkSuggestion } from '../../domain/evidence/linkSuggestion';
import type { EvidenceDoc } from '../../domain/model';
import type { Rules } from '../../domain/rules/load';
import { classificationsOnce } from '../../shared/classifications';
import { ModalDialog } from '../../shared/components/ModalDialog';
import { withUndo } from '../../shared/linkUndo';
import { ownSuggestion, useOwnCodes } from '../../shared/ownCodes';
import { saveErrorMessage } from '../../shared/saveError';
import { showToast } from '../../shared/toast';
import { useIntake } from '../../shared/intakeStore';
import { useFmt } from '../../shared/useFmt';
import { BulkQuestionChoice } from './BulkQuestionChoice';
import { useDistinctPrompts } from '../../shared/useDistinctPrompts';
import { searchWorker } from '../../shared/search';

type Fmt = ReturnType<typeof useFmt>;

export interface Proposal {
  doc: EvidenceDoc;
  suggestion: LinkSuggestion | null;
  code: string;
  on: boolean;
  /** A code being typed instead of a suggestion ("Kode lain…"). */
  typed?: string;
}

/** Link documents to suggested questions, with a notice that offers to take the step back. */
export async function linkWithUndo(workspaceId: string, pairs: LinkPair[], message: string | ((made: number) => string), t: Fmt['t']): Promise<void> {
  let added: Awaited<ReturnType<typeof linkSuggested>>;
  try {
    added = await linkSuggested(getDb(), workspaceId, pairs);
  } catch (e) {
    // refused (another agency's question, the revision closed, a full disk): said, not lost in the console
    showToast({ message: saveErrorMessage(e, t) });
    return;
  }
  return withUndo(workspaceId, Promise.resolve({ removed: [], added }), typeof message === 'string' ? message : message(added.length), t);
}

/** Above this many files the suggestions are worked out in the search worker (the page stays free). */
const IN_WORKER_FROM = 50;

/**
 * The suggestions of these documents. Many are read in the search worker: their stored
 * classifications (a few KB to 70 KB each) took the page 36 s to read for 5,000 on a slow laptop;
 * the page does it itself for a few, or when the worker fails.
 */
async function suggestionsOf(ids: string[], rules: Rules, model: Model | null): Promise<Map<string, LinkSuggestion | null>> {
  if (ids.length >= IN_WORKER_FROM) {
    const got = await inWorker(ids, rules);
    if (got) return got;
  }
  const cs = new Map((await classificationsOnce(ids)).map((x) => [x.id, x.classification]));
  return new Map(ids.map((id) => [id, model ? linkSuggestion(model, cs.get(id)) : null]));
}

/** Suggestions worked out when the files were ticked serve the review this long; later it works them out again (a document read meanwhile would keep none). */
const AHEAD_FOR_MS = 60_000;
interface Ahead {
  ids: ReadonlySet<string>;
  at: number;
  rulesHash: string;
  /** Null when the worker could not: the review works them out then. */
  found: Promise<Map<string, LinkSuggestion | null> | null>;
}

/** The suggestions of these documents from the search worker; null when it cannot (no rules file there, or it failed). */
async function inWorker(ids: string[], rules: Rules): Promise<Map<string, LinkSuggestion | null> | null> {
  const got = await searchWorker()
    .suggestions(ids, rules.hash)
    .catch(() => null);
  return got ? new Map(Object.entries(got)) : null;
}

/** The bar above the list: tick the unlinked rows, then review their suggestions before linking. */
export function BulkLinkBar(props: {
  workspaceId: string;
  rows: EvidenceDoc[];
  unlinked: (d: EvidenceDoc) => boolean;
  ticked: Set<string>;
  setTicked: (s: Set<string>) => void;
  model: Model | null;
  rules: Rules;
  /** Where the focus goes after the review when its button is gone (the links were made): the list. */
  returnFocus: () => HTMLElement | null;
}) {
  const fmt = useFmt();
  const { t } = fmt;
  const own = useOwnCodes();
  const [review, setReview] = useState<Proposal[] | null>(null);
  const { rows, setTicked } = props;
  // both walk every row shown (5,000 in a kabupaten): only when the rows or the ticks change
  const open = useMemo(() => rows.filter(props.unlinked), [rows, props.unlinked]);
  // what a filter hides since is not part of the step
  const ticked = useMemo(() => (props.ticked.size ? new Set(rows.filter((d) => props.ticked.has(d.id)).map((d) => d.id)) : props.ticked), [rows, props.ticked]);

  const [preparing, setPreparing] = useState(false);
  const ahead = useRef<Ahead | null>(null);
  /**
   * "Pilih semua yang belum ditautkan": the suggestions of many files start being worked out at
   * once, so the review's click finds them made or half made (the tenth walk: 9.2-9.5 s for
   * 5,000 files after the click).
   */
  function tickAll() {
    const ids = open.map((d) => d.id);
    setTicked(new Set(ids));
    // not while files are being read (their suggestions are still to come), and only in the worker
    const early = ids.length >= IN_WORKER_FROM && !useIntake.getState().running;
    ahead.current = early ? { ids: new Set(ids), at: Date.now(), rulesHash: props.rules.hash, found: inWorker(ids, props.rules) } : null;
  }
  /** The suggestions worked out ahead, when they cover `ids` under the same rules and are fresh; else worked out now. */
  async function suggestionsFor(ids: string[]): Promise<Map<string, LinkSuggestion | null>> {
    const pre = ahead.current;
    ahead.current = null;
    const usable = pre && pre.rulesHash === props.rules.hash && Date.now() - pre.at < AHEAD_FOR_MS && ids.every((id) => pre.ids.has(id));
    return (usable && (await pre.found)) || suggestionsOf(ids, props.rules, props.model);
  }
  async function startReview() {
    const docs = rows.filter((d) => ticked.has(d.id));
    setPreparing(true);
    try {
      const found = await suggestionsFor(docs.map((d) => d.id));
      setReview(
        docs.map((doc) => {
          const suggestion = ownSuggestion(found.get(doc.id) ?? null, own);
          return { doc, suggestion, code: suggestion?.questions[0] ?? '', on: !!suggestion && suggestion.certainty !== 'unsure' };
        }),
      );
    } finally {
      setPreparing(false);
    }
  }

  async function apply(pairs: LinkPair[]) {
    const words = pairs.some((p) => p.typed) ? 'evidence.bulk.doneTyped' : 'evidence.bulk.done';
    await linkWithUndo(props.workspaceId, pairs, (made) => t(words, { count: made }), t);
    setReview(null);
    setTicked(new Set());
  }

  // nothing listed, nothing ticked: "Pilih semua … (0)" under "Tidak ada dokumen yang cocok" is noise
  if (!props.rows.length && ticked.size === 0 && !review) return null;
  // the bar stays under the review: Batal gives the focus back to the button that opened it
  return (
    <>
    {review && <BulkLinkReview proposals={review} setProposals={setReview} rules={props.rules} onCancel={() => setReview(null)} onApply={apply} returnFocus={props.returnFocus} />}
    <div className="bulk-bar small" data-testid="bulk-bar">
      {ticked.size === 0 ? (
        <button type="button" className="link" disabled={!open.length || !props.model} onClick={tickAll}>
          {t('evidence.bulk.tickUnlinked', { count: open.length })}
        </button>
      ) : (
        <>
          <strong>{t('evidence.bulk.ticked', { count: ticked.size })}</strong>
          {/* not disabled while the suggestions are prepared: a disabled button drops the focus, which the review gives back to it */}
          <button type="button" onClick={() => void (preparing || startReview())} disabled={!props.model} aria-busy={preparing || undefined}>
            {preparing ? t('evidence.bulk.preparing', { count: ticked.size }) : t('evidence.bulk.review')}
          </button>
          <button type="button" className="link" onClick={() => setTicked(new Set())}>
            {t('evidence.bulk.clear')}
          </button>
        </>
      )}
    </div>
    </>
  );
}

/** Above this many files the review draws only the rows in view (a kabupaten ticks 5,000 at once). */
const VIRTUAL_FROM = 60;
const ROW_ESTIMATE = 44;

/** Each ticked file with the question it would be linked to; nothing is linked before "Tautkan". */
export function BulkLinkReview(props: {
  proposals: Proposal[];
  setProposals: (p: Proposal[]) => void;
  rules: Rules;
  onCancel: () => void;
  onApply: (pairs: LinkPair[]) => Promise<void>;
  returnFocus: () => HTMLElement | null;
}) {
  const { t } = useFmt();
  // the options of 1.2a-1.2s opened with the same 65 characters: each says what sets it apart
  const short = useDistinctPrompts(props.rules);
  const promptOf = useCallback((c: string) => short.get(c) ?? '', [short]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { proposals, setProposals } = props;
  const chosen = useMemo(() => proposals.filter((p) => p.on && p.code), [proposals]);
  // the latest list for a row's edit: a row drawn before another's edit must not put it back
  const latest = useRef(proposals);
  latest.current = proposals;
  const edit = useCallback((i: number, change: Partial<Proposal>) => setProposals(latest.current.map((p, j) => (j === i ? { ...p, ...change } : p))), [setProposals]);
  const scroller = useRef<HTMLDivElement>(null);
  const many = proposals.length > VIRTUAL_FROM;
  const virtual = useVirtualizer({ count: many ? proposals.length : 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_ESTIMATE, overscan: 8 });
  const items = virtual.getVirtualItems();
  const shown = many ? items.map((v) => v.index) : proposals.map((_, i) => i);
  const before = many && items.length ? items[0].start : 0;
  const after = many && items.length ? virtual.getTotalSize() - items[items.length - 1].end : 0;
  return (
    // once the links are being made, closing (Escape, Batal) would hide a step that still happens
    <ModalDialog className="bulk-review" labelledBy="bulk-review-title" onClose={props.onCancel} locked={busy} returnFocus={props.returnFocus} testId="bulk-review">
      <h2 id="bulk-review-title">{t('evidence.bulk.reviewTitle')}</h2>
      <p className="muted small">{t('evidence.bulk.reviewHelp')}</p>
      {many && <p className="small" data-testid="bulk-count">{t('evidence.bulk.reviewCount', { count: proposals.length, chosen: chosen.length })}</p>}
      <div className="bulk-review-rows" ref={scroller}>
      <table className="table small">
        <thead>
          <tr>
            <th scope="col">{t('evidence.bulk.colLink')}</th>
            <th scope="col">{t('evidence.bulk.colFile')}</th>
            <th scope="col">{t('evidence.bulk.colQuestion')}</th>
            <th scope="col">{t('evidence.bulk.colCertainty')}</th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
          {shown.map((i) => (
            <ReviewRow key={proposals[i].doc.id} index={i} p={proposals[i]} rules={props.rules} promptOf={promptOf} edit={edit} measure={many ? virtual.measureElement : undefined} />
          ))}
          {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
        </tbody>
      </table>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <p className="row-gap bulk-review-actions">
        <button
          type="button"
          className="primary"
          disabled={!chosen.length || busy}
          onClick={async () => {
            setBusy(true);
            try {
              await props.onApply(chosen.map((p) => ({ documentId: p.doc.id, code: p.code, typed: p.typed !== undefined || !p.suggestion })));
            } catch (e) {
              setError(t('errors.saveFailed', { reason: (e as Error).message }));
              setBusy(false);
            }
          }}
        >
          {busy ? t('evidence.bulk.applying', { count: chosen.length }) : t('evidence.bulk.apply', { count: chosen.length })}
        </button>{' '}
        <button type="button" onClick={props.onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </p>
    </ModalDialog>
  );
}

/** One file of the review; drawn again only when its own proposal changes. */
const ReviewRow = memo(function ReviewRow(props: { index: number; p: Proposal; rules: Rules; promptOf: (c: string) => string; edit: (i: number, change: Partial<Proposal>) => void; measure?: (el: Element | null) => void }) {
  const { t } = useFmt();
  const { p, index: i, edit } = props;
  return (
    <tr data-doc={p.doc.name} data-testid="bulk-row" data-index={i} ref={props.measure}>
      <td>
        <input type="checkbox" aria-label={t('evidence.bulk.tick', { name: p.doc.name })} checked={p.on && !!p.code} disabled={!p.code} onChange={(e) => edit(i, { on: e.target.checked })} />
      </td>
      <td className="wrap-anywhere bulk-file">{p.doc.name}</td>
      <td>
        <BulkQuestionChoice name={p.doc.name} suggested={p.suggestion?.questions ?? []} code={p.code} typed={p.typed} rules={props.rules} promptOf={props.promptOf} onChange={(change) => edit(i, change)} />
      </td>
      <td className="nowrap">{p.suggestion && p.typed === undefined && <span className={`certainty ${p.suggestion.certainty}`}>{t(`evidence.certainty.${p.suggestion.certainty}`)}</span>}</td>
    </tr>
  );
});
