import { describe, expect, it } from 'vitest';
import { buildSegment } from '../../../src/domain/evidence/segment';
import { closestTerm, correctedQuery } from '../../../src/domain/evidence/spelling';
import { documentTerms, tokens } from '../../../src/domain/evidence/terms';

/** A segment of these documents' words, as the index builds it. */
const segment = (texts: string[], from = 1) => buildSegment(texts.map((t, i) => ({ no: from + i, terms: documentTerms(tokens(t)) })));

describe('"did you mean"', () => {
  const segs = [
    segment(['Laporan kesejahteraan sosial anak', 'Kesejahteraan keluarga dan kesehatan ibu', 'Data kesehatan balita']),
    segment(['Program kesejahteraan anak terlantar', 'Kesejahteraan'], 10),
  ];

  it('finds the closest indexed word within one edit for short words and two for long ones, the most common first', () => {
    expect(closestTerm(segs, 'kesejahtraan')).toEqual({ term: 'kesejahteraan', docs: 4 }); // a letter missing
    expect(closestTerm(segs, 'kesejahetraan')?.term).toBe('kesejahteraan'); // two letters swapped: two edits
    expect(closestTerm(segs, 'kesehatn')?.term).toBe('kesehatan');
    expect(closestTerm(segs, 'balitq')?.term).toBe('balita'); // six letters: one edit
    expect(closestTerm(segs, 'bxlitq')).toBeNull(); // two edits in six letters: too far
    expect(closestTerm(segs, 'xesejahteraan')).toBeNull(); // the first letter is trusted
  });

  it('rewrites only the words the index lacks, keeps phrases as phrases, and leaves numbers and short words', () => {
    const held = (w: string) => segs.some((s) => s.terms.includes(w));
    const closest = (w: string) => closestTerm(segs, w)?.term ?? null;
    expect(correctedQuery('kesejahtraan anak', held, closest)).toBe('kesejahteraan anak');
    expect(correctedQuery('"kesehatn ibu" 2024', held, closest)).toBe('"kesehatan ibu" 2024');
    expect(correctedQuery('kesehatan ibu', held, closest)).toBeNull(); // nothing to correct
    expect(correctedQuery('qwzx 188.45', held, closest)).toBeNull(); // nothing close; a code is never touched
    expect(correctedQuery('anek', held, closest)).toBe('anak');
    expect(correctedQuery('ank', held, closest)).toBeNull(); // three letters: never corrected
  });
});
