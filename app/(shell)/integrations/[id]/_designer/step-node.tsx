"use client";
/** One step in the editor: its card, and for a loop its framed inner steps, for a branch its lanes. */
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { structuralAction, type Step } from "@/runtime/definition";
import { useDesigner } from "./designer-context";
import { StepCard } from "./step-card";
import { StepList } from "./step-list";

export function StepNode({ step }: { step: Step }) {
  const d = useDesigner();
  const { setNodeRef, transform, transition, isDragging, attributes, listeners } = useSortable({ id: `step:${step.name}` });
  const kind = structuralAction(step.action)?.kind;
  const style = { transform: CSS.Translate.toString(transform), transition };
  const flow = d.flow;
  return (
    <div ref={setNodeRef} style={style} className={`flex flex-col items-center ${isDragging ? "z-10 opacity-60" : ""}`}>
      <StepCard step={step} handle={{ ...attributes, ...listeners }} />
      {kind === "loop" && (
        <div
          data-testid={`loop-${step.name}`}
          className="mt-1 rounded-lg border-2 border-dashed border-violet-300 bg-violet-50/40 px-4 pt-1 pb-2"
        >
          <p className="mb-1 text-center text-[11px] font-medium tracking-wide text-violet-700 uppercase">for each item</p>
          <StepList listRef={{ flow, parent: step.name }} steps={step.steps ?? []} label={`Steps in ${step.name}`} />
        </div>
      )}
      {(kind === "branchOnValue" || kind === "branchOnExpression") && (
        <div className="mt-1 flex flex-col items-center">
          {/* lanes never shrink: with many branches the editor pane scrolls sideways instead */}
          <div className="flex items-start gap-3 border-t-2 border-amber-300 pt-2">
            {(step.branches ?? []).map((branch, b) => (
              <div
                key={b}
                data-testid={`lane-${branch.name}`}
                className="flex min-w-52 shrink-0 flex-col items-center rounded-lg bg-amber-50/60 px-2 py-1 ring-1 ring-amber-200"
              >
                <p className="text-xs font-semibold text-amber-800">{branch.name}</p>
                {kind === "branchOnValue" && <p className="text-[11px] text-amber-700">when {JSON.stringify(branch.when)}</p>}
                <StepList listRef={{ flow, parent: step.name, branch: b }} steps={branch.steps} label={`Steps in branch ${branch.name}`} />
              </div>
            ))}
            <div
              data-testid="lane-Else"
              className="flex min-w-52 shrink-0 flex-col items-center rounded-lg bg-slate-100 px-2 py-1 ring-1 ring-slate-200"
            >
              <p className="text-xs font-semibold text-slate-600">Else</p>
              <StepList
                listRef={{ flow, parent: step.name, branch: "else" }}
                steps={step.else ?? []}
                label={`Steps in branch Else of ${step.name}`}
              />
            </div>
          </div>
          {/* the lanes converge: execution goes on below the branch */}
          <div className="h-3 w-full border-b-2 border-amber-300" aria-hidden />
        </div>
      )}
    </div>
  );
}
