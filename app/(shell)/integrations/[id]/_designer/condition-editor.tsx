"use client";
/** A condition: leaves (left, operator, right) in all/any groups that nest. */
import {
  COMPARISON_OPERATORS,
  UNARY_OPERATORS,
  type ComparisonOperator,
  type Condition,
  type ConditionLeaf,
  type Input,
} from "@/runtime/definition";
import type { ScopeEntry } from "@/app/_ui/designer/step-tree";
import { InputEditor } from "./input-editor";

const OPERATOR_LABEL: Record<ComparisonOperator, string> = {
  equal: "equals",
  notEqual: "does not equal",
  greaterThan: "is greater than",
  greaterThanOrEqual: "is greater than or equal to",
  lessThan: "is less than",
  lessThanOrEqual: "is less than or equal to",
  in: "is contained in",
  notIn: "is not contained in",
  exists: "exists",
  doesNotExist: "does not exist",
};

const EMPTY: Input = { value: "" };
const newLeaf = (): ConditionLeaf => ({ left: { value: "" }, operator: "equal", right: { value: "" } });

export function ConditionEditor({
  condition,
  onChange,
  scope,
  path,
}: {
  condition: Condition;
  onChange(c: Condition): void;
  scope: ScopeEntry[];
  path: string;
}) {
  if ("all" in condition || "any" in condition) {
    const op = "all" in condition ? "all" : "any";
    const items = "all" in condition ? condition.all : condition.any;
    const set = (next: Condition[]) => onChange(op === "all" ? { all: next } : { any: next });
    return (
      <div className="space-y-2 rounded-md border-l-2 border-amber-300 pl-2">
        <div className="flex items-center gap-2 text-xs">
          <select
            aria-label={`${path} group`}
            value={op}
            onChange={(e) => onChange(e.target.value === "all" ? { all: items } : { any: items })}
            className="rounded-md border-0 py-0.5 text-xs ring-1 ring-slate-300"
          >
            <option value="all">all of (and)</option>
            <option value="any">any of (or)</option>
          </select>
        </div>
        {items.map((item, i) => (
          <div key={i} className="flex items-start gap-1">
            <div className="flex-1">
              <ConditionEditor
                condition={item}
                scope={scope}
                path={`${path}.${i + 1}`}
                onChange={(c) => set(items.map((x, j) => (j === i ? c : x)))}
              />
            </div>
            {items.length > 1 && (
              <button
                type="button"
                aria-label={`Remove condition ${path}.${i + 1}`}
                className="px-1 text-slate-400 hover:text-red-700"
                onClick={() => set(items.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            )}
          </div>
        ))}
        <div className="flex gap-3 text-xs font-medium text-brand-700">
          <button type="button" className="hover:underline" onClick={() => set([...items, newLeaf()])}>
            + Condition
          </button>
          <button type="button" className="hover:underline" onClick={() => set([...items, { any: [newLeaf()] }])}>
            + Group
          </button>
        </div>
      </div>
    );
  }
  const unary = UNARY_OPERATORS.has(condition.operator);
  return (
    <div className="space-y-1 rounded-md bg-white p-2 ring-1 ring-slate-200">
      <InputEditor
        id={`${path}-left`}
        spec={{ key: "left", label: "Left", type: "data" }}
        value={condition.left}
        scope={scope}
        onChange={(left) => onChange({ ...condition, left: left ?? EMPTY })}
      />
      <select
        aria-label={`${path} operator`}
        value={condition.operator}
        onChange={(e) => {
          const operator = e.target.value as ComparisonOperator;
          const { right, ...rest } = condition;
          onChange(UNARY_OPERATORS.has(operator) ? { ...rest, operator } : { ...rest, operator, right: right ?? EMPTY });
        }}
        className="w-full rounded-md border-0 py-1 text-sm ring-1 ring-slate-300"
      >
        {COMPARISON_OPERATORS.map((o) => (
          <option key={o} value={o}>
            {OPERATOR_LABEL[o]}
          </option>
        ))}
      </select>
      {!unary && (
        <InputEditor
          id={`${path}-right`}
          spec={{ key: "right", label: "Right", type: "data" }}
          value={condition.right}
          scope={scope}
          onChange={(right) => onChange({ ...condition, right: right ?? EMPTY })}
        />
      )}
    </div>
  );
}
