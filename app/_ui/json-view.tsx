"use client";
/** JSON as a tree: objects and lists fold open and shut; the first levels start open. */
import { useState } from "react";

function Scalar({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-400">{String(value)}</span>;
  if (typeof value === "string") return <span className="text-emerald-700">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="text-blue-700">{value}</span>;
  if (typeof value === "boolean") return <span className="text-violet-700">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Node({ name, value, depth, openDepth }: { name?: string; value: unknown; depth: number; openDepth: number }) {
  const [open, setOpen] = useState(depth < openDepth);
  const label = name !== undefined && <span className="text-slate-600">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <div className="pl-4">
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const [openMark, closeMark] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return (
    <div className="pl-4">
      <button type="button" className="-ml-4 w-4 text-slate-400" aria-label={open ? `Collapse ${name ?? "value"}` : `Expand ${name ?? "value"}`} aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "▾" : "▸"}
      </button>
      {label}
      {openMark}
      {!open && (
        <span className="text-slate-400">
          {" "}
          {entries.length} {Array.isArray(value) ? "items" : "keys"} {closeMark}
        </span>
      )}
      {open && (
        <>
          {entries.map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))}
          <div>{closeMark}</div>
        </>
      )}
    </div>
  );
}

export function JsonView({ value, openDepth = 3, label }: { value: unknown; openDepth?: number; label?: string }) {
  return (
    <div role="tree" aria-label={label ?? "JSON"} className="font-mono text-xs leading-5 text-slate-800">
      <Node value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}
