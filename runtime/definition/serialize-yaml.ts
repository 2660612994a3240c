/**
 * definition → YAML in the contract's key order, so exports diff cleanly and
 * serialize(parse(serialize(x))) === serialize(x). Inputs, conditions and other small leaves are
 * written in flow style (`{ reference: fetchOrders.results }`), as the contract shows them.
 */
import { Document, isCollection } from "yaml";
import type { PathSegment } from "./reference";
import type { Branch, Condition, ConfigElement, ConfigPage, Definition, Flow, Input, Step } from "./schema";

type Plain = Record<string, unknown>;

/** Longest single-line JSON rendering that still goes on one line in flow style. */
const FLOW_WIDTH = 100;

const SCHEDULE_ORDER = ["configVar", "every", "unit", "weekday", "dayOfMonth", "at", "cron", "timezone"];

class Writer {
  readonly flowPaths: PathSegment[][] = [];

  /** The keys in `order` first; anything else after, in its own order, so nothing is lost. */
  private pick(source: object, order: readonly string[]): Plain {
    const record = source as Plain;
    const out: Plain = {};
    for (const key of order) if (record[key] !== undefined) out[key] = record[key];
    for (const key of Object.keys(record)) if (!(key in out) && record[key] !== undefined) out[key] = record[key];
    return out;
  }

  private flowIfShort(value: unknown, path: PathSegment[]): void {
    const json = JSON.stringify(value);
    if (json !== undefined && json.length <= FLOW_WIDTH && !json.includes("\\n")) this.flowPaths.push(path);
  }

  definition(d: Definition): Plain {
    const out = this.pick(d, ["definitionVersion", "name", "description", "labels", "configPages", "flows", "componentVersions"]);
    if (d.labels) this.flowPaths.push(["labels"]);
    if (d.configPages) out.configPages = d.configPages.map((p, i) => this.page(p, ["configPages", i]));
    out.flows = d.flows.map((f, i) => this.flow(f, ["flows", i]));
    return out;
  }

  private page(page: ConfigPage, path: PathSegment[]): Plain {
    const out = this.pick(page, ["name", "tagline", "elements"]);
    out.elements = page.elements.map((e, i) => this.element(e, [...path, "elements", i]));
    return out;
  }

  private element(element: ConfigElement, path: PathSegment[]): Plain {
    if (!("configVar" in element)) return this.pick(element, ["header"]);
    const configVar = this.pick(element.configVar, [
      "key",
      "label",
      "type",
      "credentialType",
      "oauth2",
      "connection",
      "language",
      "options",
      "description",
      "default",
      "required",
    ]);
    if ("options" in element.configVar) this.flowPaths.push([...path, "configVar", "options"]);
    if (element.configVar.type === "schedule" && element.configVar.default) {
      configVar.default = this.pick(element.configVar.default, SCHEDULE_ORDER);
      this.flowPaths.push([...path, "configVar", "default"]);
    }
    return { configVar: configVar };
  }

  private flow(flow: Flow, path: PathSegment[]): Plain {
    const out = this.pick(flow, ["name", "trigger", "execution", "steps"]);
    out.trigger = this.pick(flow.trigger, ["type", "component", "trigger", "inputs", "schedule"]);
    if (flow.trigger.type === "component" && flow.trigger.inputs) {
      const inputs: Plain = {};
      for (const [name, input] of Object.entries(flow.trigger.inputs))
        inputs[name] = this.input(input, [...path, "trigger", "inputs", name]);
      (out.trigger as Plain).inputs = inputs;
    }
    if ((flow.trigger.type === "schedule" || flow.trigger.type === "component") && flow.trigger.schedule) {
      (out.trigger as Plain).schedule = this.pick(flow.trigger.schedule, SCHEDULE_ORDER);
      this.flowPaths.push([...path, "trigger", "schedule"]);
    }
    if (flow.execution) {
      const execution = this.pick(flow.execution, ["synchronous", "retry", "endpointSecurity", "concurrency"]);
      const retry = flow.execution.retry;
      if (retry) {
        const retryOut = this.pick(retry, ["maxAttempts", "minutesBetween", "exponentialBackoff", "cancelationKey"]);
        if (retry.cancelationKey) {
          retryOut.cancelationKey = this.input(retry.cancelationKey, [...path, "execution", "retry", "cancelationKey"]);
        }
        execution.retry = retryOut;
      }
      out.execution = execution;
    }
    out.steps = this.steps(flow.steps, [...path, "steps"]);
    return out;
  }

  private steps(steps: Step[], path: PathSegment[]): Plain[] {
    return steps.map((s, i) => this.step(s, [...path, i]));
  }

  private step(step: Step, path: PathSegment[]): Plain {
    const out = this.pick(step, ["name", "action", "component", "inputs", "onError", "steps", "branches", "else"]);
    if (step.inputs) {
      const inputs: Plain = {};
      for (const [name, input] of Object.entries(step.inputs)) inputs[name] = this.input(input, [...path, "inputs", name]);
      out.inputs = inputs;
    }
    if (step.onError) {
      out.onError = this.pick(step.onError, ["mode", "attempts", "delayMs"]);
      this.flowPaths.push([...path, "onError"]);
    }
    if (step.steps) out.steps = this.steps(step.steps, [...path, "steps"]);
    if (step.branches) out.branches = step.branches.map((b, i) => this.branch(b, [...path, "branches", i]));
    if (step.else) out.else = this.steps(step.else, [...path, "else"]);
    return out;
  }

  private branch(branch: Branch, path: PathSegment[]): Plain {
    const out = this.pick(branch, ["name", "when", "condition", "steps"]);
    if (branch.condition) out.condition = this.condition(branch.condition, [...path, "condition"]);
    out.steps = this.steps(branch.steps, [...path, "steps"]);
    return out;
  }

  private condition(condition: Condition, path: PathSegment[]): Plain {
    if ("all" in condition) return { all: condition.all.map((c, i) => this.condition(c, [...path, "all", i])) };
    if ("any" in condition) return { any: condition.any.map((c, i) => this.condition(c, [...path, "any", i])) };
    const out = this.pick(condition, ["left", "operator", "right"]);
    out.left = this.input(condition.left, [...path, "left"]);
    if (condition.right) out.right = this.input(condition.right, [...path, "right"]);
    this.flowIfShort(out, path);
    return out;
  }

  private input(input: Input, path: PathSegment[]): Plain {
    const out: Plain = "list" in input ? { list: input.list.map((item, i) => this.input(item, [...path, "list", i])) } : { ...input };
    this.flowIfShort(out, path);
    return out;
  }
}

export function serializeDefinitionYaml(definition: Definition): string {
  const writer = new Writer();
  const doc = new Document(writer.definition(definition));
  for (const path of writer.flowPaths) {
    const node = doc.getIn(path, true);
    if (isCollection(node)) node.flow = true;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
