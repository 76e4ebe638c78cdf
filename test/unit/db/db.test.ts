// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { KlaDb } from '../../../src/db/schema';
import { createWorkspace, deleteWorkspace, getActivity, getAnswers, pointsMap, setAssignment, setStage, updateAnswer } from '../../../src/db/queries';
import { scoreAnswers } from '../../../src/domain/scoring';
import { loadRules2024, rulesText } from '../helpers';

const rules = loadRules2024();
let n = 0;
const dbs: KlaDb[] = [];
const freshDb = () => {
  const db = new KlaDb(`test-${n++}-${Math.random()}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('workspace storage', () => {
  it('creates a workspace with its rules and a logged creation', async () => {
    const db = freshDb();
    const ws = await createWorkspace(db, { city: ' Kota Serang ', province: 'Banten', rules, rulesText: rulesText() });
    expect(ws).toMatchObject({ city: 'Kota Serang', year: 2024, rulesId: 'kla-2024', stage: 'penilaian-mandiri', revisionHours: 48 });
    expect((await db.rules.get(rules.hash))?.text).toBe(rulesText());
    expect((await getActivity(db, ws.id)).map((a) => a.kind)).toEqual(['workspace-created']);
  });

  it('answers change the score and each change is logged with from/to', async () => {
    const db = freshDb();
    const ws = await createWorkspace(db, { city: 'Kota A', province: 'P', rules, rulesText: '', now: 1 });
    await updateAnswer(db, rules, ws.id, '1.1', { points: 12 }, 1000);
    await updateAnswer(db, rules, ws.id, '1.2a', { points: 0.75, notes: 'Perwal 12/2023' }, 2000);
    await updateAnswer(db, rules, ws.id, '1.2a', { status: 'ready' }, 3000);
    const answers = await getAnswers(db, ws.id);
    expect(scoreAnswers(rules, pointsMap(answers)).total).toBe(12.75);
    expect(answers.find((a) => a.code === '1.2a')).toMatchObject({ status: 'ready', notes: 'Perwal 12/2023' });
    const log = await getActivity(db, ws.id);
    expect(log[0]).toMatchObject({ kind: 'answer-changed', code: '1.2a', detail: { status: { from: 'in-progress', to: 'ready' } } });
    expect(log[1].detail).toEqual({ points: { from: null, to: 0.75 }, notes: { from: '', to: 'Perwal 12/2023' }, status: { from: 'not-started', to: 'in-progress' } });
  });

  it('refuses points outside 0..max and leaves the stored answer intact', async () => {
    const db = freshDb();
    const ws = await createWorkspace(db, { city: 'Kota A', province: 'P', rules, rulesText: '' });
    await updateAnswer(db, rules, ws.id, '1.1', { points: 6 });
    await expect(updateAnswer(db, rules, ws.id, '1.1', { points: 13 })).rejects.toThrow(/between 0 and 12/);
    await expect(updateAnswer(db, rules, ws.id, '1.1', { points: -1 })).rejects.toThrow(RangeError);
    await expect(updateAnswer(db, rules, ws.id, '99.9', { points: 1 })).rejects.toThrow(/unknown question/);
    expect((await db.answers.get([ws.id, '1.1']))?.points).toBe(6);
  });

  it('the activity log is append-only', async () => {
    const db = freshDb();
    const ws = await createWorkspace(db, { city: 'Kota A', province: 'P', rules, rulesText: '' });
    const [entry] = await getActivity(db, ws.id);
    await expect(db.activity.update(entry.seq!, { kind: 'import' })).rejects.toThrow(/append-only/);
    await expect(db.activity.delete(entry.seq!)).rejects.toThrow(/append-only/);
    expect(await db.activity.count()).toBe(1);
  });

  it('assignments and stages are stored and logged; deleting a workspace removes only its own data', async () => {
    const db = freshDb();
    const a = await createWorkspace(db, { city: 'Kota A', province: 'P', rules, rulesText: '' });
    const b = await createWorkspace(db, { city: 'Kota B', province: 'P', rules, rulesText: '' });
    await setAssignment(db, a.id, '1.1', ['dinkes']);
    await setStage(db, a.id, 'verifikasi-administrasi');
    await updateAnswer(db, rules, b.id, '1.1', { points: 3 });
    expect(await db.assignments.where('agencies').equals('dinkes').count()).toBe(1);
    expect((await db.workspaces.get(a.id))?.stage).toBe('verifikasi-administrasi');
    await deleteWorkspace(db, a.id);
    expect(await db.workspaces.count()).toBe(1);
    expect(await db.activity.where('workspaceId').equals(a.id).count()).toBe(0);
    expect(await db.activity.where('workspaceId').equals(b.id).count()).toBe(2);
    expect((await db.answers.get([b.id, '1.1']))?.points).toBe(3);
  });
});

describe('demo workspace', () => {
  it('never awards more than a question maximum (19.2e is worth 3.2)', async () => {
    const { demoAnswers } = await import('../../../src/domain/demo');
    const { validatePoints } = await import('../../../src/domain/scoring');
    const answers = demoAnswers(rules, 'w', 0);
    const { problems } = validatePoints(rules, Object.fromEntries(answers.map((a) => [a.code, a.points])));
    expect(problems).toEqual([]);
  });
});
