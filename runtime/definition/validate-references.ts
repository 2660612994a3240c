/**
 * Every reference must name something that exists when it is evaluated: the trigger, a config
 * variable, a step that runs before it on every path, a step inside an earlier branch or loop
 * (null when it did not run), or — inside a loop — that loop's currentItem and index.
 */
import type { Report } from "./errors";
import { parseReference, parseTemplate, type PathSegment, type Reference } from "./reference";
import type { Definition, Input, Step } from "./schema";
import { stepKey } from "./step-key";
import { structuralAction } from "./structural-actions";
import type { ConfigVarEntry } from "./validate-keys";
import { allSteps, childStepLists, inputTree, stepInputs, stepsIn } from "./walk";

interface KnownStep {
  name: string;
  flowIndex: number;
  isLoop: boolean;
}

interface Scope {
  /** keys of steps whose results exist (or are null) at this point */
  steps: Set<string>;
  /** keys of the loops around this point, innermost last */
  loops: Set<string>;
  /** the step being checked, for "cannot reference itself" */
  self?: string;
  flowIndex: number;
  /** the retry cancelation key is computed at ingest, before any step runs */
  beforeSteps?: boolean;
}

class ReferenceChecker {
  private readonly known = new Map<string, KnownStep>();

  constructor(
    private readonly definition: Definition,
    private readonly configVars: Map<string, ConfigVarEntry>,
    private readonly report: Report,
  ) {
    for (const { step, flowIndex } of allSteps(definition)) {
      const key = stepKey(step.name);
      if (!this.known.has(key)) {
        this.known.set(key, { name: step.name, flowIndex, isLoop: structuralAction(step.action)?.kind === "loop" });
      }
    }
  }

  run(): void {
    this.definition.flows.forEach((flow, f) => {
      const cancelationKey = flow.execution?.retry?.cancelationKey;
      if (cancelationKey) {
        const scope: Scope = { steps: new Set(), loops: new Set(), flowIndex: f, beforeSteps: true };
        this.checkInput(cancelationKey, ["flows", f, "execution", "retry", "cancelationKey"], scope);
      }
      this.walk(flow.steps, ["flows", f, "steps"], { steps: new Set(), loops: new Set(), flowIndex: f });
    });
  }

  private walk(steps: Step[], path: PathSegment[], scope: Scope): void {
    steps.forEach((step, i) => {
      const stepPath = [...path, i];
      const key = stepKey(step.name);
      for (const { input, path: inputPath } of stepInputs(step, stepPath)) {
        this.checkOwnInput(input, inputPath, { ...scope, self: key });
      }
      const isLoop = structuralAction(step.action)?.kind === "loop";
      for (const list of childStepLists(step, stepPath)) {
        const loops = isLoop ? new Set([...scope.loops, key]) : scope.loops;
        this.walk(list.steps, list.path, { steps: new Set(scope.steps), loops, flowIndex: scope.flowIndex });
      }
      // After a loop or a branch, every step inside it has a result (its last, or null).
      scope.steps.add(key);
      for (const list of childStepLists(step, stepPath)) {
        for (const inner of stepsIn(list.steps, list.path, scope.flowIndex)) scope.steps.add(stepKey(inner.step.name));
      }
    });
  }

  /** Lists are visited item by item by stepInputs already; check only this node. */
  private checkOwnInput(input: Input, path: PathSegment[], scope: Scope): void {
    if ("reference" in input) {
      const parsed = parseReference(input.reference);
      if (!parsed.ok) this.report([...path, "reference"], parsed.error);
      else this.checkReference(parsed.value, [...path, "reference"], scope);
    } else if ("configVar" in input) {
      if (!this.configVars.has(input.configVar)) {
        this.report([...path, "configVar"], `unknown config variable "${input.configVar}"`);
      }
    } else if ("template" in input) {
      const parsed = parseTemplate(input.template);
      if (!parsed.ok) {
        this.report([...path, "template"], parsed.error);
        return;
      }
      for (const part of parsed.value) {
        if (part.kind !== "expression") continue;
        const expression = part.expression;
        if (expression.kind === "reference") this.checkReference(expression.reference, [...path, "template"], scope);
        else if (!this.configVars.has(expression.key)) {
          this.report([...path, "template"], `unknown config variable "${expression.key}"`);
        }
      }
    }
  }

  private checkInput(input: Input, path: PathSegment[], scope: Scope): void {
    for (const node of inputTree(input, path)) this.checkOwnInput(node.input, node.path, scope);
  }

  private checkReference(reference: Reference, path: PathSegment[], scope: Scope): void {
    const { key, kind } = reference;
    const text = `${key}.${kind}`;
    if (key === "trigger") {
      if (kind !== "results") this.report(path, `the trigger has no ${kind}; use trigger.results`);
      return;
    }
    const known = this.known.get(key);
    if (!known) {
      this.report(path, `unknown reference "${key}"`);
      return;
    }
    if (scope.beforeSteps) {
      this.report(path, `"${key}": the cancelation key is computed before any step runs; use trigger.results`);
      return;
    }
    if (known.flowIndex !== scope.flowIndex) {
      const flow = this.definition.flows[known.flowIndex].name;
      this.report(path, `step "${known.name}" is in another flow ("${flow}")`);
      return;
    }
    if (kind === "results") {
      if (scope.loops.has(key)) {
        const inside = `inside it use ${key}.currentItem or ${key}.index`;
        this.report(path, `loop "${known.name}" has no results until it finishes; ${inside}`);
      } else if (key === scope.self) {
        this.report(path, `step "${known.name}" cannot reference its own results`);
      } else if (!scope.steps.has(key)) {
        this.report(path, `step "${known.name}" does not run before this point`);
      }
      return;
    }
    if (!known.isLoop) this.report(path, `"${text}": step "${known.name}" is not a loop`);
    else if (!scope.loops.has(key)) this.report(path, `"${text}" is only available inside loop "${known.name}"`);
  }
}

export function checkReferences(definition: Definition, configVars: Map<string, ConfigVarEntry>, report: Report): void {
  new ReferenceChecker(definition, configVars, report).run();
}
