/** An entry's details as "key: value" pairs in words; role changes read "Builder → Support". */
import { ROLE_LABELS } from "@/app/_server/services/users/role-labels";

const words = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
const show = (v: unknown) => (typeof v === "string" ? (ROLE_LABELS[v as keyof typeof ROLE_LABELS] ?? v) : JSON.stringify(v));

export function AuditDetail({ detail }: { detail: Record<string, unknown> | null }) {
  if (!detail) return null;
  const { from, to, ...rest } = detail;
  const pairs = Object.entries(rest).filter(([, v]) => v !== undefined && v !== null);
  return (
    <span>
      {from !== undefined && to !== undefined && (
        <span className="block">
          {show(from)} → {show(to)}
        </span>
      )}
      {pairs.map(([k, v]) => (
        <span key={k} className="block">
          {words(k)}: {show(v)}
        </span>
      ))}
    </span>
  );
}
