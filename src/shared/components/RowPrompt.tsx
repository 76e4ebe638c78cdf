/**
 * A question's words in a list row: `shown` (shortened by rowPrompts when a run of questions
 * opens with the same long words) on screen, the whole prompt for a screen reader and on hover.
 */
export function RowPrompt({ whole, shown }: { whole: string; shown: string }) {
  return (
    <span className="q-prompt" title={whole}>
      {shown !== whole ? (
        <>
          <span aria-hidden="true">{shown}</span>
          <span className="sr-only">{whole}</span>
        </>
      ) : (
        whole
      )}
    </span>
  );
}
