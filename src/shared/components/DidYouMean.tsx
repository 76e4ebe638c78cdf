import type { EvidenceDoc } from '../../domain/model';
import type { ContentResult } from '../search';
import { useFmt } from '../useFmt';

/**
 * The offer of a search's answer, counted over the documents the screen would show for it (`docs`:
 * live, under its filters): a deleted document's numbers stay in the index. Null when none.
 */
export function offerOver(content: ContentResult | null, docs: readonly Pick<EvidenceDoc, 'no'>[]): { query: string; count: number } | null {
  const offer = content?.didYouMean;
  if (!offer) return null;
  const nos = new Set(offer.nos);
  return { query: offer.query, count: docs.filter((d) => d.no != null && nos.has(d.no)).length };
}

/**
 * After a search that found nothing: the query spelt as the documents spell it ("Maksud Anda:
 * kesejahteraan? (12 dokumen)"), one click to search it (shared/search.ts, didYouMean). `count`: the
 * documents the screen would show for it (live, under its filters), counted by the screen.
 */
export function DidYouMean({ suggestion, onPick }: { suggestion: { query: string; count: number } | null | undefined; onPick: (query: string) => void }) {
  const { t } = useFmt();
  // nothing there to find (the documents it named were deleted, or the filters leave none out)
  if (!suggestion?.count) return null;
  const [before, after] = t('evidence.didYouMean', { query: '\u0000' }).split('\u0000');
  return (
    <>
      {' '}
      <span data-testid="did-you-mean">
        {before}
        <button type="button" className="link" aria-label={t('evidence.didYouMeanLabel', { query: suggestion.query, count: suggestion.count })} onClick={() => onPick(suggestion.query)}>
          {suggestion.query}
        </button>
        {after} {t('evidence.didYouMeanCount', { count: suggestion.count })}
      </span>
    </>
  );
}
