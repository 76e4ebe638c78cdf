import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/domain/classifier/classify';
import { linkSuggestion } from '../../../src/domain/evidence/linkSuggestion';
import { model2024 } from '../classifier/helpers';

describe('a suggestion needs words to stand on', () => {
  const model = model2024();
  const suggest = (text: string) => linkSuggestion(model, classify(model, { name: 'berkas.csv', text }));

  it('a file with no word of any indicator suggests nothing (the eleventh walk: "a,b / 1,2" suggested 2.1)', () => {
    expect(suggest('a,b\n1,2')).toBeNull();
    expect(suggest('')).toBeNull();
    expect(suggest('Daftar hadir')).toBeNull();
  });

  it('a few words of one indicator still suggest it', () => {
    expect(suggest('Foto kegiatan Forum Anak')?.indicator).toBe('6');
    expect(suggest('SK Gugus Tugas KLA')?.indicator).toBe('2');
  });
});
