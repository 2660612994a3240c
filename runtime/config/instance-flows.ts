import { randomBytes } from "node:crypto";
import { flowKey, type Definition, type FixedSchedule } from "../definition";

/** ≥128 bits (here 192) of randomness: the webhook URL is the credential by default. */
export const newWebhookToken = () => randomBytes(24).toString("base64url");

/**
 * Each flow's effective schedule for an instance: the trigger's own, or the value of the schedule
 * config variable it names; null for webhook flows.
 */
export function flowSchedules(definition: Definition, values: Record<string, unknown>) {
  return definition.flows.map((flow) => {
    let schedule: FixedSchedule | null = null;
    // a polling component trigger polls on its schedule
    if (flow.trigger.type === "schedule" || (flow.trigger.type === "component" && flow.trigger.schedule)) {
      const s = flow.trigger.schedule!;
      schedule = "configVar" in s ? ((values[s.configVar] as FixedSchedule | undefined) ?? null) : s;
    }
    return { flowKey: flowKey(flow.name), flowName: flow.name, schedule };
  });
}
