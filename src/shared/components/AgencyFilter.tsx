import type { Agency } from '../../domain/rules/schema';
import { useFmt } from '../useFmt';

/** Choices after the agencies, under their own heading (Bukti: the agencies guessed from letterheads). */
export interface AgencyFilterExtra {
  label: string;
  options: { value: string; label: string }[];
}

/** A filter by supplying agency (OPD): "all" first, then every agency of the rules file. */
/** `counts`: how many items each agency holds under the screen's other filters, shown beside its name. */
export function AgencyFilter({ agencies, value, onChange, label, allLabel, extra, counts }: { agencies: readonly Agency[]; value: string; onChange: (agencyId: string) => void; label: string; allLabel: string; extra?: AgencyFilterExtra; counts?: ReadonlyMap<string, number> }) {
  const { count } = useFmt();
  return (
    <select className="agency-filter" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">
        {label}: {allLabel}
      </option>
      {agencies.map((a) => (
        <option key={a.id} value={a.id}>
          {counts ? `${a.name} (${count(counts.get(a.id) ?? 0)})` : a.name}
        </option>
      ))}
      {extra && extra.options.length > 0 && (
        <optgroup label={extra.label}>
          {extra.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
