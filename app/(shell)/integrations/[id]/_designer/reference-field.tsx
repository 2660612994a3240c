"use client";
/**
 * A reference with suggestions: the trigger and every step in scope, and under each the paths seen
 * in the last test run's results (`fetchUsers.results[0].name`), a loop's currentItem and index.
 */
import { useMemo, useState } from "react";
import { resultPaths } from "@/app/_ui/designer/result-paths";
import { valueOfReference } from "@/app/_ui/designer/run-values";
import type { ScopeEntry } from "@/app/_ui/designer/step-tree";
import { useDesigner } from "./designer-context";

export function useReferenceSuggestions(scope: ScopeEntry[]): string[] {
  const d = useDesigner();
  return useMemo(() => {
    const out: string[] = [];
    const run = d.lastRun && { trigger: d.lastRun.trigger, steps: d.lastRun.steps };
    for (const entry of scope) {
      out.push(entry.base);
      if (!run || entry.kind === "index") continue;
      const seen = valueOfReference(d.draft, run, entry.base);
      for (const p of resultPaths(seen)) out.push(entry.base + p);
    }
    return [...new Set(out)];
  }, [d.draft, d.lastRun, scope]);
}

export function ReferenceField({
  id,
  value,
  onChange,
  scope,
  label,
}: {
  id: string;
  value: string;
  onChange(v: string): void;
  scope: ScopeEntry[];
  label: string;
}) {
  const suggestions = useReferenceSuggestions(scope);
  const [open, setOpen] = useState(false);
  const shown = suggestions.filter((s) => s.toLowerCase().includes(value.toLowerCase())).slice(0, 60);
  return (
    <div className="relative">
      <input
        id={id}
        aria-label={label}
        value={value}
        placeholder="e.g. fetchUsers.results"
        autoComplete="off"
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
        }}
        className="block w-full rounded-md border-0 px-2 py-1.5 font-mono text-xs ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
      />
      {open && shown.length > 0 && (
        <ul
          role="listbox"
          aria-label={`References for ${label}`}
          className="absolute z-20 mt-1 max-h-56 w-full overflow-y-auto rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200"
        >
          {shown.map((s) => (
            <li key={s}>
              <button
                type="button"
                role="option"
                aria-selected={s === value}
                onMouseDown={(e) => {
                  e.preventDefault();
                  onChange(s);
                  setOpen(false);
                }}
                className="block w-full px-2 py-1 text-left font-mono text-xs hover:bg-brand-50"
              >
                {s}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
