/** Small builders for definition tests: a one-flow webhook integration around some steps. */
import type { ConfigVar, Definition, Step } from "./schema.js";

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

export function loop(name: string, items: NonNullable<Step["inputs"]>[string], steps: Step[]): Step {
  return { name, action: "loop.loopOverItems", inputs: { items }, steps };
}

export const ref = (reference: string) => ({ reference });
export const val = (value: NonNullable<unknown>) => ({ value: value as never });
export const tpl = (template: string) => ({ template });
