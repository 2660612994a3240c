"use client";
/**
 * The header's list of the draft's problems, each in words and a click away from where it is: a
 * step is selected, a trigger opened, config variables shown. The draft is saved with them; only
 * publishing and test runs wait for them to be fixed.
 */
import { useEffect, useRef, useState } from "react";
import type { ProblemPlace } from "@/runtime/definition";
import { useDesigner } from "./designer-context";

export function ProblemsMenu({ onConfigVars }: { onConfigVars(): void }) {
  const d = useDesigner();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    window.addEventListener("mousedown", close);
    return () => window.removeEventListener("mousedown", close);
  }, [open]);
  const n = d.problemList.length;
  if (n === 0) return null;
  const go = (place: ProblemPlace) => {
    setOpen(false);
    if (place.kind === "configVar") return onConfigVars();
    if (place.kind === "step") {
      d.setFlow(place.flow);
      d.select({ kind: "step", name: place.step });
    } else if (place.kind === "trigger") {
      d.setFlow(place.flow);
      d.select({ kind: "trigger", flow: place.flow });
    } else if (place.kind === "flow") d.setFlow(place.flow);
  };
  return (
    <div className="relative" ref={box}>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded-md bg-red-50 px-2 py-1 text-xs font-medium text-red-800 ring-1 ring-red-200 hover:bg-red-100"
      >
        {n} problem{n === 1 ? "" : "s"}
      </button>
      {open && (
        <ul
          aria-label="Draft problems"
          className="absolute right-0 z-30 mt-1 max-h-80 w-[28rem] space-y-1 overflow-y-auto rounded-md bg-white p-2 text-xs shadow-lg ring-1 ring-slate-200"
        >
          {d.problemList.map((p, i) => (
            <li key={i}>
              <button
                type="button"
                onClick={() => go(p.place)}
                className="block w-full rounded px-2 py-1 text-left text-red-800 hover:bg-red-50"
              >
                {p.text}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
