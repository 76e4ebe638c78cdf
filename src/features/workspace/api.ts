import { getDb } from '../../db/client';
import { createWorkspace } from '../../db/queries';
import { demoAnswers } from '../../domain/demo';
import type { Workspace } from '../../domain/model';
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
export async function addDemoEvidence(ws: Workspace, rules: LoadedRules['rules']): Promise<void> {
  const [{ demoDocuments }, { demoFile }, { enqueue }] = await Promise.all([import('../../domain/demoEvidence'), import('./demoFiles'), import('../../shared/intake')]);
  const byCode = new Map<string, File[]>();
  for (const d of demoDocuments(ws.city, ws.year)) {
    const ind = d.link === 'right' ? d.indicator : d.link === 'wrong' ? d.wrong : undefined;
    const code = ind ? (rules.indicatorByCode.get(ind)?.questions[0]?.code ?? '') : '';
    byCode.set(code, [...(byCode.get(code) ?? []), await demoFile(d)]);
  }
  await Promise.all([...byCode].map(([code, files]) => enqueue(ws.id, files, code ? [{ code }] : undefined)));
}
