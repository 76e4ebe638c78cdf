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
