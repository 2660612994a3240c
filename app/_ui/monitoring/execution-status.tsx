import { STATUS_LABELS } from "./format";

const COLORS: Record<string, string> = {
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
  running: "bg-sky-50 text-sky-700 ring-sky-200",
  queued: "bg-slate-100 text-slate-600 ring-slate-200",
  canceled: "bg-slate-100 text-slate-500 ring-slate-200",
  retry_pending: "bg-amber-50 text-amber-800 ring-amber-200",
  skipped: "bg-slate-100 text-slate-500 ring-slate-200",
  // alert deliveries
  delivered: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  pending: "bg-sky-50 text-sky-700 ring-sky-200",
};

export function ExecutionStatus({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${COLORS[status] ?? "bg-slate-100 text-slate-600 ring-slate-200"}`}
    >
      {STATUS_LABELS[status] ?? status}
    </span>
  );
}
