"use client";
/** The right-hand pane: the selected step's inputs, a branch's conditions, or the trigger and flow settings. */
import { structuralAction, type Input, type Step } from "@/runtime/definition";
import { locate, scopeOf } from "@/app/_ui/designer/step-tree";
import { BranchEditor } from "./branch-editor";
import { useDesigner } from "./designer-context";
import { ExecutionSettings } from "./execution-settings";
import { InputEditor, type InputSpec } from "./input-editor";
import { OnErrorSettings } from "./on-error-settings";
import { TriggerSettings } from "./trigger-settings";

export function ConfigPane() {
  const d = useDesigner();
  const sel = d.selected;
  if (sel?.kind === "trigger") {
    return (
      <div className="space-y-6 p-4">
        <h2 className="text-sm font-semibold text-slate-900">Trigger</h2>
        <TriggerSettings flow={sel.flow} />
        <ExecutionSettings flow={sel.flow} />
      </div>
    );
  }
  const entry = sel?.kind === "step" ? locate(d.draft, sel.name) : undefined;
  if (!entry) {
    return (
      <div className="p-4 text-sm text-slate-500">
        <h2 className="mb-2 text-sm font-semibold text-slate-900">Configuration</h2>
        Select the trigger or a step to configure it.
      </div>
    );
  }
  return <StepConfig step={entry.step} />;
}

function StepConfig({ step }: { step: Step }) {
  const d = useDesigner();
  const manifest = d.actionManifest(step.action);
  const structural = structuralAction(step.action);
  const scope = scopeOf(d.draft, step.name);
  const specs: InputSpec[] = manifest
    ? manifest.inputs.map((i) => ({
        ...i,
        required: i.required ?? structural?.inputs[i.key]?.required,
        component: step.action.split(".")[0],
      }))
    : Object.entries(structural?.inputs ?? {}).map(([key, s]) => ({ key, label: key, type: "data", required: s.required }));
  // inputs set in YAML that the manifest does not declare are still shown, so they can be removed
  for (const key of Object.keys(step.inputs ?? {})) if (!specs.some((s) => s.key === key)) specs.push({ key, label: key, type: "data" });
  const setInput = (key: string, input: Input | undefined) =>
    d.edit((x) => {
      const target = locate(x, step.name)!.step;
      const inputs = { ...(target.inputs ?? {}) };
      if (input === undefined) delete inputs[key];
      else inputs[key] = input;
      target.inputs = inputs;
    }, `input:${step.name}:${key}`);
  const problems = d.problems.get(step.name);
  return (
    <div className="space-y-4 p-4" data-testid="step-config">
      {/* room on the right for the pane's hide button */}
      <div className="pr-6">
        <h2 className="text-sm font-semibold break-words text-slate-900">{step.name}</h2>
        <p className="text-xs text-slate-500">
          {manifest?.label ?? step.action} · <code>{step.action}</code>
        </p>
        {!manifest && <p className="mt-1 text-xs text-amber-700">This action is not installed.</p>}
      </div>
      {problems && (
        <ul role="alert" aria-label="Step problems" className="space-y-1 rounded-md bg-red-50 p-2 text-xs text-red-800 ring-1 ring-red-200">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {specs.length > 0 && (
        <section aria-label="Inputs" className="space-y-4">
          {specs.map((spec) => (
            <InputEditor
              key={`${step.name}:${spec.key}`}
              id={`input-${spec.key}`}
              spec={spec}
              value={step.inputs?.[spec.key]}
              scope={scope}
              stepName={step.name}
              onChange={(input) => setInput(spec.key, input)}
            />
          ))}
        </section>
      )}
      {(structural?.kind === "branchOnValue" || structural?.kind === "branchOnExpression") && <BranchEditor step={step} scope={scope} />}
      {!structural && <OnErrorSettings step={step} />}
    </div>
  );
}
