// @vitest-environment jsdom
/**
 * The export's progress from the click on, in the officer's words (the tenth walk: ~20 s with
 * nothing on screen at 5,000 documents, before the first byte).
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ExportProgress } from '../../src/features/exchange/ExportProgress';

const shown = (step: Parameters<typeof ExportProgress>[0]['p']['step'], done: number, total: number) => {
  const { unmount } = render(<ExportProgress p={{ step, done, total }} />);
  const el = screen.getByTestId('export-progress');
  const bar = el.querySelector('progress')!;
  const out = { text: el.textContent!.trim(), value: bar.hasAttribute('value') ? bar.value : null };
  unmount();
  return out;
};

describe('the export progress', () => {
  it('says each step, counts the documents with their thousands, and never shows more written than the total', () => {
    expect(shown('collect', 0, 0)).toEqual({ text: 'Membaca isi ruang kerja…', value: null });
    expect(shown('texts', 0, 5000)).toEqual({ text: 'Memadatkan teks 5.000 dokumen…', value: null });
    expect(shown('evidence', 1250, 5000)).toEqual({ text: 'Menyiapkan dokumen: 1.250 dari 5.000', value: 1250 });
    expect(shown('write', 1_100_000_000, 1_400_000_000).text).toBe('1 GB dari 1,3 GB ditulis');
    expect(shown('write', 477_555, 475_503)).toEqual({ text: '464,4 KB dari 464,4 KB ditulis', value: 475_503 });
    // a download's check reads no document again: no count that would stop short
    expect(shown('verify', 0, 1_400_000_000)).toEqual({ text: 'Memeriksa berkas yang ditulis…', value: null });
  });
});
