"use client";
/**
 * Stored JSON as a collapsible tree, for trigger payloads, step inputs and results. Values the
 * runtime kept as summaries show as such: `{ $binary: { size } }` as the type and size,
 * `{ $truncated: { size, preview } }` as the preview with the full size. Long strings are cut for
 * display, with their length and a way to see them whole.
 */
import { useState, type ReactNode } from "react";

const LONG_STRING = 400;

function formatSize(n: number) {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

type Binary = { $binary: { size: number; contentType?: string } };
type Truncated = { $truncated: { size: number; preview: string } };
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
export const isBinary = (v: unknown): v is Binary => isObj(v) && isObj(v.$binary) && typeof v.$binary.size === "number";
export const isTruncated = (v: unknown): v is Truncated => isObj(v) && isObj(v.$truncated) && typeof v.$truncated.size === "number";

function LongString({ value }: { value: string }) {
  const [all, setAll] = useState(false);
  if (value.length <= LONG_STRING || all)
    return <span className="break-all whitespace-pre-wrap text-emerald-700">&quot;{value}&quot;</span>;
  return (
    <span className="break-all text-emerald-700">
      &quot;{value.slice(0, LONG_STRING)}…&quot;{" "}
      <button type="button" className="text-brand-600 hover:underline" onClick={() => setAll(true)}>
        show all {value.length.toLocaleString()} characters
      </button>
    </span>
  );
}

function Scalar({ value }: { value: unknown }): ReactNode {
  if (value === null || value === undefined) return <span className="text-slate-400">{String(value)}</span>;
  if (typeof value === "string") return <LongString value={value} />;
  if (typeof value === "number") return <span className="text-blue-700">{value}</span>;
  if (typeof value === "boolean") return <span className="text-violet-700">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

export function SummaryBadge({ value, downloadHref }: { value: Binary | Truncated; downloadHref?: string }) {
  if (isBinary(value)) {
    return (
      <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">
        binary{value.$binary.contentType ? ` ${value.$binary.contentType}` : ""}, {formatSize(value.$binary.size)}
        {downloadHref && (
          <a className="ml-2 text-brand-600 hover:underline" href={downloadHref}>
            Download
          </a>
        )}
      </span>
    );
  }
  return (
    <span>
      <span className="rounded bg-amber-50 px-1.5 py-0.5 text-amber-800">truncated: {formatSize(value.$truncated.size)} in full</span>
      <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 whitespace-pre-wrap break-all text-slate-700">
        {value.$truncated.preview}…
      </pre>
    </span>
  );
}

function Node({ name, value, depth, openDepth }: { name?: string; value: unknown; depth: number; openDepth: number }) {
  const [open, setOpen] = useState(depth < openDepth);
  const label = name !== undefined && <span className="text-slate-500">{name}: </span>;
  if (isBinary(value) || isTruncated(value)) {
    return (
      <div className="pl-4">
        {label}
        <SummaryBadge value={value} />
      </div>
    );
  }
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
  if (entries.length === 0) {
    return (
      <div className="pl-4">
        {label}
        <span className="text-slate-400">{openMark + closeMark}</span>
      </div>
    );
  }
  return (
    <div className="pl-4">
      <button
        type="button"
        className="-ml-4 w-4 text-slate-400 hover:text-slate-700"
        aria-label={open ? `Collapse ${name ?? "value"}` : `Expand ${name ?? "value"}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? "▾" : "▸"}
      </button>
      {label}
      {openMark}
      {!open && (
        <button type="button" className="text-slate-400 hover:text-slate-700" onClick={() => setOpen(true)}>
          {" "}
          {entries.length} {Array.isArray(value) ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"}{" "}
          {closeMark}
        </button>
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

export function JsonTree({ value, openDepth = 2, label }: { value: unknown; openDepth?: number; label?: string }) {
  return (
    <div role="tree" aria-label={label ?? "JSON"} className="-ml-4 overflow-x-auto font-mono text-xs leading-5 text-slate-800">
      <Node value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}
