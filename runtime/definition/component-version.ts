import type { Definition, Step } from "./schema";
import { splitAction } from "./structural-actions";

/**
 * The version of a step's component to run: the exact version a published definition carries in
 * `componentVersions`, else the step's major pin (`component: http@1` → "1"), else undefined
 * (the latest installed).
 */
export function componentVersionFor(definition: Definition, step: Step): string | undefined {
  const component = splitAction(step.action).component;
  const exact = definition.componentVersions?.[component];
  if (exact !== undefined) return exact;
  return step.component?.split("@")[1];
}
