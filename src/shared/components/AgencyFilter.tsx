import type { Agency } from '../../domain/rules/schema';

/** A filter by supplying agency (OPD): "all" first, then every agency of the rules file. */
export function AgencyFilter({ agencies, value, onChange, label, allLabel }: { agencies: Agency[]; value: string; onChange: (agencyId: string) => void; label: string; allLabel: string }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">
        {label}: {allLabel}
      </option>
      {agencies.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </select>
  );
}
