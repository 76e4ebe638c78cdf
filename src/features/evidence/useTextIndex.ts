import { useEffect, useState } from 'react';
import { getDb } from '../../db/client';
import { TextIndex } from '../../domain/evidence/textSearch';
import type { EvidenceDoc } from '../../domain/model';

/**
 * The full-text index of one workspace, kept in memory and updated incrementally: only texts of
 * documents not yet indexed are read from the database. `version` changes when the index does.
 */
const cache: { ws: string | null; index: TextIndex; ids: Set<string> } = { ws: null, index: new TextIndex(), ids: new Set() };

export function useTextIndex(workspaceId: string, docs: EvidenceDoc[] | undefined) {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!docs) return;
    let cancelled = false;
    if (cache.ws !== workspaceId) {
      cache.ws = workspaceId;
      cache.index = new TextIndex();
      cache.ids = new Set();
    }
    const want = new Map(docs.map((d) => [d.id, d]));
    const removed = [...cache.ids].filter((id) => !want.has(id));
    const added = docs.filter((d) => !cache.ids.has(d.id)).map((d) => d.id);
    if (!removed.length && !added.length) return;
    void (async () => {
      for (const id of removed) {
        cache.index.delete(id);
        cache.ids.delete(id);
      }
      for (let i = 0; i < added.length; i += 200) {
        const texts = await getDb().texts.bulkGet(added.slice(i, i + 200));
        if (cancelled || cache.ws !== workspaceId) return;
        for (const t of texts) {
          if (!t) continue;
          cache.index.set({ id: t.id, name: want.get(t.id)?.name ?? '', text: t.text });
          cache.ids.add(t.id);
        }
      }
      if (!cancelled) setVersion((v) => v + 1);
    })();
    return () => {
      cancelled = true;
    };
  }, [workspaceId, docs]);
  return { index: cache.index, version };
}
