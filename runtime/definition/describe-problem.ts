/**
 * A definition problem as a person reads it: where it is in words (a step by its name, a config
 * variable by its label, a flow's trigger) and what is wrong, instead of `flows[0].steps[3].inputs.url`.
 * The place also tells the designer what to select when the problem is clicked.
 */
import type { DefinitionError } from "./errors";
import { formatPath, type PathSegment } from "./reference";

export type ProblemPlace =
  | { kind: "step"; flow: number; step: string }
  | { kind: "trigger"; flow: number }
  | { kind: "flow"; flow: number }
  | { kind: "configVar"; key: string; label: string; page: number; element: number }
  | { kind: "integration" };

export interface Problem {
  place: ProblemPlace;
  /** the field inside the place, in words (`input "url"`, `key`), or "" */
  field: string;
  message: string;
  /** `Step "GET users", input "url": unknown reference "fetchUser"` */
  text: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === "object" ? (v as Obj) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The place a path points into, and the rest of the path inside it. */
export function placeOf(definition: unknown, path: readonly PathSegment[]): { place: ProblemPlace; rest: PathSegment[] } {
  const root = obj(definition);
  if (path[0] === "flows" && typeof path[1] === "number") {
    const flow = path[1];
    const flowObj = obj(list(root?.flows)[flow]);
    if (path[2] === "trigger") return { place: { kind: "trigger", flow }, rest: path.slice(3) };
    if (path[2] === "steps" && typeof path[3] === "number") {
      let steps = list(flowObj?.steps);
      let i = 3;
      let step = obj(steps[path[3]]);
      // walk down nested lists (a loop's steps, a branch's, else) while the path goes on into them
      for (;;) {
        const next = path[i + 1];
        let inner: unknown[] | undefined;
        let at = i + 2;
        if ((next === "steps" || next === "else") && typeof path[i + 2] === "number") inner = list(step?.[next]);
        else if (next === "branches" && typeof path[i + 2] === "number" && path[i + 3] === "steps" && typeof path[i + 4] === "number") {
          inner = list(obj(list(step?.branches)[path[i + 2] as number])?.steps);
          at = i + 4;
        }
        if (!inner) break;
        steps = inner;
        step = obj(steps[path[at] as number]);
        i = at;
      }
      const name = typeof step?.name === "string" ? step.name : `step ${(path[i] as number) + 1}`;
      return { place: { kind: "step", flow, step: name }, rest: path.slice(i + 1) };
    }
    return { place: { kind: "flow", flow }, rest: path.slice(2) };
  }
  if (path[0] === "configPages" && typeof path[1] === "number" && path[2] === "elements" && typeof path[3] === "number") {
    const element = obj(list(obj(list(root?.configPages)[path[1]])?.elements)[path[3]]);
    const configVar = obj(element?.configVar);
    if (path[4] === "configVar" && configVar) {
      const key = String(configVar.key ?? "");
      const place = { kind: "configVar" as const, key, label: String(configVar.label ?? key), page: path[1], element: path[3] };
      return { place, rest: path.slice(5) };
    }
  }
  return { place: { kind: "integration" }, rest: [...path] };
}

function fieldInWords(rest: PathSegment[]): string {
  if (rest.length === 0) return "";
  if (rest[0] === "inputs" && typeof rest[1] === "string") {
    const inner = formatPath(rest.slice(2));
    return `input "${rest[1]}"${inner && !/^(reference|template|configVar|value)$/.test(inner) ? ` (${inner})` : ""}`;
  }
  if (rest[0] === "branches" && typeof rest[1] === "number") return `branch ${rest[1] + 1}${rest[2] === "condition" ? "'s condition" : ""}`;
  return formatPath(rest);
}

function placeInWords(definition: unknown, place: ProblemPlace): string {
  const flows = list(obj(definition)?.flows);
  const flowName = (i: number) => String(obj(flows[i])?.name ?? `flow ${i + 1}`);
  switch (place.kind) {
    case "step":
      return `Step "${place.step}"`;
    case "trigger":
      return `The trigger of flow "${flowName(place.flow)}"`;
    case "flow":
      return `Flow "${flowName(place.flow)}"`;
    case "configVar":
      return `Config variable "${place.label}"`;
    case "integration":
      return "The integration";
  }
}

export function describeProblem(definition: unknown, error: DefinitionError): Problem {
  const { place, rest } = placeOf(definition, error.pathSegments);
  const field = fieldInWords(rest);
  const value = place.kind === "configVar" && field === "key" ? ` "${place.key}"` : "";
  const text = `${placeInWords(definition, place)}${field ? `, ${field}${value}` : ""}: ${error.message}`;
  return { place, field, message: error.message, text };
}
