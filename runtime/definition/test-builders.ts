/** Small builders for definition tests: a one-flow webhook integration around some steps. */
import type { ConfigVar, Definition, Input, JsonValue, Step } from "./schema";

export function integration(steps: Step[], configVars: ConfigVar[] = []): Definition {
  return {
    definitionVersion: 1,
    name: "Test integration",
    configPages: configVars.length > 0 ? [{ name: "Config", elements: configVars.map((configVar) => ({ configVar })) }] : undefined,
    flows: [{ name: "Main", trigger: { type: "webhook" }, steps }],
  };
}

export function action(name: string, inputs: Step["inputs"] = {}, extra: Partial<Step> = {}): Step {
  return { name, action: "test.noop", inputs, ...extra };
}

export function loop(name: string, items: Input, steps: Step[]): Step {
  return { name, action: "loop.loopOverItems", inputs: { items }, steps };
}

export const ref = (reference: string): Input => ({ reference });
export const val = (value: JsonValue): Input => ({ value });
export const tpl = (template: string): Input => ({ template });
