import { useFmt } from '../useFmt';

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
    <span data-testid="did-you-mean">
      {before}
      <button type="button" className="link" aria-label={t('evidence.didYouMeanLabel', { query: suggestion.query, count: suggestion.count })} onClick={() => onPick(suggestion.query)}>
        {suggestion.query}
      </button>
      {after} {t('evidence.didYouMeanCount', { count: suggestion.count })}
    </span>
  );
}
