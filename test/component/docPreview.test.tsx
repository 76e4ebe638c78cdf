// @vitest-environment jsdom
/**
 * A PDF's preview (shared/components/DocPreview.tsx) shares one pdf.js worker with every other
 * preview (shared/pdfView.ts): a file that holds it up past the limit ends that worker, so the next
 * document is not held up too, and the officer is told what to do; a file pdf.js cannot draw is
 * said in the app's words, not pdf.js's English.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvidenceDoc } from '../../src/domain/model';
import { initI18n } from '../../src/i18n';

const pdf = vi.hoisted(() => ({ open: vi.fn(), end: vi.fn() }));
vi.mock('../../src/shared/pdfView', () => ({ openPdfForView: pdf.open, endPreviewWorker: pdf.end, PREVIEW_LIMIT_MS: 80 }));
// the stored blob and text, read once (the component's live queries are not what is tested here)
vi.mock('dexie-react-hooks', async () => {
  const { useEffect, useState } = await import('react');
  return {
    useLiveQuery: (read: () => Promise<unknown>) => {
      const [v, setV] = useState<unknown>();
      useEffect(() => void read().then(setV), []);
      return v;
    },
  };
});
vi.mock('../../src/db/client', () => ({
  getDb: () => ({ blobs: { get: async () => ({ id: 'd1', data: new Blob(['%PDF-1.4']) }) }, texts: { get: async () => undefined } }),
}));
const { DocPreview } = await import('../../src/shared/components/DocPreview');

beforeAll(async () => {
  await initI18n('id');
});
beforeEach(() => {
  pdf.open.mockReset();
  pdf.end.mockReset();
});

const doc = { id: 'd1', name: 'perda.pdf', kind: 'pdf', readState: 'done', pages: 3 } as EvidenceDoc;

describe('a PDF preview', () => {
  it('gives up on a page not drawn in time, ends the shared worker and says what to do', async () => {
    let fail: (e: Error) => void = () => undefined;
    pdf.open.mockReturnValue(new Promise((_, reject) => (fail = reject)));
    render(<DocPreview doc={doc} />);
    await waitFor(() => expect(screen.getByTestId('preview-error').textContent).toMatch(/terlalu lama ditampilkan/));
    expect(pdf.end).toHaveBeenCalledTimes(1);
    // the ended worker fails the load it held: the officer is still told it was too slow
    fail(new Error('Worker was destroyed'));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId('preview-error').textContent).toMatch(/terlalu lama ditampilkan/);
  });

  it('says in the officer’s words that a page cannot be shown, not in pdf.js’s', async () => {
    pdf.open.mockRejectedValue(new Error('Invalid PDF structure.'));
    render(<DocPreview doc={doc} />);
    await waitFor(() => expect(screen.getByTestId('preview-error').textContent).toMatch(/tidak bisa ditampilkan.*Teks hasil baca/));
    expect(screen.getByTestId('preview-error').textContent).not.toMatch(/Invalid/);
    // a failure is not a hold-up: the worker serving the other previews is kept
    await new Promise((r) => setTimeout(r, 150));
    expect(pdf.end).not.toHaveBeenCalled();
  });
});
