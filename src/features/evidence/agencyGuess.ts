/**
 * Bukti's agency (OPD) filter. The agency of a document is guessed from its letterhead or file
 * name until an officer keeps it (Benar) or picks another (`agencyGuessed`); a guess can be wrong
 * (a mayor's decree chaired by the Bappeda head reads as Bappeda's). So an agency in the filter
 * means the documents confirmed as its own; the guesses are a separate choice, said to be guesses
 * ("perkiraan"), and the list says how many guesses an agency has beside its confirmed files.
 * Each agency's name carries its confirmed count ("Dinas Kesehatan (0)" above "Dinas Kesehatan
 * (perkiraan, 120)": the eighth walk read 61 entries of look-alike names without it).
 */
import { useMemo } from 'react';
import type { EvidenceDoc } from '../../domain/model';
import type { Agency } from '../../domain/rules/schema';
import type { AgencyFilterExtra } from '../../shared/components/AgencyFilter';
import { useFmt } from '../../shared/useFmt';

const GUESS = 'perkiraan:';

/** The filter's value for the documents guessed to be from this agency. */
export const guessValue = (agencyId: string) => GUESS + agencyId;

/** The agency a guesses' value names, or null for a confirmed agency (or all). */
export const guessedAgency = (value: string): string | null => (value.startsWith(GUESS) ? value.slice(GUESS.length) : null);

/** Does the document pass the filter ('' passes everything)? */
export function fromAgency(d: EvidenceDoc, value: string): boolean {
  if (!value) return true;
  const guess = guessedAgency(value);
  return guess != null ? !!d.agencyGuessed && d.agency === guess : !d.agencyGuessed && d.agency === value;
}

/** How many documents each agency is guessed for and nobody has confirmed. */
export function guessCounts(docs: EvidenceDoc[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of docs) if (d.agencyGuessed && d.agency) m.set(d.agency, (m.get(d.agency) ?? 0) + 1);
  return m;
}

/** How many documents are confirmed as each agency's own (the filter says it beside each name). */
export function confirmedCounts(docs: EvidenceDoc[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of docs) if (!d.agencyGuessed && d.agency) m.set(d.agency, (m.get(d.agency) ?? 0) + 1);
  return m;
}

/**
 * The filter's guesses (one choice per agency with unconfirmed guesses, and the one chosen), and
 * how many guesses the confirmed agency chosen has besides (0 when none is chosen).
 */
export function useAgencyGuesses(docs: EvidenceDoc[] | undefined, agencies: readonly Agency[], value: string): { extra: AgencyFilterExtra; alsoGuessed: number; confirmed: Map<string, number> } {
  const { t } = useFmt();
  const counts = useMemo(() => guessCounts(docs ?? []), [docs]);
  const confirmed = useMemo(() => confirmedCounts(docs ?? []), [docs]);
  const extra = useMemo(
    () => ({
      label: t('evidence.filters.guesses'),
      options: agencies
        .filter((a) => counts.has(a.id) || value === guessValue(a.id))
        .map((a) => ({ value: guessValue(a.id), label: t('evidence.filters.guess', { name: a.name, count: counts.get(a.id) ?? 0 }) })),
    }),
    [counts, agencies, value, t],
  );
  const alsoGuessed = value && guessedAgency(value) == null ? (counts.get(value) ?? 0) : 0;
  return { extra, alsoGuessed, confirmed };
}
