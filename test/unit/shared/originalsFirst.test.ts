import { describe, expect, it } from 'vitest';
import { originalsFirst } from '../../../src/shared/intake';

const f = (name: string) => new File(['x'], name);

describe('a drop holding a file and its copies', () => {
  it('queues the originals first, so a duplicate found later is the copy (the sixth walk kept "dok-07 (1).pdf")', () => {
    const names = ['dok-07 (1).pdf', 'dok-06.pdf', 'scan-05-kirim-ulang.png', 'dok-07.pdf', 'laporan - Copy.pdf', 'scan-05.png', 'laporan.pdf', 'SK salinan.pdf'];
    expect(originalsFirst(names.map(f)).map((x) => x.name)).toEqual(['dok-06.pdf', 'dok-07.pdf', 'scan-05.png', 'laporan.pdf', 'dok-07 (1).pdf', 'scan-05-kirim-ulang.png', 'laporan - Copy.pdf', 'SK salinan.pdf']);
  });
  it('leaves a drop without copies in its order', () => {
    const names = ['b.pdf', 'a.pdf', 'Laporan 2024 final.pdf'];
    expect(originalsFirst(names.map(f)).map((x) => x.name)).toEqual(names);
  });
});
