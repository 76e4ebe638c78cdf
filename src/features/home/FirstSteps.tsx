import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/client';
import { href, type Page } from '../../shared/route';
import { setSetting, useSetting } from '../../shared/settings';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

interface Step {
  id: 'add' | 'link' | 'grade' | 'backup';
  page: Page;
  done: boolean;
}

/** The steps and whether each is done, read from what the workspace holds (undefined while read). */
function useSteps(): Step[] | undefined {
  const { ws, answers, evidenceCount } = useWorkspace();
  const hasDocs = useLiveQuery(async () => (await getDb().documents.where('workspaceId').equals(ws.id).limit(1).count()) > 0, [ws.id]);
  const lastBackup = useSetting('lastBackup')[ws.id];
  if (hasDocs === undefined) return undefined;
  const linked = [...evidenceCount.values()].some((n) => n > 0);
  const graded = [...answers.values()].some((a) => a.points != null);
  return [
    { id: 'add', page: 'bukti', done: hasDocs },
    { id: 'link', page: 'bukti', done: linked },
    { id: 'grade', page: 'instrumen', done: graded },
    { id: 'backup', page: 'berkas', done: lastBackup != null },
  ];
}

/** Hidden for this workspace; the focus goes to the page's heading (the button is gone, and the body would start a keyboard user from the top). */
async function hide(workspaceId: string, hidden: Record<string, boolean>) {
  await setSetting('firstStepsHidden', { ...hidden, [workspaceId]: true });
  document.querySelector<HTMLElement>('.home h1')?.focus();
}

/**
 * Where a new city workspace starts: a new officer otherwise meets a page of zeros and eleven menu
 * items. Each step ticks itself from what the workspace holds; the card goes when all are done or
 * the officer hides it (per workspace). Not shown in an evaluator's or an agency's copy.
 */
export function FirstSteps() {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const steps = useSteps();
  const hidden = useSetting('firstStepsHidden');
  if (!steps || (ws.role ?? 'city') !== 'city' || hidden[ws.id] || steps.every((s) => s.done)) return null;
  const doneCount = steps.filter((s) => s.done).length;
  return (
    <section className="card first-steps" aria-labelledby="first-steps-title" data-testid="first-steps">
      <div className="first-steps-head">
        <h2 id="first-steps-title">{t('home.steps.title')}</h2>
        <span className="muted small" data-testid="first-steps-count">{t('home.steps.count', { done: doneCount, total: steps.length })}</span>
      </div>
      <ol className="first-steps-list">
        {steps.map((s) => (
          <li key={s.id} data-step={s.id} data-done={s.done}>
            <span className="step-mark" aria-hidden="true">{s.done ? '✓' : '○'}</span>
            <div>
              <a href={href(ws.id, s.page)}>{t(`home.steps.${s.id}`)}</a>
              {s.done ? <span className="muted small"> · {t('home.steps.done')}</span> : <p className="muted small">{t(`home.steps.${s.id}Help`)}</p>}
            </div>
          </li>
        ))}
      </ol>
      <p className="small">
        {t('home.steps.fromFile')} <a href={href(ws.id, 'berkas')}>{t('home.steps.fromFileLink')}</a>
      </p>
      <button type="button" className="link small" onClick={() => void hide(ws.id, hidden)}>
        {t('home.steps.hide')}
      </button>
    </section>
  );
}
