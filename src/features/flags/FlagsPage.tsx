import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/client';
import { FlagCard } from '../../shared/components/FlagCard';
import { useFlags } from '../../shared/flags';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';

/** Salah klaster: every flag of the workspace, per group of the question it is filed under. */
export function FlagsPage() {
  const { rules } = useWorkspace();
  const { t, lt } = useFmt();
  const flags = useFlags();
  // the names of the flagged documents only
  const ids = [...new Set(flags?.all.map((f) => f.documentId))].sort();
  const names = useLiveQuery(async () => new Map((await getDb().documents.bulkGet(ids)).flatMap((d) => (d ? [[d.id, d.name] as const] : []))), [ids.join(',')]);
  if (!flags) return <p className="page muted">{t('flags.loading')}</p>;
  return (
    <div className="page flags-page">
      <h1>{t('flags.title')}</h1>
      <p className="muted">{t('flags.intro')}</p>
      {flags.open.length === 0 && <p data-testid="no-flags">✓ {t('flags.none')}</p>}
      {rules.groups.map((g) => {
        const inGroup = flags.all.filter((f) => rules.questionByCode.get(f.code)?.group === g.id);
        if (!inGroup.length) return null;
        const open = inGroup.filter((f) => !f.dismissed).length;
        return (
          <section key={g.id} className="card" data-group={g.id}>
            <h2>
              {lt(g.name)} <span className="tag">{t('flags.openCount', { count: open })}</span>
            </h2>
            {inGroup.map((f) => (
              <FlagCard key={`${f.documentId}|${f.code}`} flag={f} docName={names?.get(f.documentId) ?? '…'} showFiled />
            ))}
          </section>
        );
      })}
    </div>
  );
}
