"use client";
/** A branch step's branches: `when` per branch (on value) or a condition per branch (on expression). */
import { structuralAction, type Branch, type Condition, type Step } from "@/runtime/definition";
import { locate, type ScopeEntry } from "@/app/_ui/designer/step-tree";
import { ConditionEditor } from "./condition-editor";
import { useDesigner } from "./designer-context";
import { JsonField } from "./json-field";

const NEW_CONDITION: Condition = { all: [{ left: { value: "" }, operator: "equal", right: { value: "" } }] };

export function BranchEditor({ step, scope }: { step: Step; scope: ScopeEntry[] }) {
  const d = useDesigner();
  const onValue = structuralAction(step.action)?.kind === "branchOnValue";
  const branches = step.branches ?? [];
  const update = (mutate: (branches: Branch[]) => void, tag?: string) =>
    d.edit(
      (x) => {
        const target = locate(x, step.name)!.step;
        target.branches ??= [];
        mutate(target.branches);
      },
      tag && `branch:${step.name}:${tag}`,
    );
  return (
    <section aria-label="Branches" className="space-y-3 border-t border-slate-200 pt-3">
      <h3 className="text-sm font-semibold text-slate-800">Branches</h3>
      <p className="text-xs text-slate-500">
        Tried in order; the first that {onValue ? "equals the value" : "holds"} runs, otherwise Else.
      </p>
      {branches.map((branch, i) => (
        <div key={i} className="space-y-2 rounded-md bg-amber-50/60 p-2 ring-1 ring-amber-200" data-testid={`branch-${i}`}>
          <div className="flex items-center gap-2">
            <input
              aria-label={`Branch ${i + 1} name`}
              value={branch.name}
              onChange={(e) => update((b) => void (b[i]!.name = e.target.value), `name:${i}`)}
              className="flex-1 rounded-md border-0 px-2 py-1 text-sm font-medium ring-1 ring-slate-300"
            />
            <button
              type="button"
              aria-label={`Move branch ${branch.name} up`}
              disabled={i === 0}
              className="px-1 text-slate-500 disabled:opacity-30"
              onClick={() => update((b) => void b.splice(i - 1, 0, ...b.splice(i, 1)))}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`Remove branch ${branch.name}`}
              className="px-1 text-slate-400 hover:text-red-700"
              onClick={() => update((b) => void b.splice(i, 1))}
            >
              ✕
            </button>
          </div>
          {onValue ? (
            <label className="block text-xs text-slate-600">
              when the value equals
              <JsonField
                id={`branch-${i}-when`}
                label={`Branch ${i + 1} when`}
                rows={1}
                value={branch.when}
                onChange={(v) => update((b) => void (b[i]!.when = v ?? ""), `when:${i}`)}
              />
            </label>
          ) : (
            <ConditionEditor
              condition={branch.condition ?? NEW_CONDITION}
              scope={scope}
              path={`Branch ${i + 1}`}
              onChange={(c) => update((b) => void (b[i]!.condition = c), `condition:${i}`)}
            />
          )}
        </div>
      ))}
      <button
        type="button"
        className="text-xs font-medium text-brand-700 hover:underline"
        onClick={() =>
          update((b) => {
            const taken = new Set(b.map((x) => x.name.toLowerCase()));
            let n = b.length + 1;
            while (taken.has(`branch ${n}`)) n++;
            b.push(onValue ? { name: `Branch ${n}`, when: "", steps: [] } : { name: `Branch ${n}`, condition: NEW_CONDITION, steps: [] });
          })
        }
      >
        + Branch
      </button>
    </section>
  );
}
