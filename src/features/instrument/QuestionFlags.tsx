import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/client';
import { withUndo } from '../../shared/linkUndo';
import { linkDocument } from '../../db/evidence';
import { FlagCard } from '../../shared/components/FlagCard';
import { useFlags } from '../../shared/flags';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

/** Flags on one question: its misfiled evidence, and documents elsewhere that answer it. */
export function QuestionFlags({ code }: { code: string }) {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  const flags = useFlags();
  const mine = flags?.byCode.get(code) ?? [];
  const hints = flags?.elsewhere.get(code) ?? [];
  const ids = [...mine.map((f) => f.documentId), ...hints.map((h) => h.documentId)];
  const names = useLiveQuery(async () => new Map((await getDb().documents.bulkGet(ids)).filter(Boolean).map((d) => [d!.id, d!.name])), [ids.join(',')]);
  if (!mine.length && !hints.length) return null;
  return (
    <section className="question-flags" data-testid="question-flags">
      {mine.map((f) => (
        <FlagCard key={f.documentId} flag={f} docName={names?.get(f.documentId) ?? '…'} />
      ))}
      {hints.map((h) => (
        <div key={h.documentId} className="hint small" data-testid="elsewhere">
          ➜ {t('flags.elsewhere', { name: names?.get(h.documentId) ?? '…', codes: h.linkedTo.join(', ') })}{' '}
          <button type="button" onClick={() => void withUndo(ws.id, linkDocument(getDb(), ws.id, h.documentId, code), t('evidence.suggest.linked', { name: names?.get(h.documentId) ?? '…', code }), t)}>
            {t('flags.linkHere')}
          </button>
        </div>
      ))}
    </section>
  );
}
