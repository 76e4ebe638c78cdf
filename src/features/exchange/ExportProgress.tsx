import type { ExportStep } from '../../shared/exchangeIo';
import { useFmt } from '../../shared/useFmt';

export interface ExportProgressState {
  step: ExportStep;
  done: number;
  total: number;
}

/**
 * What the export is doing, from the click on: at 5,000 documents reading the workspace, packing
 * the texts and looking up the documents took ~20 s before the first byte, with nothing on
 * screen (the tenth walk). Steps without a count show a moving bar.
 */
export function ExportProgress({ p }: { p: ExportProgressState }) {
  const { t, bytes, count } = useFmt();
  // the writer's total counts the parts, not the zip's headers: never "478 KB dari 476 KB"
  const done = Math.min(p.done, p.total);
  // the check of a download does not read the documents again: its bytes would stop short, so it has no count
  const counted = (p.step === 'evidence' || p.step === 'write') && p.total > 0;
  const words =
    p.step === 'write'
      ? t('exchange.writingParts', { done: bytes(done), total: bytes(p.total) })
      : p.step === 'evidence'
        ? t('exchange.steps.evidence', { done: count(done), total: count(p.total) })
        : t(`exchange.steps.${p.step}`, { count: p.total });
  return (
    <p className="small" role="status" data-testid="export-progress" data-step={p.step}>
      {counted ? <progress max={p.total} value={done} aria-label={words} /> : <progress aria-label={words} />} {words}
    </p>
  );
}
