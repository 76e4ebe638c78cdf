// Page citations of links (issue 11): what the officer may type, and how a citation reads.
import { describe, expect, it } from 'vitest';
import { citedRun, MAX_CITED_PAGES, pageLabel, pageList, parsePageCite, readPageBox, reversedRun } from '../../../src/domain/evidence/pageCite';

describe('page citations', () => {
  it('reads one page, a run in the ways people write it, and nothing', () => {
    expect(parsePageCite('')).toEqual({});
    expect(parsePageCite('  ')).toEqual({});
    expect(parsePageCite('7')).toEqual({ page: 7 });
    expect(parsePageCite('12-15')).toEqual({ page: 12, pageTo: 15 });
    expect(parsePageCite('12 – 15')).toEqual({ page: 12, pageTo: 15 });
    expect(parsePageCite('hlm. 12-15')).toEqual({ page: 12, pageTo: 15 });
    expect(parsePageCite('halaman 12')).toEqual({ page: 12 });
    expect(parsePageCite('Hal. 3')).toEqual({ page: 3 });
    expect(parsePageCite('pages 2-4')).toEqual({ page: 2, pageTo: 4 });
    expect(parsePageCite('pp. 2-4')).toEqual({ page: 2, pageTo: 4 });
    expect(parsePageCite('p. 9')).toEqual({ page: 9 });
    expect(parsePageCite('4-4')).toEqual({ page: 4 });
  });

  it('refuses what is no page of the document', () => {
    for (const bad of ['0', '15-12', 'tujuh', '3,5', '-2', '1.5', `1-${MAX_CITED_PAGES + 1}`]) expect(parsePageCite(bad)).toBeNull();
    expect(parsePageCite('12-15', 14)).toBeNull();
    expect(parsePageCite('12-14', 14)).toEqual({ page: 12, pageTo: 14 });
  });

  it('labels and runs', () => {
    expect(pageLabel({})).toBeNull();
    expect(pageLabel({ page: 3 })).toBe('3');
    expect(pageLabel({ page: 3, pageTo: 5 })).toBe('3–5');
    expect(citedRun({ page: 3 })).toEqual({ from: 3, to: 3 });
    expect(citedRun({ page: 3, pageTo: 5 })).toEqual({ from: 3, to: 5 });
    expect(citedRun({})).toBeUndefined();
  });

  it('a run typed backwards is recognised, so the message can say how to write it', () => {
    expect(parsePageCite('4-2')).toBeNull();
    expect(reversedRun('4-2')).toEqual({ from: 2, to: 4 });
    expect(reversedRun('hlm. 15 – 12')).toEqual({ from: 12, to: 15 });
    for (const s of ['2-4', '7', '', 'abc', '4-0', '2, 4']) expect(reversedRun(s)).toBeNull();
  });

  it('tells a list of pages from a page or a run, and names the run that holds them', () => {
    expect(parsePageCite('2, 4')).toBeNull();
    expect(pageList('2, 4')).toEqual({ from: 2, to: 4 });
    expect(pageList('hlm. 12, 15-17')).toEqual({ from: 12, to: 17 });
    expect(pageList('9 dan 3')).toEqual({ from: 3, to: 9 });
    expect(pageList('2; 4 & 6')).toEqual({ from: 2, to: 6 });
    for (const s of ['2-4', '7', '', 'abc', '2,', ', 4', '0, 0', '2 4']) expect(pageList(s)).toBeNull();
    // a run it could not offer: longer than a citation may be
    expect(pageList(`1, ${MAX_CITED_PAGES}`)).toEqual({ from: 1, to: MAX_CITED_PAGES });
    expect(pageList(`1, ${MAX_CITED_PAGES + 1}`)).toBeNull();
  });

  it('reads the page box for a document of known length, offering only a run that can be cited', () => {
    expect(readPageBox('', 4)).toEqual({ cite: {} });
    expect(readPageBox('2-3', 4)).toEqual({ cite: { page: 2, pageTo: 3 } });
    expect(readPageBox('3-9', 4)).toEqual({ problem: 'pastEnd' });
    expect(readPageBox('3-2', 4)).toEqual({ problem: 'reversed', run: { from: 2, to: 3 } });
    expect(readPageBox('9-3', 4)).toEqual({ problem: 'pastEnd' }); // not "write 3-9"
    expect(readPageBox('1, 3', 4)).toEqual({ problem: 'list', run: { from: 1, to: 3 } });
    expect(readPageBox('2, 9', 4)).toEqual({ problem: 'pastEnd' });
    expect(readPageBox('2, 9')).toEqual({ problem: 'list', run: { from: 2, to: 9 } }); // length unknown
    expect(readPageBox(`${MAX_CITED_PAGES + 1}-1`)).toEqual({ problem: 'bad' });
    expect(readPageBox('tujuh', 4)).toEqual({ problem: 'bad' });
  });
});
