import { useLiveQuery } from 'dexie-react-hooks';
import { useRef } from 'react';
import { getDb } from '../../db/client';
import { dismiss, unfinishedBatches } from '../../db/intakeQueue';
import { enqueue, heldBatches, useIntake } from '../../shared/intake';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

/** Names shown per batch; a kabupaten's batch can hold thousands. */
const MAX_NAMES = 50;

/** Files of batches interrupted by a crash or a closed tab, never stored: named, with "pick again" and "dismiss". */
export function UnfinishedIntake() {
  const { ws } = useWorkspace();
  const { t, dt } = useFmt();
  const running = useIntake((s) => s.running);
  const input = useRef<HTMLInputElement>(null);
  // only while this tab is idle: during a batch every stored file changes the table
  const batches = useLiveQuery(async () => {
    if (running) return null;
    const all = await unfinishedBatches(getDb(), ws.id);
    const held = await heldBatches();
    // the demo's own documents are added again by the app (app/useDemoResume.ts): the officer never had them
    return all.filter((b) => !held.has(b.batchId) && b.records.some((r) => !r.demo)).map((b) => ({ ...b, records: b.records.filter((r) => !r.demo) }));
  }, [ws.id, running]);
  if (!batches?.length) return null;
  const records = batches.flatMap((b) => b.records);
  return (
    <section className="card intake-unfinished" role="status" data-testid="intake-unfinished">
      {/* the names scroll, the buttons stay in view: 54 names pushed them below the fold (the seventh walk) */}
      <div className="unfinished-list">
        {batches.map((b) => (
          <p key={b.batchId}>
            <strong>{t('evidence.intake.unfinished', { count: b.records.length, when: dt(b.addedAt, false) })}</strong>{' '}
            {[...b.records].sort((x, y) => x.name.localeCompare(y.name, 'id', { numeric: true })).slice(0, MAX_NAMES).map((r, i) => (
              <span key={r.id} className="unfinished-name" data-name={r.name}>
                {i ? ', ' : ''}
                {r.name}
              </span>
            ))}
            {b.records.length > MAX_NAMES && ` ${t('evidence.intake.unfinishedMore', { count: b.records.length - MAX_NAMES })}`}
          </p>
        ))}
      </div>
      <p className="muted small">{t('evidence.intake.unfinishedHelp')}</p>
      <div className="drop-buttons">
        <button type="button" onClick={() => input.current?.click()}>
          {t('evidence.intake.pickAgain')}
        </button>
        <button type="button" onClick={() => void dismiss(getDb(), ws.id, records.map((r) => r.id))}>
          {t('evidence.intake.dismiss')}
        </button>
      </div>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input-again"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void enqueue(ws.id, files, undefined, records);
        }}
      />
    </section>
  );
}
