"use client";
import { useState, type HTMLAttributes } from "react";
import { renameStep, stepKey, structuralAction, type Step } from "@/runtime/definition";
import { Modal } from "@/app/_ui/designer/modal";
import { removeStep, stepsReferencing } from "@/app/_ui/designer/step-tree";
import { Button } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";
import { InlineText } from "./inline-text";

const KIND_STYLE: Record<string, string> = {
  loop: "bg-violet-100 text-violet-700",
  branchOnValue: "bg-amber-100 text-amber-800",
  branchOnExpression: "bg-amber-100 text-amber-800",
};

export function StepCard({ step, handle }: { step: Step; handle: HTMLAttributes<HTMLElement> }) {
  const d = useDesigner();
  const [confirm, setConfirm] = useState<string[] | null>(null);
  const selected = d.selected?.kind === "step" && d.selected.name === step.name;
  const problems = d.problems.get(step.name);
  const manifest = d.actionManifest(step.action);
  const component = d.actions.find((a) => a.action === step.action)?.componentLabel ?? step.action.split(".")[0];
  const kind = structuralAction(step.action)?.kind;
  const ran = d.lastRun?.steps.find((s) => s.stepKey === stepKey(step.name));

  const remove = () => {
    d.change(removeStep(d.draft, step.name));
    if (selected) d.select(null);
    setConfirm(null);
  };
  return (
    <>
      <div
        role="group"
        aria-label={`Step ${step.name}`}
        data-testid={`step-${step.name}`}
        onClick={() => d.select({ kind: "step", name: step.name })}
        className={`group relative flex w-72 cursor-pointer items-center gap-2 rounded-lg bg-white px-2 py-2 shadow-sm ring-1 ${
          selected ? "ring-2 ring-brand-500" : problems ? "ring-red-400" : "ring-slate-200 hover:ring-slate-300"
        }`}
      >
        <button
          type="button"
          aria-label={`Drag ${step.name}`}
          className="cursor-grab touch-none px-0.5 text-slate-400 hover:text-slate-700"
          {...handle}
        >
          ⠿
        </button>
        <span
          className={`grid h-8 w-8 shrink-0 place-items-center rounded-md text-xs font-bold ${KIND_STYLE[kind ?? ""] ?? "bg-brand-50 text-brand-700"}`}
        >
          {component.slice(0, 2).toUpperCase()}
        </span>
        <div className="min-w-0 flex-1">
          <InlineText
            label={`Step name ${step.name}`}
            value={step.name}
            className="text-sm font-medium text-slate-900"
            onCommit={(name) => {
              const trimmed = name.trim();
              if (!trimmed) return "a step needs a name";
              const renamed = renameStep(d.draft, step.name, trimmed);
              if (!renamed.ok) return renamed.error;
              d.change(renamed.definition);
              d.select({ kind: "step", name: trimmed });
            }}
          />
          <p className="truncate px-1 text-xs text-slate-500">
            {component} · {manifest?.label ?? step.action}
          </p>
        </div>
        {ran && (
          <span
            title={`last test run: ${ran.status}`}
            className={`h-2 w-2 shrink-0 rounded-full ${ran.status === "succeeded" ? "bg-emerald-500" : ran.status === "failed" ? "bg-red-500" : "bg-slate-400"}`}
          />
        )}
        {problems && (
          <span
            role="img"
            aria-label={`Problems: ${problems.join("; ")}`}
            title={problems.join("\n")}
            className="shrink-0 text-sm text-red-600"
          >
            ⚠
          </span>
        )}
        <button
          type="button"
          aria-label={`Delete ${step.name}`}
          className="shrink-0 rounded px-1 text-slate-400 opacity-0 group-hover:opacity-100 hover:bg-red-50 hover:text-red-700 focus:opacity-100"
          onClick={(e) => {
            e.stopPropagation();
            const users = stepsReferencing(d.draft, step.name);
            if (users.length > 0 || (step.steps?.length ?? 0) > 0 || step.branches?.some((b) => b.steps.length > 0)) setConfirm(users);
            else remove();
          }}
        >
          ✕
        </button>
      </div>
      {confirm && (
        <Modal title={`Delete ${step.name}?`} onClose={() => setConfirm(null)}>
          {confirm.length > 0 ? (
            <p className="text-sm text-slate-700">
              These steps reference it and will have broken references: <strong>{confirm.join(", ")}</strong>.
            </p>
          ) : (
            <p className="text-sm text-slate-700">The steps inside it are deleted with it.</p>
          )}
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
            <Button variant="danger" onClick={remove}>
              Delete step
            </Button>
          </div>
        </Modal>
      )}
    </>
  );
}
