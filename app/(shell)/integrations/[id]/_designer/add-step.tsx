"use client";
import { useState } from "react";
import { insertStep, locate, newStep, uniqueName, type ListRef } from "@/app/_ui/designer/step-tree";
import { useDesigner } from "./designer-context";
import { StepPicker } from "./step-picker";

/** The + between steps: opens the searchable picker and inserts the chosen action here. */
export function AddStep({ listRef, index, after }: { listRef: ListRef; index: number; after?: string }) {
  const d = useDesigner();
  const [open, setOpen] = useState(false);
  const where = after
    ? `after ${after}`
    : listRef.parent
      ? `at the start of ${listRef.parent}${listRef.branch !== undefined ? ` branch ${branchName(d, listRef)}` : ""}`
      : "after the trigger";
  return (
    <div className="relative flex flex-col items-center">
      <span className="h-3 w-px bg-slate-300" aria-hidden />
      <button
        type="button"
        aria-label={`Add step ${where}`}
        onClick={() => setOpen((o) => !o)}
        className="grid h-5 w-5 place-items-center rounded-full bg-white text-xs leading-none text-slate-500 ring-1 ring-slate-300 hover:bg-brand-50 hover:text-brand-700 hover:ring-brand-500"
      >
        +
      </button>
      <span className="h-3 w-px bg-slate-300" aria-hidden />
      {open && (
        <StepPicker
          onClose={() => setOpen(false)}
          onPick={(action, label) => {
            const name = uniqueName(d.draft, label);
            d.change(insertStep(d.draft, listRef, index, newStep(action, name)));
            d.select({ kind: "step", name });
            setOpen(false);
          }}
        />
      )}
    </div>
  );
}

function branchName(d: ReturnType<typeof useDesigner>, ref: ListRef): string {
  if (ref.branch === "else") return "Else";
  const parent = ref.parent ? locate(d.draft, ref.parent)?.step : undefined;
  return parent?.branches?.[ref.branch as number]?.name ?? String(ref.branch);
}
