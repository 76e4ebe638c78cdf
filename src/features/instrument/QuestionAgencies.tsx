import { useRef, useState } from 'react';
import { agencyOf } from '../../domain/progress';
import { showToast } from '../../shared/toast';
import { useFmt } from '../../shared/useFmt';
import { useWorkspace } from '../../shared/workspace';
import { officeName } from '../../domain/model';

/**
 * The agencies answering a question. The city assigns them; in an agency's copy they are shown
 * and not editable: its assignments never travel back (the response carries answers, notes and
 * evidence), so a change there was undone by the next pack without a word.
 */
export function QuestionAgencies({ code, assign }: { code: string; assign: (agencies: string[]) => Promise<boolean> }) {
  const { ws, rules, assignments, agencies: named } = useWorkspace();
  const { t } = useFmt();
  const agencies = agencyOf(rules, assignments, code);
  const agenciesNow = useRef(agencies);
  agenciesNow.current = agencies;
  const readOnly = ws.role === 'agency';
  const agency = (id: string) => named.find((x) => x.id === id);
  const remove = async (a: string) => {
    if (!(await assign(agencies.filter((x) => x !== a)))) return;
    const name = agency(a)?.name ?? a;
    // the undo puts back this agency alone, beside whatever was assigned since
    showToast({ message: t('instrument.agencyRemoved', { name, code }), action: { label: t('common.undo'), run: async () => void (await assign([...new Set([...agenciesNow.current, a])])) } });
  };
  return (
    <section data-testid="q-agencies">
      <h3>{t('instrument.agencies')}</h3>
      <ul className="chips">
        {agencies.map((a) => (
          <li key={a} className={`chip${readOnly ? ' chip-plain' : ''}`} title={agency(a)?.fullName}>
            {agency(a)?.name ?? a}
            {!readOnly && (
              <button type="button" aria-label={`${t('instrument.remove')} ${agency(a)?.name ?? a}`} onClick={() => void remove(a)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {readOnly ? (
        <p className="muted small">{t('instrument.agenciesByCity', { office: officeName(ws) })}</p>
      ) : (
        <AddAgency label={t('instrument.agencies')} options={named.filter((a) => !agencies.includes(a.id))} onAdd={(id) => void assign([...agencies, id])} />
      )}
    </section>
  );
}

/**
 * "+ Perangkat daerah": choosing in the list only chooses (arrow keys pass over names freely);
 * Enter or the button adds the agency.
 */
function AddAgency(props: { label: string; options: { id: string; name: string; fullName: string }[]; onAdd: (id: string) => void }) {
  const { t } = useFmt();
  const [pick, setPick] = useState('');
  const add = () => {
    if (!pick) return;
    props.onAdd(pick);
    setPick('');
  };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      {/* a select does not submit its form on Enter by itself */}
      <select aria-label={props.label} value={pick} onChange={(e) => setPick(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())}>
        <option value="">+ {t('instrument.agencyFilter')}</option>
        {props.options.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.fullName})
          </option>
        ))}
      </select>{' '}
      <button type="submit" disabled={!pick}>
        {t('instrument.addAgency')}
      </button>
    </form>
  );
}
