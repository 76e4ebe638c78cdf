import { getDb } from '../../db/client';
import { createWorkspace } from '../../db/queries';
import { demoAnswers } from '../../domain/demo';
import type { IntakeRecord, Workspace } from '../../domain/model';
import { dismiss } from '../../db/intakeQueue';
import { setDemoPending } from '../../shared/demoPending';
import type { LoadedRules } from '../../shared/rules';

export async function createWorkspaceFromForm(input: { city: string; province: string; demo: boolean }, loaded: LoadedRules): Promise<Workspace> {
  const db = getDb();
  const ws = await createWorkspace(db, { city: input.city, province: input.province, rules: loaded.rules, rulesText: loaded.text });
  if (input.demo) {
    const now = Date.now();
    const answers = demoAnswers(loaded.rules, ws.id, now);
    await db.transaction('rw', db.answers, db.activity, async () => {
      await db.answers.bulkPut(answers);
      await db.activity.add({ workspaceId: ws.id, at: now, kind: 'import', detail: { source: 'demo', answers: answers.length } });
    });
  }
  return ws;
}

/**
 * The demo's documents, through the normal intake (read, OCR, classified, indexed): linked ones
 * in one batch per question, the rest in one batch to be linked by suggestion. Runs after the
 * workspace opens; the officer watches it on Bukti.
 */
export async function addDemoEvidence(ws: Workspace, rules: LoadedRules['rules'], only?: ReadonlySet<string>, locked = false): Promise<void> {
  // under the lock another tab's resume takes (app/useDemoResume.ts): never both at once
  const locks = globalThis.navigator?.locks;
  if (!locked && locks) return locks.request(`siap-kla.demo:${ws.id}`, () => addDemoEvidence(ws, rules, only, true));
  // until every batch's records are written, a closed tab would leave nothing to resume from: a flag says so
  setDemoPending(ws.id, true);
  const [{ demoDocuments }, { demoFile }, { enqueue }] = await Promise.all([import('../../domain/demoEvidence'), import('./demoFiles'), import('../../shared/intake')]);
  const byCode = new Map<string, File[]>();
  for (const d of demoDocuments(ws.city, ws.year).filter((x) => !only || only.has(x.name))) {
    const ind = d.link === 'right' ? d.indicator : d.link === 'wrong' ? d.wrong : undefined;
    const code = ind ? (rules.indicatorByCode.get(ind)?.questions[0]?.code ?? '') : '';
    byCode.set(code, [...(byCode.get(code) ?? []), await demoFile(d)]);
  }
  await Promise.all([...byCode].map(([code, files]) => enqueue(ws.id, files, code ? [{ code }] : undefined, [], { demo: true })));
  setDemoPending(ws.id, false);
}

/**
 * The demo's documents an interruption left unstored (the tab closed while they were read: the
 * sixth walk closed it 6 s after making the workspace and got nine "not saved, pick again" notices
 * for files it never had): their records are settled and the missing ones made and added again.
 */
export async function resumeDemoEvidence(ws: Workspace, rules: LoadedRules['rules'], records: IntakeRecord[], all: boolean): Promise<void> {
  const db = getDb();
  const stored = new Set((await db.documents.where('workspaceId').equals(ws.id).toArray()).map((d) => d.name));
  const { demoDocuments } = await import('../../domain/demoEvidence');
  const wanted = all ? demoDocuments(ws.city, ws.year).map((d) => d.name) : records.map((r) => r.name);
  const missing = new Set(wanted.filter((n) => !stored.has(n)));
  // the new records first: a tab closed meanwhile leaves the old ones (or the flag) to resume from
  // the caller holds the demo's lock
  if (missing.size) await addDemoEvidence(ws, rules, missing, true);
  else setDemoPending(ws.id, false);
  await dismiss(db, ws.id, records.map((r) => r.id));
}
