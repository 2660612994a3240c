"use client";
/** The installed components' actions, grouped by component (label, category, description) and filtered as the user types. */
import { useEffect, useRef, useState } from "react";
import { useDesigner, type CatalogAction } from "./designer-context";

interface ActionGroup {
  key: string;
  label: string;
  category?: string | null;
  description?: string;
  actions: CatalogAction[];
}

/** in the catalog's order: components as they come, each with its actions */
function groupByComponent(actions: CatalogAction[]): ActionGroup[] {
  const groups = new Map<string, ActionGroup>();
  for (const a of actions) {
    const key = a.component ?? a.action.split(".")[0]!;
    if (!groups.has(key))
      groups.set(key, { key, label: a.componentLabel, category: a.category, description: a.componentDescription, actions: [] });
    groups.get(key)!.actions.push(a);
  }
  return [...groups.values()];
}

export function StepPicker({ onPick, onClose }: { onPick(action: string, label: string): void; onClose(): void }) {
  const d = useDesigner();
  const [query, setQuery] = useState("");
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const away = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && onClose();
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [onClose]);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = d.actions.filter((a) => {
    const text = `${a.componentLabel} ${a.category ?? ""} ${a.manifest.label} ${a.action} ${a.manifest.description ?? ""}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  return (
    <div
      ref={box}
      role="dialog"
      aria-label="Choose an action"
      className="absolute top-8 z-30 w-80 rounded-lg bg-white p-2 shadow-xl ring-1 ring-slate-200"
    >
      <input
        autoFocus
        aria-label="Search actions"
        placeholder="Search actions…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") onClose();
          if (e.key === "Enter" && matches[0]) onPick(matches[0].action, matches[0].manifest.label);
        }}
        className="mb-2 block w-full rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
      />
      <div role="group" className="max-h-80 overflow-y-auto" aria-label="Actions">
        {groupByComponent(matches).map((g) => (
          <section key={g.key} aria-label={g.label} className="mb-1">
            <header className="sticky top-0 bg-white px-2 pt-1.5 pb-0.5">
              <span className="text-xs font-semibold tracking-wide text-slate-700 uppercase">{g.label}</span>
              {g.category && <span className="ml-2 rounded bg-slate-100 px-1.5 text-[10px] text-slate-500">{g.category}</span>}
              {g.description && <span className="block truncate text-[11px] text-slate-400">{g.description}</span>}
            </header>
            <ul>
              {g.actions.map((a) => (
                <li key={a.action}>
                  <button
                    type="button"
                    onClick={() => onPick(a.action, a.manifest.label)}
                    className="block w-full rounded px-2 py-1.5 text-left hover:bg-brand-50"
                  >
                    <span className="block text-sm font-medium text-slate-800">
                      {a.componentLabel} · {a.manifest.label}
                    </span>
                    {a.manifest.description && <span className="block truncate text-xs text-slate-500">{a.manifest.description}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {matches.length === 0 && <p className="px-2 py-3 text-center text-sm text-slate-500">No action matches.</p>}
      </div>
    </div>
  );
}
