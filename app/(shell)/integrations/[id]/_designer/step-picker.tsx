"use client";
/** The installed components' actions, filtered as the user types. */
import { useEffect, useRef, useState } from "react";
import { useDesigner } from "./designer-context";

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
    const text = `${a.componentLabel} ${a.manifest.label} ${a.action} ${a.manifest.description ?? ""}`.toLowerCase();
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
      <ul className="max-h-72 overflow-y-auto" aria-label="Actions">
        {matches.map((a) => (
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
        {matches.length === 0 && <li className="px-2 py-3 text-center text-sm text-slate-500">No action matches.</li>}
      </ul>
    </div>
  );
}
