"use client";
import type { TeamRole } from "@/db/schema";
import { ROLE_HINTS, ROLE_LABELS, TEAM_ROLE_CHOICES } from "@/app/_server/services/users/role-labels";

/** A team role picker; each option says what the role may do. */
export function RoleSelect({
  id,
  value,
  onChange,
  label,
  disabled,
}: {
  id?: string;
  value: TeamRole;
  onChange: (role: TeamRole) => void;
  label?: string;
  disabled?: boolean;
}) {
  return (
    <select
      id={id}
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as TeamRole)}
      className="block rounded-md border-0 bg-white py-1.5 pr-8 pl-3 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500"
    >
      {TEAM_ROLE_CHOICES.map((r) => (
        <option key={r} value={r} title={ROLE_HINTS[r]}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  );
}
