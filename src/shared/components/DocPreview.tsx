import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { getDb } from '../../db/client';
import { fromStored } from '../../db/texts';
import type { EvidenceDoc } from '../../domain/model';
import { endPreviewWorker, openPdfForView, PREVIEW_LIMIT_MS } from '../pdfView';
import { useFmt } from '../useFmt';

/** Preview of one stored document: PDF pages (pdf.js), images, or the extracted text. */
export function DocPreview({ doc, page: initialPage = 1 }: { doc: EvidenceDoc; page?: number }) {
  const { t } = useFmt();
  const blob = useLiveQuery(() => getDb().blobs.get(doc.id), [doc.id]);
  const text = useLiveQuery(async () => fromStored(await getDb().texts.get(doc.id)), [doc.id]);
  const [page, setPage] = useState(initialPage);
  useEffect(() => setPage(initialPage), [doc.id, initialPage]);

  // the live query answers with the last document's blob until it has read this one's
  if (!blob || blob.id !== doc.id) return null;
  if (doc.kind === 'pdf' && doc.readState !== 'encrypted' && doc.problem !== 'pdf-corrupt') {
    return (
      <div className="doc-preview">
        {/* a canvas of its own per document: another document's page never shows under this name */}
        <PdfCanvas key={doc.id} blob={blob.data} page={page} />
        {doc.pages && doc.pages > 1 && (
          <div className="pager">
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('evidence.prev')}
            </button>
            <span>{t('evidence.previewPage', { page, pages: doc.pages })}</span>
            <button type="button" disabled={page >= doc.pages} onClick={() => setPage(page + 1)}>
              {t('evidence.next')}
            </button>
          </div>
        )}
      </div>
    );
  }
  if (doc.kind === 'image' && doc.readState !== 'failed') return <ImageView blob={blob.data} name={doc.name} />;
  return <pre className="doc-text">{text?.text || t('evidence.noText')}</pre>;
}

function ImageView({ blob, name }: { blob: Blob; name: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url ? <img className="doc-image" src={url} alt={name} /> : null;
}

/** A preview left unfinished after this long ends the shared worker (it is busy with a heavy file). */
const ABANDONED_AFTER_MS = 1_500;

function PdfCanvas({ blob, page }: { blob: Blob; page: number }) {
  const { t } = useFmt();
  const ref = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let gaveUp = false;
    let drawn = false;
    const started = Date.now();
    let destroy: (() => void) | undefined;
    delete ref.current?.dataset.drawn;
    // a file that holds the shared preview worker up is given up on, and the worker with it
    const limit = setTimeout(() => {
      if (cancelled) return;
      gaveUp = true;
      endPreviewWorker();
      setError(t('evidence.previewSlow'));
    }, PREVIEW_LIMIT_MS);
    void (async () => {
      try {
        const pdf = await openPdfForView(new Uint8Array(await blob.arrayBuffer()));
        destroy = () => void pdf.destroy();
        if (cancelled) return destroy();
        const p = await pdf.getPage(Math.min(page, pdf.numPages));
        const canvas = ref.current;
        if (!canvas || cancelled) return;
        const width = canvas.parentElement?.clientWidth || 600;
        const vp0 = p.getViewport({ scale: 1 });
        const scale = (width / vp0.width) * (window.devicePixelRatio || 1);
        const vp = p.getViewport({ scale });
        canvas.width = vp.width;
        canvas.height = vp.height;
        canvas.style.width = `${vp.width / (window.devicePixelRatio || 1)}px`;
        await p.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport: vp }).promise;
        // drawn: what the tests and the open-document bench wait for
        drawn = true;
        canvas.dataset.drawn = String(page);
        setError(null);
      } catch {
        // pdf.js's own words are English and technical: the officer is told what still works
        if (!cancelled && !gaveUp) setError(t('evidence.previewFailed'));
      } finally {
        clearTimeout(limit);
      }
    })();
    return () => {
      cancelled = true;
      clearTimeout(limit);
      destroy?.();
      // left while a heavy file still loads: the shared worker would grind on and hold up the next
      // document, so it ends (a quick move to the next document keeps it)
      if (!drawn && !gaveUp && Date.now() - started > ABANDONED_AFTER_MS) endPreviewWorker();
    };
  }, [blob, page, t]);
  return (
    <>
      <canvas ref={ref} className="pdf-canvas" data-testid="pdf-canvas" />
      {error && (
        <p className="error" role="status" data-testid="preview-error">
          {error}
        </p>
      )}
    </>
  );
}
