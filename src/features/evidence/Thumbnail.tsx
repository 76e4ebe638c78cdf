import { useEffect, useState } from 'react';
import { getDb } from '../../db/client';
import type { EvidenceDoc } from '../../domain/model';
import { makeThumbnail } from '../../shared/intake';

/** A small first-page picture in the document list; PDFs get theirs made on first view. */
export function Thumbnail({ doc }: { doc: EvidenceDoc }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    void (async () => {
      const stored = await getDb().blobs.get(`${doc.id}#thumb`);
      const blob = stored?.data ?? (doc.kind === 'pdf' && doc.readState !== 'encrypted' && doc.problem !== 'pdf-corrupt' ? await makeThumbnail(doc.id) : null);
      if (!alive || !blob) return;
      made = URL.createObjectURL(blob);
      setUrl(made);
    })();
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [doc.id, doc.kind, doc.readState, doc.problem]);
  return url ? <img className="doc-thumb" src={url} alt="" data-testid="thumb" /> : <span className="doc-thumb empty" aria-hidden="true" />;
}
