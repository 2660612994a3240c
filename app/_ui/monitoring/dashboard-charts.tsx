"use client";
/** The overview's charts: runs per bucket (succeeded / failed stacked) and the failure rate. */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface SeriesPoint {
  at: string;
  succeeded: number;
  failed: number;
  other: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** every bucket of the period, empty ones included, so the time axis is even */
export function fillBuckets(series: SeriesPoint[], since: Date, until: Date, bucket: string) {
  const size = bucket === "hour" ? HOUR : DAY;
  const byAt = new Map(series.map((p) => [new Date(p.at).getTime(), p]));
  const out: Array<SeriesPoint & { label: string; failureRate: number | null }> = [];
  for (let t = Math.floor(since.getTime() / size) * size; t <= until.getTime(); t += size) {
    const p = byAt.get(t) ?? { at: new Date(t).toISOString(), succeeded: 0, failed: 0, other: 0 };
    const d = new Date(t);
    const label =
      bucket === "hour"
        ? `${String(d.getUTCHours()).padStart(2, "0")}:00`
        : `${d.toLocaleString("en", { month: "short", timeZone: "UTC" })} ${d.getUTCDate()}`;
    const done = p.succeeded + p.failed;
    out.push({ ...p, label, failureRate: done ? Math.round((p.failed / done) * 1000) / 10 : null });
  }
  return out;
}

export function RunsChart({ data }: { data: ReturnType<typeof fillBuckets> }) {
  return (
    <div className="h-64" role="img" aria-label="Executions over time">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="succeeded" name="Succeeded" stackId="runs" fill="#10b981" isAnimationActive={false} />
          <Bar dataKey="failed" name="Failed" stackId="runs" fill="#ef4444" isAnimationActive={false} />
          <Bar dataKey="other" name="Other" stackId="runs" fill="#94a3b8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function FailureRateChart({ data }: { data: ReturnType<typeof fillBuckets> }) {
  return (
    <div className="h-64" role="img" aria-label="Failure rate over time">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis unit="%" domain={[0, 100]} tick={{ fontSize: 11, fill: "#64748b" }} />
          <Tooltip formatter={(v) => `${v}%`} />
          <Line
            type="monotone"
            dataKey="failureRate"
            name="Failure rate"
            stroke="#ef4444"
            strokeWidth={2}
            dot={{ r: 2.5, fill: "#ef4444" }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
