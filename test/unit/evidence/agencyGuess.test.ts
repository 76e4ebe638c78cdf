// @vitest-environment node
// Bukti's agency filter: an agency means the documents confirmed as its own; guesses from the
// letterhead are a choice of their own, never mixed in.
import { describe, expect, it } from 'vitest';
import { fromAgency, guessCounts, guessedAgency, guessValue } from '../../../src/features/evidence/agencyGuess';
import type { EvidenceDoc } from '../../../src/domain/model';

const doc = (id: string, agency?: string, agencyGuessed?: boolean) => ({ id, agency, agencyGuessed }) as EvidenceDoc;
const docs = [doc('confirmed', 'bappeda'), doc('guessed', 'bappeda', true), doc('other', 'dinsos'), doc('none'), doc('guessed2', 'dinsos', true)];
const ids = (value: string) => docs.filter((d) => fromAgency(d, value)).map((d) => d.id);

describe('the agency filter on Bukti', () => {
  it('shows under an agency only what an officer confirmed as its own', () => {
    // a mayor's decree chaired by the Bappeda head, guessed Bappeda, is not among Bappeda's files
    expect(ids('bappeda')).toEqual(['confirmed']);
    expect(ids('dinsos')).toEqual(['other']);
    expect(ids('')).toEqual(docs.map((d) => d.id));
  });

  it('offers the guesses apart, per agency, and counts them', () => {
    expect(ids(guessValue('bappeda'))).toEqual(['guessed']);
    expect(guessedAgency(guessValue('bappeda'))).toBe('bappeda');
    expect(guessedAgency('bappeda')).toBeNull();
    expect([...guessCounts(docs)]).toEqual([['bappeda', 1], ['dinsos', 1]]);
  });
});
