/**
 * Finding, inserting, removing and moving steps in a draft definition. A step is named by its
 * name (keys are unique in the whole integration); a step list by a ListRef. Every change returns
 * a new definition, so the designer's history can keep the old one.
 */
import { stepKey, structuralAction, validateDefinition, type Definition, type PathSegment, type Step } from "@/runtime/definition";

/** A list of steps: a flow's, a loop's, a branch's (by index) or a branch step's else. */
export interface ListRef {
  flow: number;
  parent?: string;
  branch?: number | "else";
}

export const listId = (ref: ListRef) => `list:${ref.flow}:${ref.parent ?? ""}:${ref.branch ?? ""}`;

export function parseListId(id: string): ListRef | undefined {
  const m = /^list:(\d+):(.*):(else|\d*)$/.exec(id);
  if (!m) return undefined;
  const ref: ListRef = { flow: Number(m[1]) };
  if (m[2]) ref.parent = m[2];
  if (m[3]) ref.branch = m[3] === "else" ? "else" : Number(m[3]);
  return ref;
}

export interface StepEntry {
  step: Step;
  ref: ListRef;
  index: number;
  /** the definition path, as validation reports it */
  path: PathSegment[];
  /** the loops around this step, outermost first */
  loops: string[];
  depth: number;
}

function* entriesIn(steps: Step[], ref: ListRef, path: PathSegment[], loops: string[], depth: number): Generator<StepEntry> {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const stepPath = [...path, i];
    yield { step, ref, index: i, path: stepPath, loops, depth };
    const inner = structuralAction(step.action)?.kind === "loop" ? [...loops, step.name] : loops;
    if (step.steps) yield* entriesIn(step.steps, { flow: ref.flow, parent: step.name }, [...stepPath, "steps"], inner, depth + 1);
    for (let b = 0; b < (step.branches?.length ?? 0); b++) {
      yield* entriesIn(
        step.branches![b]!.steps,
        { flow: ref.flow, parent: step.name, branch: b },
        [...stepPath, "branches", b, "steps"],
        inner,
        depth + 1,
      );
    }
    if (step.else)
      yield* entriesIn(step.else, { flow: ref.flow, parent: step.name, branch: "else" }, [...stepPath, "else"], inner, depth + 1);
  }
}

/** Every step of every flow in document order. */
export function allEntries(def: Definition): StepEntry[] {
  return def.flows.flatMap((flow, f) => [...entriesIn(flow.steps, { flow: f }, ["flows", f, "steps"], [], 0)]);
}

export function locate(def: Definition, name: string): StepEntry | undefined {
  return allEntries(def).find((e) => e.step.name === name);
}

export function getList(def: Definition, ref: ListRef): Step[] | undefined {
  const flow = def.flows[ref.flow];
  if (!flow) return undefined;
  if (ref.parent === undefined) return flow.steps;
  const parent = locate(def, ref.parent)?.step;
  if (!parent) return undefined;
  if (ref.branch === undefined) return parent.steps;
  if (ref.branch === "else") return (parent.else ??= []);
  return parent.branches?.[ref.branch]?.steps;
}

/** A name not yet taken, by key: "GET Request", "GET Request 2", … */
export function uniqueName(def: Definition, base: string): string {
  const taken = new Set(allEntries(def).map((e) => stepKey(e.step.name)));
  taken.add("trigger");
  taken.add("configVars");
  if (!taken.has(stepKey(base))) return base;
  for (let n = 2; ; n++) if (!taken.has(stepKey(`${base} ${n}`))) return `${base} ${n}`;
}

const DEFAULT_CODE = `module.exports = async ({ logger, configVars }, stepResults) => {
  return { data: null };
};
`;

/** A new step for an action, with the structure its kind needs so the draft keeps its shape. */
export function newStep(action: string, name: string): Step {
  const kind = structuralAction(action)?.kind;
  if (kind === "loop") return { name, action, inputs: {}, steps: [] };
  if (kind === "branchOnValue") return { name, action, inputs: {}, branches: [{ name: "Branch 1", when: "", steps: [] }], else: [] };
  if (kind === "branchOnExpression") {
    return {
      name,
      action,
      branches: [{ name: "Branch 1", condition: { all: [{ left: { value: "" }, operator: "equal", right: { value: "" } }] }, steps: [] }],
      else: [],
    };
  }
  if (action === "code.runCode") return { name, action, inputs: { code: { value: DEFAULT_CODE } } };
  return { name, action, inputs: {} };
}

export function insertStep(def: Definition, ref: ListRef, index: number, step: Step): Definition {
  const next = structuredClone(def);
  const list = getList(next, ref);
  if (!list) return def;
  list.splice(Math.max(0, Math.min(index, list.length)), 0, step);
  return next;
}

export function removeStep(def: Definition, name: string): Definition {
  const next = structuredClone(def);
  const at = locate(next, name);
  if (!at) return def;
  getList(next, at.ref)!.splice(at.index, 1);
  return next;
}

/** Moves a step to `index` of another (or the same) list; refused into its own loop or branches. */
export function moveStep(def: Definition, name: string, to: ListRef, index: number): Definition | undefined {
  const next = structuredClone(def);
  const from = locate(next, name);
  if (!from) return undefined;
  for (let parent = to.parent; parent !== undefined; parent = locate(next, parent)?.ref.parent) {
    if (parent === name) return undefined;
  }
  const source = getList(next, from.ref)!;
  const [step] = source.splice(from.index, 1);
  const target = getList(next, to);
  if (!target || !step) return undefined;
  target.splice(Math.max(0, Math.min(index, target.length)), 0, step);
  return next;
}

/** The step a validation error is about: the deepest step on its path. */
export function stepNameAtPath(def: Definition, path: readonly PathSegment[]): string | undefined {
  let best: StepEntry | undefined;
  for (const e of allEntries(def)) {
    if (e.path.length <= path.length && e.path.every((s, i) => s === path[i]) && (!best || e.path.length > best.path.length)) best = e;
  }
  return best?.step.name;
}

/**
 * The steps that would lose a reference if `name` were deleted: the new draft errors the deletion
 * causes (the validator knows every reference form), plus code steps naming `stepResults.<key>`.
 */
export function stepsReferencing(def: Definition, name: string): string[] {
  const key = stepKey(name);
  const seen = (d: Definition) => new Set(validateDefinition(d, { mode: "draft" }).map((e) => `${e.path}|${e.message}`));
  const before = seen(def);
  const after = removeStep(def, name);
  const names = new Set<string>();
  for (const e of validateDefinition(after, { mode: "draft" })) {
    if (before.has(`${e.path}|${e.message}`)) continue;
    const at = stepNameAtPath(after, e.pathSegments);
    if (at) names.add(at);
  }
  const inCode = new RegExp(`stepResults\\??\\.${key}\\b|stepResults\\[["']${key}["']\\]|\\{[^}]*\\b${key}\\b[^}]*\\}\\s*\\)\\s*=>`);
  for (const e of allEntries(after)) {
    const code = e.step.inputs?.code;
    if (e.step.action === "code.runCode" && code && "value" in code && typeof code.value === "string" && inCode.test(code.value))
      names.add(e.step.name);
  }
  // the steps inside the deleted one go with it
  names.delete(name);
  return [...names];
}

export interface ScopeEntry {
  /** what to write: `fetchUsers.results`, `loopOverUsers.currentItem`, `loopOverUsers.index` */
  base: string;
  key: string;
  label: string;
  kind: "trigger" | "results" | "currentItem" | "index";
}

/**
 * What a step may reference: the trigger, the steps before it in each list around it (with
 * everything inside them), and the loops around it.
 */
export function scopeOf(def: Definition, name: string): ScopeEntry[] {
  const at = locate(def, name);
  const out: ScopeEntry[] = [{ base: "trigger.results", key: "trigger", label: "Trigger", kind: "trigger" }];
  if (!at) return out;
  const chain: StepEntry[] = [];
  for (let e: StepEntry | undefined = at; e; e = e.ref.parent ? locate(def, e.ref.parent) : undefined) chain.unshift(e);
  const all = allEntries(def);
  for (const link of chain) {
    const list = getList(def, link.ref) ?? [];
    for (const earlier of list.slice(0, link.index)) {
      for (const e of all) {
        const inside = e.step === earlier || isInside(def, e, earlier.name);
        if (inside) out.push({ base: `${stepKey(e.step.name)}.results`, key: stepKey(e.step.name), label: e.step.name, kind: "results" });
      }
    }
  }
  for (const loop of at.loops) {
    const key = stepKey(loop);
    out.push({ base: `${key}.currentItem`, key, label: `${loop} (current item)`, kind: "currentItem" });
    out.push({ base: `${key}.index`, key, label: `${loop} (index)`, kind: "index" });
  }
  return out;
}

function isInside(def: Definition, e: StepEntry, ancestor: string): boolean {
  for (let p = e.ref.parent; p !== undefined; p = locate(def, p)?.ref.parent) if (p === ancestor) return true;
  return false;
}
