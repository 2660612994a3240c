"use client";
/** Log lines of a run, each with its step's name: filtered by least level, step and text; very long lines cut for display. */
import { useState } from "react";
import { NO_NAMES, type StepNames } from "./step-names";

export interface LogRow {
  id: number;
  attempt: number;
  stepKey: string | null;
  level: string;
  message: string;
  createdAt: string | Date;
}

const LEVELS = ["debug", "info", "warn", "error"];
const LEVEL_STYLE: Record<string, string> = {
  debug: "text-slate-400",
  info: "text-sky-300",
  warn: "text-amber-300",
  error: "text-red-400 font-semibold",
};
const SHOWN = 1000;

function Message({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  if (text.length <= SHOWN || all) return <span className="break-all whitespace-pre-wrap">{text}</span>;
  return (
    <span className="break-all whitespace-pre-wrap">
      {text.slice(0, SHOWN)}…{" "}
      <button type="button" className="text-brand-600 hover:underline" onClick={() => setAll(true)}>
        show all {text.length.toLocaleString()} characters
      </button>
    </span>
  );
}

export function ExecutionLogs({ logs, attempts, names = NO_NAMES }: { logs: LogRow[]; attempts: number; names?: StepNames }) {
  const [level, setLevel] = useState("debug");
  const [search, setSearch] = useState("");
  const [attempt, setAttempt] = useState(0);
  const q = search.trim().toLowerCase();
  const shown = logs.filter(
    (l) =>
      LEVELS.indexOf(l.level) >= LEVELS.indexOf(level) &&
      (attempt === 0 || l.attempt === attempt) &&
      (!q ||
        l.message.toLowerCase().includes(q) ||
        (l.stepKey !== null && (l.stepKey.toLowerCase().includes(q) || names.name(l.stepKey).toLowerCase().includes(q)))),
  );
  return (
    <div>
      <div className="mb-2 flex flex-wrap gap-2">
        <select
          aria-label="Least log level"
          className="rounded-md border-0 py-1 pr-8 pl-2 text-sm ring-1 ring-slate-300"
          value={level}
          onChange={(e) => setLevel(e.target.value)}
        >
          <option value="debug">All levels</option>
          <option value="info">Info and above</option>
          <option value="warn">Warnings and errors</option>
          <option value="error">Errors only</option>
        </select>
        {attempts > 1 && (
          <select
            aria-label="Attempt of the logs"
            className="rounded-md border-0 py-1 pr-8 pl-2 text-sm ring-1 ring-slate-300"
            value={attempt}
            onChange={(e) => setAttempt(Number(e.target.value))}
          >
            <option value={0}>All attempts</option>
            {Array.from({ length: attempts }, (_, i) => (
              <option key={i} value={i + 1}>
                Attempt {i + 1}
              </option>
            ))}
          </select>
        )}
        <input
          aria-label="Search logs"
          placeholder="Search logs"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-64 rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        <span className="self-center text-xs text-slate-500">
          {shown.length} of {logs.length} lines
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-500">{logs.length ? "No log lines match." : "No log lines."}</p>
      ) : (
        <ol
          aria-label="Log lines"
          className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100"
        >
          {shown.map((l) => (
            <li key={l.id} className="flex gap-3">
              <span className="shrink-0 text-slate-500">{new Date(l.createdAt).toISOString().slice(11, 23)}</span>
              <span className={`w-10 shrink-0 uppercase ${LEVEL_STYLE[l.level] ?? "text-slate-400"}`}>{l.level}</span>
              {l.stepKey && (
                <span className="shrink-0 text-violet-300" title={l.stepKey}>
                  {names.name(l.stepKey)}
                </span>
              )}
              {attempts > 1 && <span className="shrink-0 text-slate-500">#{l.attempt}</span>}
              <Message text={l.message} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
