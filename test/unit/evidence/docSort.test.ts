import { describe, expect, it } from 'vitest';
import type { EvidenceDoc } from '../../../src/domain/model';
import { sortDocs } from '../../../src/features/evidence/docSort';

const doc = (name: string, addedAt: number, size: number, agency?: string, guessed = false): EvidenceDoc => ({ id: name, name, addedAt, size, ...(agency ? { agency } : {}), ...(guessed ? { agencyGuessed: true } : {}) }) as EvidenceDoc;
const names = (list: EvidenceDoc[]) => list.map((d) => d.name);
const AGENCIES: Record<string, string> = { dinkes: 'Dinas Kesehatan', bappeda: 'Bappeda', disdik: 'Dinas Pendidikan' };
const agencyName = (id: string) => AGENCIES[id] ?? id;

// as the list is read: newest first
const list = [doc('Perbup 10 2024.pdf', 5, 100, 'dinkes'), doc('perbup 9 2024.pdf', 4, 300), doc('Écho anak.pdf', 3, 50, 'bappeda'), doc('SK gugus.pdf', 2, 900, 'dinkes'), doc('absen.pdf', 1, 10, 'disdik'), doc('kop bappeda.pdf', 0, 20, 'bappeda', true)];

describe("Bukti's order", () => {
  it('newest first is the list as read (no copy); oldest first reverses it', () => {
    expect(sortDocs(list, 'newest', agencyName)).toBe(list);
    expect(names(sortDocs(list, 'oldest', agencyName))).toEqual(names(list).reverse());
  });

  it('by name: Indonesian order, case and accents aside, numbers by value', () => {
    expect(names(sortDocs(list, 'name', agencyName))).toEqual(['absen.pdf', 'Écho anak.pdf', 'kop bappeda.pdf', 'perbup 9 2024.pdf', 'Perbup 10 2024.pdf', 'SK gugus.pdf']);
  });

  it("by agency: the agency's name, then the file's; guessed agencies after the confirmed, no agency last", () => {
    expect(names(sortDocs(list, 'agency', agencyName))).toEqual(['Écho anak.pdf', 'Perbup 10 2024.pdf', 'SK gugus.pdf', 'absen.pdf', 'kop bappeda.pdf', 'perbup 9 2024.pdf']);
  });

  it('by size: the largest first', () => {
    expect(names(sortDocs(list, 'size', agencyName))).toEqual(['SK gugus.pdf', 'perbup 9 2024.pdf', 'Perbup 10 2024.pdf', 'Écho anak.pdf', 'kop bappeda.pdf', 'absen.pdf']);
  });

  it('leaves the list it was given as it was', () => {
    const before = names(list);
    sortDocs(list, 'name', agencyName);
    expect(names(list)).toEqual(before);
  });
});
