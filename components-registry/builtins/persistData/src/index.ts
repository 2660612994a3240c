/** Persist Data: values kept between runs, per flow (default) or per instance. */
import { action, component, input } from "../../../sdk";
import { sameValue } from "./same-value";

const key = input({ label: "Key", type: "string", required: true, description: "Name of the stored value" });
const value = input({ label: "Value", type: "data", required: true });
const scope = input({
  label: "Scope",
  type: "picklist",
  options: ["flow", "instance"],
  default: "flow",
  description: "flow: only this flow sees it; instance: every flow of the instance",
});

async function listAt(state: { get(k: string, s?: "flow" | "instance"): Promise<unknown> }, k: string, s: "flow" | "instance") {
  const current = await state.get(k, s);
  if (current === null || current === undefined) return [];
  if (!Array.isArray(current)) throw new Error(`The value stored under "${k}" is not a list`);
  return current as unknown[];
}

export default component({
  key: "persistData",
  label: "Persist Data",
  description: "Save values between runs of a flow or across an instance's flows",
  category: "Data",
  actions: {
    saveValue: action({
      label: "Save Value",
      inputs: { key, value, scope },
      perform: async ({ state }, i) => {
        await state.set(i.key, i.value, i.scope);
        return { data: i.value };
      },
    }),
    getValue: action({
      label: "Get Value",
      description: "The stored value, or null when unset",
      inputs: { key, scope },
      perform: async ({ state }, i) => ({ data: (await state.get(i.key, i.scope)) ?? null }),
    }),
    appendToList: action({
      label: "Append to List",
      inputs: { key, value, scope },
      perform: async ({ state }, i) => {
        const list = [...(await listAt(state, i.key, i.scope)), i.value];
        await state.set(i.key, list, i.scope);
        return { data: list };
      },
    }),
    removeFromList: action({
      label: "Remove from List",
      description: "Removes every item equal to the value",
      inputs: { key, value, scope },
      perform: async ({ state }, i) => {
        const list = (await listAt(state, i.key, i.scope)).filter((item) => !sameValue(item, i.value));
        await state.set(i.key, list, i.scope);
        return { data: list };
      },
    }),
    removeValue: action({
      label: "Remove Value",
      inputs: { key, scope },
      perform: async ({ state }, i) => {
        await state.delete(i.key, i.scope);
        return { data: null };
      },
    }),
    saveCurrentTime: action({
      label: "Save Current Time",
      description: "Stores the current time (ISO 8601)",
      inputs: { key, scope },
      perform: async ({ state }, i) => {
        const now = new Date().toISOString();
        await state.set(i.key, now, i.scope);
        return { data: now };
      },
    }),
  },
});
