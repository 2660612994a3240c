/** A labelled filter dropdown: an optional "all" choice (value ""), then the given options. */
const selectClass = "rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500";

export interface FilterOption {
  value: string;
  label: string;
}

/** options from rows with an id and a name (integrations, customers, instances) */
export const named = (rows: { id: string; name: string }[] | undefined): FilterOption[] =>
  (rows ?? []).map((r) => ({ value: r.id, label: r.name }));

export function FilterSelect({
  label,
  all,
  value,
  options,
  onChange,
}: {
  label: string;
  all?: string;
  value: string;
  options: FilterOption[];
  onChange: (value: string) => void;
}) {
  return (
    <select aria-label={label} className={selectClass} value={value} onChange={(e) => onChange(e.target.value)}>
      {all !== undefined && <option value="">{all}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
