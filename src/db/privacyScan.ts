/**
 * The documents of a workspace whose name or text holds personal data (the warning before export),
 * reading 100 texts at a time so the whole corpus's text is never in memory at once. Runs in the
 * search worker (src/workers/search.worker.ts), off the page's main thread: at 5,000 documents
 * the texts are some hundreds of MB.
 */
import type { EvidenceText } from '../domain/model';
import { scanDocuments, type DocumentFindings } from '../domain/privacy';
import type { KlaDb } from './schema';
import { fromStored } from './texts';

export async function scanWorkspacePersonalData(db: KlaDb, workspaceId: string): Promise<DocumentFindings[]> {
  const docs = await db.documents.where('workspaceId').equals(workspaceId).toArray();
  const out: DocumentFindings[] = [];
  for (let i = 0; i < docs.length; i += 100) {
    const batch = docs.slice(i, i + 100);
    const texts = (await db.texts.bulkGet(batch.map((d) => d.id))).map(fromStored).filter((t): t is EvidenceText => !!t);
    out.push(...scanDocuments(batch, texts));
  }
  return out;
}
