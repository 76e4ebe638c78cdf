import { useEffect, useState } from 'react';
import { getDb } from '../../db/client';
import type { EvidenceDoc } from '../../domain/model';
import { makeThumbnail } from '../../shared/intake';

/**
 * Object URLs of thumbnails, by document id, the most recently used last. A search or a filter
 * remounts the rows; without this each remount read every visible thumbnail again (one
 * transaction each) and made a new URL, ~8 ms of the main thread per keystroke at 5,000 documents.
 * A thumbnail never changes for a given document, so a cached URL is always right.
 */
const CACHE_SIZE = 300;
const urls = new Map<string, string>();
function remember(id: string, url: string) {
  urls.set(id, url);
  for (const [old, u] of urls) {
    if (urls.size <= CACHE_SIZE) break;
    urls.delete(old);
    URL.revokeObjectURL(u);
  }
}
function cached(id: string): string | null {
  const u = urls.get(id);
  if (u === undefined) return null;
  urls.delete(id);
  urls.set(id, u);
  return u;
}

/** A PDF without a thumbnail gets one made once its row has been shown this long. */
const MAKE_AFTER_MS = 400;

/** Stored thumbnails of the rows that mount in the same task, read in one transaction. */
let queue: { id: string; done: (b: Blob | null) => void }[] = [];
function storedThumb(id: string): Promise<Blob | null> {
  return new Promise((done) => {
    if (!queue.length) setTimeout(flush, 0);
    queue.push({ id, done });
  });
}
function flush() {
  const q = queue;
  queue = [];
  getDb()
    .blobs.bulkGet(q.map((x) => `${x.id}#thumb`))
    .then((rows) => q.forEach((x, i) => x.done(rows[i]?.data ?? null)))
    .catch(() => q.forEach((x) => x.done(null)));
}

/** A small first-page picture in the document list; PDFs get theirs made on first view. */
export function Thumbnail({ doc }: { doc: EvidenceDoc }) {
  const [url, setUrl] = useState<string | null>(() => cached(doc.id));
  useEffect(() => {
    const hit = cached(doc.id);
    if (hit) return setUrl(hit);
    let alive = true;
    void (async () => {
      let blob = await storedThumb(doc.id);
      if (!blob && doc.kind === 'pdf' && doc.readState !== 'encrypted' && doc.problem !== 'pdf-corrupt') {
        // drawing a first page costs a worker 50-200 ms: only for rows that stay on screen, not
        // for every row a search or a scroll shows for a moment
        await new Promise((r) => setTimeout(r, MAKE_AFTER_MS));
        if (alive) blob = await makeThumbnail(doc.id, () => alive);
      }
      if (!blob) return;
      const made = cached(doc.id) ?? URL.createObjectURL(blob);
      remember(doc.id, made);
      if (alive) setUrl(made);
    })();
    return () => {
      alive = false;
    };
  }, [doc.id, doc.kind, doc.readState, doc.problem]);
  return url ? <img className="doc-thumb" src={url} alt="" data-testid="thumb" /> : <span className="doc-thumb empty" aria-hidden="true" />;
}
