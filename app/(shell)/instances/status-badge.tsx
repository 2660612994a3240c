const COLORS: Record<string, string> = {
  succeeded: "bg-emerald-50 text-emerald-700",
  failed: "bg-red-50 text-red-700",
  running: "bg-sky-50 text-sky-700",
  queued: "bg-slate-100 text-slate-600",
  canceled: "bg-slate-100 text-slate-500",
  enabled: "bg-emerald-50 text-emerald-700",
  disabled: "bg-slate-100 text-slate-500",
};

export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="text-xs text-slate-400">—</span>;
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${COLORS[status] ?? "bg-amber-50 text-amber-800"}`}>{status}</span>;
}
